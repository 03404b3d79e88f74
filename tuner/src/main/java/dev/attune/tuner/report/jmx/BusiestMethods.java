package dev.attune.tuner.report.jmx;

import dev.attune.tuner.aggregate.MethodFigures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which methods have an MBean of their own: the busiest {@code limit}, by calls in recent intervals
 * ({@link MethodFigures#recentCalls()}), then by calls since start. Agent thread only, once an interval.
 *
 * <p>Hysteresis: a method enters only when it ranks within the limit and a place is free, and leaves only once
 * it ranks past the limit plus a margin of a quarter of it, so two methods of about the same rate do not swap
 * MBeans every interval; the place a leaver frees goes to the best-ranked method without one.
 */
public final class BusiestMethods {

    /** Method MBeans by default. */
    public static final int DEFAULT_LIMIT = 200;

    private static final Comparator<MethodFigures> BUSIEST_FIRST =
            Comparator.comparingDouble(MethodFigures::recentCalls).reversed()
                    .thenComparing(Comparator.comparingLong(MethodFigures::totalCount).reversed())
                    .thenComparing(MethodFigures::name);

    private final int limit;
    private final int margin;
    private final Set<MethodFigures> shown = new HashSet<>();
    private final List<MethodFigures> entering = new ArrayList<>();
    private final List<MethodFigures> leaving = new ArrayList<>();

    /** Shows at most {@code limit} methods. */
    public BusiestMethods(int limit) {
        this.limit = Math.max(0, limit);
        this.margin = Math.max(1, limit / 4);
    }

    /** Decides the methods shown from every method's figures; then {@link #entering()} and {@link #leaving()}. */
    public void select(MethodFigures[] all) {
        entering.clear();
        leaving.clear();
        MethodFigures[] ranked = all.clone();
        Arrays.sort(ranked, BUSIEST_FIRST);
        Set<MethodFigures> keep = new HashSet<>();
        for (int rank = 0; rank < ranked.length && rank < limit + margin; rank++) {
            if (shown.contains(ranked[rank])) {
                keep.add(ranked[rank]);
            }
        }
        for (MethodFigures f : shown) {
            if (!keep.contains(f)) {
                leaving.add(f);
            }
        }
        leaving.forEach(shown::remove);
        for (int rank = 0; rank < ranked.length && rank < limit && shown.size() < limit; rank++) {
            if (shown.add(ranked[rank])) {
                entering.add(ranked[rank]);
            }
        }
    }

    /** The methods that get an MBean after the last {@link #select}. */
    public List<MethodFigures> entering() {
        return entering;
    }

    /** The methods whose MBean goes after the last {@link #select}. */
    public List<MethodFigures> leaving() {
        return leaving;
    }
}
