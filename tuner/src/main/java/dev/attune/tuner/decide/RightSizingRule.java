package dev.attune.tuner.decide;

import dev.attune.tuner.aggregate.RightSizingFigures;
import dev.attune.tuner.decide.RightSizingRecommendation.Verdict;
import java.util.Locale;

/**
 * Recommends cores and max heap from a window of use, e.g.
 * {@code p95 1.2 of 16 cores used (peak 3.1): 2 to 4 cores would do; heap after GC p95 310 MB of 4 GB (peak 450 MB):
 * a 1 GB max heap would do}.
 *
 * <p>Arithmetic, all documented in the sentence's figures:
 * <ul>
 *   <li><b>Cores.</b> The low end keeps the p95 of cores used at {@link #CPU_P95_TARGET} of the cores:
 *   {@code low = ceil(p95 / 0.65)}, at least 1; bursts above p95 may then be throttled. The high end also fits the
 *   peak at {@link #CPU_PEAK_FIT}: {@code high = max(low, ceil(peak / 0.9))}. Fewer cores would do when
 *   {@code high} is below the cores available; more would give headroom when {@code low} is above them (the
 *   p95 is past 65% of what there is); otherwise they fit. A peak at the quota says nothing about what the
 *   process would take without it, which is why only p95 can call for more.</li>
 *   <li><b>Heap.</b> Heap used after GC is an upper bound of the live set (a young collection leaves old garbage
 *   in place). The heap wanted is {@code max(3 × p95, 1.5 × peak)}: the usual three to four times the live set
 *   that lets a collector run rarely, and the largest live set at two thirds of the heap. It is rounded up to a
 *   step (128 MB below 1 GB, 512 MB below 8 GB, then 1 GB). Within a quarter of the max heap it fits; below,
 *   the smaller heap would do; above, more would give headroom.</li>
 *   <li><b>Not enough data.</b> Each resource needs {@code minSamples} window entries with its figure; until
 *   then it says "not enough data yet (n of m samples)", or "not measured" when it has none.</li>
 * </ul>
 * Pure: no clock, no state but the configuration.
 */
public final class RightSizingRule {

    /** Share of the cores the p95 of use should take. */
    public static final double CPU_P95_TARGET = 0.65;
    /** Share of the cores the peak of use may take. */
    public static final double CPU_PEAK_FIT = 0.90;
    /** Max heap as a multiple of the p95 of heap after GC. */
    public static final double HEAP_P95_FACTOR = 3.0;
    /** Max heap as a multiple of the peak of heap after GC. */
    public static final double HEAP_PEAK_FACTOR = 1.5;
    /** Relative distance from the max heap within which the heap fits. */
    public static final double HEAP_FITS_WITHIN = 0.25;
    /** Default window entries needed before a resource is judged. */
    public static final int DEFAULT_MIN_SAMPLES = 30;

    private static final double MB = 1 << 20;
    private static final double GB = 1 << 30;
    private static final double ROUNDING = 1e-9; // 1.3 / 0.65 must stay 2, not become 3

    private final int minSamples;

    /** Creates the rule judging a resource only after {@code minSamples} window entries (at least 1). */
    public RightSizingRule(int minSamples) {
        this.minSamples = Math.max(1, minSamples);
    }

    /** Entries needed before a resource is judged. */
    public int minSamples() {
        return minSamples;
    }

    /** Recommends from the window's figures. */
    public RightSizingRecommendation recommend(RightSizingFigures f) {
        StringBuilder text = new StringBuilder(160);
        Verdict cpu = Verdict.NOT_ENOUGH_DATA;
        int low = 0;
        int high = 0;
        if (f.cpuSamples() < minSamples || Double.isNaN(f.cpuCoresP95())) {
            text.append("cores used: ").append(notYet(f.cpuSamples()));
        } else {
            low = Math.max(1, (int) Math.ceil(f.cpuCoresP95() / CPU_P95_TARGET - ROUNDING));
            high = Math.max(low, (int) Math.ceil(f.cpuCoresPeak() / CPU_PEAK_FIT - ROUNDING));
            double available = f.coresAvailable();
            text.append(String.format(Locale.ROOT, "p95 %.1f ", f.cpuCoresP95()));
            if (!Double.isNaN(available)) {
                text.append("of ").append(cores(available)).append(' ');
            }
            text.append(String.format(Locale.ROOT, "cores used (peak %.1f): ", f.cpuCoresPeak()));
            if (Double.isNaN(available)) {
                cpu = Verdict.FITS; // nothing to compare with: the range alone
                text.append(range(low, high)).append(" would do");
            } else if (high < available) {
                cpu = Verdict.SMALLER;
                text.append(range(low, high)).append(" would do");
            } else if (low > available) {
                cpu = Verdict.LARGER;
                text.append("short of CPU, ").append(low).append(" or more cores would give headroom");
            } else {
                cpu = Verdict.FITS;
                text.append("the ").append(cores(available)).append(" cores fit");
            }
        }
        text.append("; ");
        Verdict heap = Verdict.NOT_ENOUGH_DATA;
        double wanted = Double.NaN;
        if (f.heapSamples() < minSamples || Double.isNaN(f.heapAfterGcP95Bytes())) {
            text.append("heap after GC: ").append(notYet(f.heapSamples()));
        } else {
            wanted = roundUp(Math.max(HEAP_P95_FACTOR * f.heapAfterGcP95Bytes(),
                    HEAP_PEAK_FACTOR * f.heapAfterGcPeakBytes()));
            double max = f.heapMaxBytes();
            text.append("heap after GC p95 ").append(bytes(f.heapAfterGcP95Bytes()));
            if (!Double.isNaN(max)) {
                text.append(" of ").append(bytes(max));
            }
            text.append(" (peak ").append(bytes(f.heapAfterGcPeakBytes())).append("): ");
            if (Double.isNaN(max)) {
                heap = Verdict.FITS; // nothing to compare with: the size alone
                text.append("a ").append(bytes(wanted)).append(" max heap would do");
            } else if (wanted < max * (1 - HEAP_FITS_WITHIN)) {
                heap = Verdict.SMALLER;
                text.append("a ").append(bytes(wanted)).append(" max heap would do");
            } else if (wanted > max * (1 + HEAP_FITS_WITHIN)) {
                heap = Verdict.LARGER;
                text.append("short of heap, a ").append(bytes(wanted)).append(" max heap would give headroom");
            } else {
                heap = Verdict.FITS;
                text.append("the ").append(bytes(max)).append(" max heap fits");
            }
        }
        String sentence = cpu == Verdict.NOT_ENOUGH_DATA && heap == Verdict.NOT_ENOUGH_DATA
                ? "not enough data yet: " + Math.max(f.cpuSamples(), f.heapSamples()) + " of " + minSamples
                        + " samples" : text.toString();
        return new RightSizingRecommendation(sentence, f, cpu, low, high, heap, wanted);
    }

    private String notYet(int samples) {
        return samples == 0 ? "not measured" : "not enough data yet (" + samples + " of " + minSamples + " samples)";
    }

    private static String range(int low, int high) {
        return low == high ? low + (low == 1 ? " core" : " cores") : low + " to " + high + " cores";
    }

    private static String cores(double n) {
        return n == Math.rint(n) ? String.valueOf((long) n) : String.format(Locale.ROOT, "%.1f", n);
    }

    /** Rounds a heap size up to its step: 128 MB below 1 GB, 512 MB below 8 GB, then 1 GB. */
    static double roundUp(double bytes) {
        double step = bytes < GB ? 128 * MB : bytes < 8 * GB ? 512 * MB : GB;
        return Math.max(step, Math.ceil(bytes / step - ROUNDING) * step);
    }

    /** A size as people write it: {@code 310 MB}, {@code 4 GB}, {@code 1.5 GB}. */
    static String bytes(double b) {
        if (b < GB) {
            return String.format(Locale.ROOT, "%.0f MB", b / MB);
        }
        double g = b / GB;
        return g == Math.rint(g) || g >= 100 ? String.format(Locale.ROOT, "%.0f GB", g)
                : String.format(Locale.ROOT, "%.1f GB", g);
    }
}
