package dev.attune.instrumentation.pools;

import dev.attune.bootstrap.PoolTap;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.asm.Advice;

/**
 * Advice inlined into {@link ThreadPoolExecutor} itself (so every subclass inherits it): one nested class per
 * method. Rules of inlined advice: static methods only, no fields, {@code suppress = Throwable.class}, all logic
 * in {@link PoolTap}, which sits in the boot loader and so is visible from {@code java.util.concurrent}.
 */
final class PoolAdvice {

    private PoolAdvice() {
    }

    /** On {@code execute(Runnable)}: the submit time of the task. */
    static final class Execute {
        private Execute() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(0) Runnable task) {
            PoolTap.submitted(pool, task);
        }
    }

    /** On the private {@code getTask()}: a worker's previous task ended (enter) and its next one starts (exit). */
    static final class GetTask {
        private GetTask() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool) {
            PoolTap.workerAsks(pool);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ThreadPoolExecutor pool, @Advice.Return Runnable task) {
            PoolTap.workerTook(pool, task);
        }
    }

    /** On {@code reject(Runnable)}: one rejection. */
    static final class Reject {
        private Reject() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool) {
            PoolTap.rejected(pool);
        }
    }
}
