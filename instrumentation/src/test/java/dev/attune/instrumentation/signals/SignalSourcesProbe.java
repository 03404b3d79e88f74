package dev.attune.instrumentation.signals;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.Signal;
import java.util.Arrays;

/**
 * Main class for {@link ChildJvm}: starts one signal source the way the agent would and prints, one a line,
 * {@code problem|source|what|reason}, then {@code started=...} or {@code source=...} and {@code seen=...}.
 */
public final class SignalSourcesProbe {

    private SignalSourcesProbe() {
    }

    /** {@code jfr} or {@code os}. */
    public static void main(String[] args) {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1);
        SignalProblems problems = (source, what, reason) ->
                System.out.println("problem|" + source + "|" + what + "|" + reason);
        if (args[0].equals("jfr")) {
            try (JfrSignalStream jfr = new JfrSignalStream(JfrSettings.defaults(), stripes, new MethodIds(64), problems)) {
                System.out.println("started=" + jfr.start());
            }
        } else {
            OsSignalSampler sampler = new OsSignalSampler(stripes, problems);
            sampler.sample();
            sampler.sample();
            SignalTally tally = new SignalTally().drainAll(stripes);
            System.out.println("source=" + sampler.source());
            System.out.println("seen=" + Arrays.stream(Signal.values()).filter(tally::seen).toList());
        }
    }
}
