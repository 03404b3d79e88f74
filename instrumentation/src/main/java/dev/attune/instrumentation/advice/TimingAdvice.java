package dev.attune.instrumentation.advice;

import dev.attune.bootstrap.MethodTimer;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into every timed method: reads the clock on entry, and on exit hands the method id, start
 * time and outcome to {@link MethodTimer}.
 *
 * <p>Rules of inlined advice: static methods only, no fields, every throwable suppressed, and calls only
 * to bootstrap classes (JDK types only), because this bytecode runs inside application classes of any
 * class loader. The logic lives in {@link MethodTimer} and the agent's sink, not here.
 */
final class TimingAdvice {

    private TimingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@MethodId int methodId, @Advice.Enter long startNanos, @Advice.Thrown Throwable thrown) {
        MethodTimer.exit(methodId, startNanos, thrown != null);
    }
}
