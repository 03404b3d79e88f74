package dev.attune.tuner.report.jmx;

import dev.attune.tuner.aggregate.MethodFigures;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Every called method in one attribute of the agent's MBean, a line each, most calls first: one MBean per method
 * is too many to browse once a broad pattern times thousands. Built on request, on the JMX caller's thread.
 */
public final class MethodTable implements Supplier<String[]> {

    /** Most lines: as many as methods can be timed. */
    static final int MAX_LINES = 10_000;

    private static final Comparator<MethodFigures> MOST_CALLS_FIRST =
            Comparator.comparingLong(MethodFigures::totalCount).reversed().thenComparing(MethodFigures::name);

    private final Supplier<MethodFigures[]> figures;

    /** A table of the figures {@code figures} supplies (each call: the latest published array). */
    public MethodTable(Supplier<MethodFigures[]> figures) {
        this.figures = figures;
    }

    @Override
    public String[] get() {
        MethodFigures[] all = figures.get().clone();
        Arrays.sort(all, MOST_CALLS_FIRST);
        String[] lines = new String[Math.min(all.length, MAX_LINES)];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = line(all[i]);
        }
        return lines;
    }

    /** Since start: calls, errors, percentiles and max in microseconds; then the last interval's calls. */
    static String line(MethodFigures f) {
        return String.format(Locale.ROOT,
                "%s total=%d errors=%d p50_us=%.1f p90_us=%.1f p99_us=%.1f max_us=%.1f interval_count=%d%s",
                f.name(), f.totalCount(), f.totalErrors(), f.totalP50Nanos() / 1e3, f.totalP90Nanos() / 1e3,
                f.totalP99Nanos() / 1e3, f.totalMaxNanos() / 1e3, f.count(), f.isCountsOnly() ? " counts_only" : "");
    }
}
