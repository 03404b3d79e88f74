package dev.attune.instrumentation.signals;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.Signal;
import dev.attune.instrumentation.encode.SignalCodec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;

/** What the agent thread would read off the ring buffers: per signal the count and last value, per frame the samples. */
final class SignalTally implements MessageHandler {

    final Map<Signal, Integer> counts = new EnumMap<>(Signal.class);
    final Map<Signal, Double> last = new EnumMap<>(Signal.class);
    final Map<Signal, Double> max = new EnumMap<>(Signal.class);
    final Map<Integer, Integer> frameSamples = new HashMap<>();

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        if (msgTypeId == SignalCodec.EXECUTION_SAMPLE) {
            frameSamples.merge((int) buffer.getLong(index), 1, Integer::sum);
            return;
        }
        Signal signal = SignalCodec.signal(msgTypeId);
        if (signal == null) {
            throw new AssertionError("not a signal: type " + msgTypeId);
        }
        double value = SignalCodec.decode(signal, buffer.getLong(index));
        counts.merge(signal, 1, Integer::sum);
        last.put(signal, value);
        max.merge(signal, value, Math::max);
    }

    /** Reads everything waiting on {@code stripes}. */
    SignalTally drainAll(ManyToOneRingBufferStripes stripes) {
        while (stripes.drain(this, 1 << 16) > 0) {
            Thread.onSpinWait();
        }
        return this;
    }

    boolean seen(Signal signal) {
        return counts.containsKey(signal);
    }
}
