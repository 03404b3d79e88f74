package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.EventCodec;
import dev.attune.instrumentation.encode.HotMethodCounts;
import dev.attune.instrumentation.encode.ManyToOneDurationCounts;
import dev.attune.instrumentation.encode.MethodIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Turns method-exit events read from the ring buffers into per-method histograms. Agent thread only.
 *
 * <p>Methods are found by id in an array, so the steady state is an array load and a histogram record:
 * no allocation. A method's state is created on its first call, not when its class is instrumented: a broad
 * pattern may instrument thousands of methods that are never called, and those cost only their slot here.
 *
 * <p>Memory is bounded ({@link #limitMemory}): at each roll the aggregator measures what the figures hold and, past
 * the budget, the least-called methods drop their histograms for good and keep counts, mean and max only, down to
 * nine tenths of the budget. Between rolls, a method first called while the budget is spent starts with counts
 * only, and one that finds no interval histogram to borrow counts its calls only until the next interval.
 *
 * <p>Hot methods: once a second the aggregator promotes every method whose calls came through the ring
 * buffers at {@link HotMethodCounts#promotionRate()} a second or more (100,000 by default) to counting in
 * place ({@link HotMethodCounts}),
 * and sweeps the promoted methods' counts into their histograms, as it does again before every roll.
 * Below that rate the ring buffers cost the application and the agent thread next to nothing; above it,
 * their per-call read and cache traffic would become the larger part of the hot path's cost.
 */
public final class MethodAggregator implements MessageHandler {

    private static final long HOT_CHECK_NANOS = 1_000_000_000L;

    private final MethodIds ids;
    private final HotMethodCounts hot;
    private long lastHotCheckNanos;
    private MethodStats[] byId = new MethodStats[64];
    private final List<MethodStats> methods = new ArrayList<>();
    private final List<MethodFigures> figures = new ArrayList<>();
    private final List<MethodFigures> figuresView = Collections.unmodifiableList(figures);
    private volatile MethodFigures[] published = new MethodFigures[0];
    private MethodMemory memory = new MethodMemory(Long.MAX_VALUE);
    private LongConsumer onHistogramsDropped = dropped -> { };
    private int countsOnly;
    /** Methods that found no interval histogram to borrow in this interval. */
    private int starved;
    private boolean droppedSaid;
    private int idsKnown;
    private long eventsRecorded;
    private long rolls;
    private long startNanos;
    private long intervalStartNanos;

    /** Creates an aggregator naming methods through {@code ids}, with no hot-method counting. */
    public MethodAggregator(MethodIds ids, long nowNanos) {
        this(ids, HotMethodCounts.none(), nowNanos);
    }

    /**
     * Creates an aggregator naming methods through {@code ids} and promoting hot methods in {@code hot};
     * the run starts at {@code nowNanos}.
     */
    public MethodAggregator(MethodIds ids, HotMethodCounts hot, long nowNanos) {
        this.ids = ids;
        this.hot = hot;
        this.lastHotCheckNanos = nowNanos;
        this.startNanos = nowNanos;
        this.intervalStartNanos = nowNanos;
    }

    /**
     * Bounds the heap the figures hold to {@code budgetBytes}; {@code onHistogramsDropped} hears, once, at the end of
     * the first interval in which methods lost their histograms, how many had by then. Call before the first event.
     */
    public void limitMemory(long budgetBytes, LongConsumer onHistogramsDropped) {
        this.memory = new MethodMemory(budgetBytes);
        this.onHistogramsDropped = onHistogramsDropped;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        if (!EventCodec.isMethodExit(msgTypeId)) {
            return; // other signal kinds are aggregated elsewhere
        }
        int id = EventCodec.methodId(msgTypeId);
        MethodStats stats = id < byId.length ? byId[id] : null;
        if (stats == null) {
            stats = add(id);
        }
        if (stats.wantsInterval()) {
            lendInterval(stats);
        }
        stats.record(buffer.getLong(index), EventCodec.threw(msgTypeId));
        eventsRecorded++;
    }

    /** Notes the ids registered since the last call and returns how many; their state comes with their first call. */
    public int discoverMethods() {
        int known = ids.count();
        int added = known - idsKnown;
        idsKnown = known;
        return added;
    }

    private MethodStats add(int id) {
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        String name = ids.nameOf(id);
        boolean histograms = memory.affordsMethod();
        MethodStats stats = new MethodStats(id, name != null ? name : "method-" + id, histograms);
        memory.add(histograms ? MethodMemory.NEW_METHOD_BYTES : MethodStats.FIXED_BYTES);
        if (!histograms) {
            stats.figures.countsOnly();
            countsOnly++;
        }
        byId[id] = stats;
        methods.add(stats);
        figures.add(stats.figures);
        return stats;
    }

    private void lendInterval(MethodStats stats) {
        // Without a histogram to lend, this interval's calls are counted only; the roll measures and evicts.
        if (memory.canLend()) {
            stats.lend(memory.lend());
        } else if (!stats.starved) {
            stats.starved = true;
            starved++;
        }
    }

    /**
     * At a roll: drops the histograms of the least-called methods until the use, with an interval histogram for
     * each method that went without one, is down to the eviction target.
     */
    private void evict() {
        List<MethodStats> candidates = new ArrayList<>();
        for (int i = 0, n = methods.size(); i < n; i++) {
            if (!methods.get(i).countsOnly()) {
                candidates.add(methods.get(i));
            }
        }
        candidates.sort(Comparator.comparingLong(MethodStats::calls));
        for (int i = 0; i < candidates.size() && memory.aboveEvictionTarget(starved); i++) {
            drop(candidates.get(i));
        }
    }

    /** At a roll: drops a method's histograms, and a spare interval histogram since it will borrow none again. */
    private void drop(MethodStats stats) {
        memory.release(stats.totalBytes());
        stats.dropHistograms();
        if (stats.starved) {
            stats.starved = false;
            starved--; // wants no loan now
        } else {
            memory.freeSpare();
        }
        countsOnly++;
    }

    /**
     * Once a second: promotes the methods called through the ring buffers at the promotion rate or more,
     * then sweeps every promoted method's counts. Returns the methods promoted now.
     */
    public int checkHotMethods(long nowNanos) {
        long elapsed = nowNanos - lastHotCheckNanos;
        if (elapsed < HOT_CHECK_NANOS) {
            return 0;
        }
        lastHotCheckNanos = nowNanos;
        // In double: a rate of a billion times a long gap would overflow a long.
        double hotCalls = (double) hot.promotionRate() * elapsed / HOT_CHECK_NANOS;
        int promoted = 0;
        for (int i = 0, n = methods.size(); i < n; i++) {
            MethodStats stats = methods.get(i);
            if (hot.maxPromoted() > 0 && stats.ringCallsSinceCheck >= hotCalls && hot.promote(stats.id)) {
                promoted++;
            }
            stats.ringCallsSinceCheck = 0;
        }
        sweepHotMethods();
        return promoted;
    }

    /** Records every promoted method's counted calls into its histograms. */
    private void sweepHotMethods() {
        for (int i = 0, n = hot.promotedCount(); i < n; i++) {
            int id = hot.promotedId(i);
            ManyToOneDurationCounts counts = hot.forMethod(id);
            MethodStats stats = id < byId.length ? byId[id] : null;
            if (stats == null) {
                stats = add(id);
            }
            if (stats.wantsInterval()) {
                lendInterval(stats);
            }
            eventsRecorded += counts.sweep(stats);
        }
    }

    /** The name of method {@code methodId} as its figures show it. */
    public String nameOf(int methodId) {
        MethodStats stats = methodId >= 0 && methodId < byId.length ? byId[methodId] : null;
        String name = stats != null ? stats.figures.name() : ids.nameOf(methodId);
        return name != null ? name : "method-" + methodId;
    }

    /** True when {@code methodId} is counted in place. */
    boolean isHot(int methodId) {
        return hot.forMethod(methodId) != null;
    }

    /** Ends the current interval at {@code nowNanos}: publishes every method's figures and starts the next. */
    public void roll(long nowNanos) {
        sweepHotMethods();
        double intervalSeconds = (nowNanos - intervalStartNanos) / 1e9;
        double sinceStart = (nowNanos - startNanos) / 1e9;
        memory.startRoll();
        long bytes = 0;
        for (int i = 0, n = methods.size(); i < n; i++) {
            MethodStats stats = methods.get(i);
            Histogram lent = stats.roll(intervalSeconds, sinceStart);
            if (lent != null) {
                memory.handBack(lent);
            }
            bytes += stats.footprintBytes();
        }
        memory.measured(bytes);
        if (memory.beyondBudget(starved)) {
            evict();
        }
        for (int i = 0, n = methods.size(); starved > 0 && i < n; i++) {
            if (methods.get(i).starved) {
                methods.get(i).starved = false;
                starved--;
            }
        }
        if (countsOnly > 0 && !droppedSaid) {
            droppedSaid = true;
            onHistogramsDropped.accept(countsOnly);
        }
        if (published.length != figures.size()) {
            published = figures.toArray(new MethodFigures[0]);
        }
        intervalStartNanos = nowNanos;
        rolls++;
    }

    /** Intervals rolled so far. */
    public long rolls() {
        return rolls;
    }

    /**
     * The figures of every method called so far, as of the last roll, in order of first call. Any thread: the
     * array is never changed once published.
     */
    public MethodFigures[] publishedFigures() {
        return published;
    }

    /** Methods that keep counts, mean and max only, for want of memory. */
    public int countsOnlyMethods() {
        return countsOnly;
    }

    /** Heap the figures hold, as measured at the last roll and estimated since. */
    public long memoryUsedBytes() {
        return memory.usedBytes();
    }

    /** The figures of every method called so far, in order of first call. Agent thread only. */
    public List<MethodFigures> figures() {
        return figuresView;
    }

    /** The figures of the method named {@code name}, or null while it has not been called. */
    public MethodFigures figures(String name) {
        for (int i = 0, n = figures.size(); i < n; i++) {
            if (figures.get(i).name().equals(name)) {
                return figures.get(i);
            }
        }
        return null;
    }

    /** Method-exit events recorded since start. */
    public long eventsRecorded() {
        return eventsRecorded;
    }
}
