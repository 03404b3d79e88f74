package dev.attune.instrumentation.advice;

import dev.attune.instrumentation.match.MethodSelection;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The timing transformer's place, taken in premain before Byte Buddy is ready. Byte Buddy's first use costs a cold
 * JVM about half a second; it is built on the agent's start thread instead, and meanwhile this gate lets every class
 * whose name no pattern can match load at once. A class that may hold timed methods waits for the real transformer
 * (bounded), so every call of a timed method is still timed from the first. A class let through untimed (the wait
 * ran out, or the start thread loaded it itself) is retransformed once the transformer is ready.
 *
 * <p>It stays registered and forwards to the real transformer: one transformer in the JVM's list, never two
 * that could both weave a class loaded at the hand-over.
 */
public final class DeferredTimingTransformer implements ClassFileTransformer {

    /** Longest a class load waits for Byte Buddy: long enough for a cold start on a busy machine, yet bounded. */
    static final long WAIT_MILLIS = 10_000;

    private static final ClassFileTransformer NONE = new ClassFileTransformer() {
    };

    private final MethodSelection selection;
    private final ClassLoader agentLoader;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final AtomicInteger passedUntimed = new AtomicInteger();
    private volatile ClassFileTransformer timing;
    private volatile Thread starter;
    private List<Class<?>> loadedBefore = List.of();

    DeferredTimingTransformer(MethodSelection selection, ClassLoader agentLoader) {
        this.selection = selection;
        this.agentLoader = agentLoader;
    }

    /** Registers the gate, then lists the loaded classes it will never see: those to retransform when ready. */
    void register(Instrumentation instrumentation) {
        instrumentation.addTransformer(this, true);
        loadedBefore = LoadedTypeDiscovery.candidates(instrumentation, selection);
    }

    /** The thread that builds the real transformer: its own class loads never wait for it. */
    public void startedOn(Thread thread) {
        starter = thread;
    }

    /** Hands over to {@code transformer} (none when building it failed) and releases every waiting class load. */
    void ready(ClassFileTransformer transformer) {
        timing = transformer == null ? NONE : transformer;
        ready.countDown();
    }

    List<Class<?>> loadedBefore() {
        return loadedBefore;
    }

    int passedUntimed() {
        return passedUntimed.get();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        try {
            ClassFileTransformer current = timing;
            if (current == null) {
                if (className == null || loader == agentLoader
                        || !selection.mayMatchName(className.replace('/', '.'))) {
                    return null;
                }
                current = awaitTiming();
                if (current == null) {
                    passedUntimed.incrementAndGet();
                    return null;
                }
            }
            return current.transform(module, loader, className, classBeingRedefined, protectionDomain,
                    classfileBuffer);
        } catch (Throwable t) {
            return null; // a class is loaded as it is rather than fail its load
        }
    }

    private ClassFileTransformer awaitTiming() {
        if (Thread.currentThread() == starter) {
            return null;
        }
        try {
            ready.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return timing;
    }
}
