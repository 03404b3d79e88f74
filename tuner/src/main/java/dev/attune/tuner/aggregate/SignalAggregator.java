package dev.attune.tuner.aggregate;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.Signal;
import dev.attune.instrumentation.encode.SignalCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/**
 * Turns signal and execution-sample events read from the ring buffers into one snapshot an interval.
 * Agent thread only.
 *
 * <p>Per signal the interval keeps count, sum, max and last value in primitive arrays (no allocation
 * per event); execution samples are counted per frame id. At each roll one immutable
 * {@link SignalSnapshot} is published for readers (JMX, rules, log) and the accumulators restart.
 */
public final class SignalAggregator implements MessageHandler {

    /** How many of the hottest frames a snapshot names. */
    public static final int HOT_FRAMES = 10;

    private final MethodIds frames;
    private final int n = Signal.count();
    private final long[] counts = new long[n];
    private final double[] sums = new double[n];
    private final double[] maxes = new double[n];
    private final double[] lasts = new double[n];
    private final double[] lastEver = new double[n];
    private final boolean[] everSeen = new boolean[n];
    private int[] frameSamples = new int[256];
    private int samplesThisInterval;
    private long intervalStartNanos;
    private volatile SignalSnapshot snapshot = SignalSnapshot.EMPTY;

    /** Creates an aggregator naming sampled frames through {@code frames}; the first interval starts now. */
    public SignalAggregator(MethodIds frames, long nowNanos) {
        this.frames = frames;
        this.intervalStartNanos = nowNanos;
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        if (msgTypeId == SignalCodec.EXECUTION_SAMPLE) {
            int frame = (int) buffer.getLong(index);
            if (frame >= 0) {
                if (frame >= frameSamples.length) {
                    frameSamples = Arrays.copyOf(frameSamples, Math.max(frame + 1, frameSamples.length * 2));
                }
                frameSamples[frame]++;
                samplesThisInterval++;
            }
            return;
        }
        Signal signal = SignalCodec.signal(msgTypeId);
        if (signal != null) {
            record(signal, SignalCodec.decode(signal, buffer.getLong(index)));
        }
    }

    /** Records one value of {@code signal}; what {@link #onMessage} does for a decoded event. */
    public void record(Signal signal, double value) {
        int i = signal.ordinal();
        if (counts[i] == 0 || value > maxes[i]) {
            maxes[i] = value;
        }
        counts[i]++;
        sums[i] += value;
        lasts[i] = value;
        lastEver[i] = value;
        everSeen[i] = true;
    }

    /** Ends the interval at {@code nowNanos}: publishes a snapshot and restarts the accumulators. */
    public SignalSnapshot roll(long nowNanos) {
        double seconds = Math.max(1e-9, (nowNanos - intervalStartNanos) / 1e9);
        SignalSnapshot next = new SignalSnapshot(seconds, counts.clone(), sums.clone(), maxes.clone(),
                lasts.clone(), lastEver.clone(), everSeen.clone(), hotFrames(), samplesThisInterval);
        Arrays.fill(counts, 0);
        Arrays.fill(sums, 0);
        Arrays.fill(maxes, 0);
        Arrays.fill(lasts, 0);
        Arrays.fill(frameSamples, 0);
        samplesThisInterval = 0;
        intervalStartNanos = nowNanos;
        snapshot = next;
        return next;
    }

    private List<SignalSnapshot.HotFrame> hotFrames() {
        if (samplesThisInterval == 0) {
            return List.of();
        }
        // Partial selection of the top few by count: frames are few hundred at most per interval.
        List<SignalSnapshot.HotFrame> top = new ArrayList<>(HOT_FRAMES);
        boolean[] taken = new boolean[frameSamples.length];
        for (int k = 0; k < HOT_FRAMES; k++) {
            int best = -1;
            for (int f = 0; f < frameSamples.length; f++) {
                if (!taken[f] && frameSamples[f] > 0 && (best < 0 || frameSamples[f] > frameSamples[best])) {
                    best = f;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            String name = frames.nameOf(best);
            top.add(new SignalSnapshot.HotFrame(name != null ? name : "frame-" + best, frameSamples[best],
                    frameSamples[best] / (double) samplesThisInterval));
        }
        return List.copyOf(top);
    }

    /** The last published snapshot; any thread. */
    public SignalSnapshot snapshot() {
        return snapshot;
    }
}
