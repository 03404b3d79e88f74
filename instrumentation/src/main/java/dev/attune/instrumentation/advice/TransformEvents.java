package dev.attune.instrumentation.advice;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Collects what happened while classes were transformed, for the agent thread to report.
 *
 * <p>Transformations run on whichever thread loads a class, an application thread: nothing is printed
 * there. Outcomes are queued (bounded) and counted; the agent thread logs them.
 */
public final class TransformEvents extends AgentBuilder.Listener.Adapter {

    /** At most this many pending messages are kept; the rest are only counted. */
    static final int MAX_PENDING = 256;

    private final ConcurrentLinkedQueue<String> pendingErrors = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> pendingTransformed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong transformed = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    @Override
    public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                                 boolean loaded, DynamicType dynamicType) {
        transformed.incrementAndGet();
        offer(pendingTransformed, typeDescription.getName());
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                        Throwable throwable) {
        errors.incrementAndGet();
        offer(pendingErrors, typeName + ": " + throwable);
    }

    private void offer(ConcurrentLinkedQueue<String> queue, String message) {
        if (pending.incrementAndGet() <= MAX_PENDING) {
            queue.offer(message);
        } else {
            pending.decrementAndGet();
        }
    }

    /** The next class that was instrumented, or null. */
    public String pollTransformed() {
        return poll(pendingTransformed);
    }

    /** The next transformation error as "type: throwable", or null. */
    public String pollError() {
        return poll(pendingErrors);
    }

    private String poll(ConcurrentLinkedQueue<String> queue) {
        String message = queue.poll();
        if (message != null) {
            pending.decrementAndGet();
        }
        return message;
    }

    /** Classes instrumented since start. */
    public long transformedCount() {
        return transformed.get();
    }

    /** Classes that failed to instrument since start. */
    public long errorCount() {
        return errors.get();
    }
}
