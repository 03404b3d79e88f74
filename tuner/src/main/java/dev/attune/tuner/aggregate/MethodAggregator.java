package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.EventCodec;
import dev.attune.instrumentation.encode.HotMethodCounts;
import dev.attune.instrumentation.encode.ManyToOneDurationCounts;
import dev.attune.instrumentation.encode.MethodIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Turns method-exit events read from the ring buffers into per-method histograms. Agent thread only.
 *
 * <p>Methods are found by id in an array, so the steady state is an array load and a histogram record:
 * no allocation. A method's histograms are created when its id is first registered or first seen.
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
    private long eventsRecorded;
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
        stats.record(buffer.getLong(index), EventCodec.threw(msgTypeId));
        eventsRecorded++;
    }

    /** Creates histograms for ids registered since the last call; returns how many were added. */
    public int discoverMethods() {
        int added = 0;
        for (int id = 0, n = ids.count(); id < n; id++) {
            if (id >= byId.length || byId[id] == null) {
                add(id);
                added++;
            }
        }
        return added;
    }

    private MethodStats add(int id) {
        if (id >= byId.length) {
            byId = Arrays.copyOf(byId, Math.max(id + 1, byId.length * 2));
        }
        String name = ids.nameOf(id);
        MethodStats stats = new MethodStats(id, name != null ? name : "method-" + id);
        byId[id] = stats;
        methods.add(stats);
        figures.add(stats.figures);
        return stats;
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
            eventsRecorded += counts.sweep(stats != null ? stats : add(id));
        }
    }

    /** The name of method {@code methodId} as its figures show it. */
    public String nameOf(int methodId) {
        MethodStats stats = methodId < byId.length ? byId[methodId] : null;
        return stats != null ? stats.figures.name() : "method-" + methodId;
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
        for (int i = 0, n = methods.size(); i < n; i++) {
            methods.get(i).roll(intervalSeconds, sinceStart);
        }
        intervalStartNanos = nowNanos;
    }

    /** The figures of every method known so far, in order of discovery. */
    public List<MethodFigures> figures() {
        return figuresView;
    }

    /** The figures of the method named {@code name}, or null. */
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
