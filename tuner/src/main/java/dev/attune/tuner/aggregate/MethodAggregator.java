package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.EventCodec;
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
 */
public final class MethodAggregator implements MessageHandler {

    private final MethodIds ids;
    private MethodStats[] byId = new MethodStats[64];
    private final List<MethodStats> methods = new ArrayList<>();
    private final List<MethodFigures> figures = new ArrayList<>();
    private final List<MethodFigures> figuresView = Collections.unmodifiableList(figures);
    private long eventsRecorded;
    private long startNanos;
    private long intervalStartNanos;

    /** Creates an aggregator naming methods through {@code ids}; the run starts at {@code nowNanos}. */
    public MethodAggregator(MethodIds ids, long nowNanos) {
        this.ids = ids;
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

    /** Ends the current interval at {@code nowNanos}: publishes every method's figures and starts the next. */
    public void roll(long nowNanos) {
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
