package dev.attune.sample;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names pool threads {@code <prefix>-1, <prefix>-2, ...} so profiles and the tuner can tell the pools apart. */
final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + next.getAndIncrement());
        // Daemon: a pool that somebody forgot to shut down must never keep the JVM (or a test run) alive.
        thread.setDaemon(true);
        return thread;
    }
}
