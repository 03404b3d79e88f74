package dev.attune.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches one pool from outside, as an operator would: every 50 ms it reads the core and maximum size and the
 * live thread count, and notes each change of the configured sizes. The sample app never resizes its own pools,
 * so every change seen here was made by someone else: the agent's tuner (or a person over JMX).
 *
 * <p>Figures are kept per phase: the caller marks phase starts with {@link #phase(String)}.
 */
final class PoolWatch {

    /** What one phase saw of the pool. */
    record PhaseSizes(String label, int coreAtStart, int coreAtEnd, int maxAtEnd, int peakCore, int peakThreads,
                      int changes) {
    }

    private final String name;
    private final ThreadPoolExecutor pool;
    private final List<PhaseSizes> done = new ArrayList<>();
    private String label;
    private int coreAtStart;
    private int peakCore;
    private int peakThreads;
    private int changes;
    private int lastCore;
    private int lastMax;

    PoolWatch(String name, ThreadPoolExecutor pool) {
        this.name = name;
        this.pool = pool;
        this.lastCore = pool.getCorePoolSize();
        this.lastMax = pool.getMaximumPoolSize();
    }

    String name() {
        return name;
    }

    /** Closes the current phase (if any) and opens one called {@code nextLabel}. */
    synchronized void phase(String nextLabel) {
        sample();
        if (label != null) {
            done.add(new PhaseSizes(label, coreAtStart, lastCore, lastMax, peakCore, peakThreads, changes));
        }
        label = nextLabel;
        coreAtStart = lastCore;
        peakCore = lastCore;
        peakThreads = pool.getPoolSize();
        changes = 0;
    }

    /** Reads the pool once; called by the watch thread. */
    synchronized void sample() {
        int core = pool.getCorePoolSize();
        int max = pool.getMaximumPoolSize();
        if (core != lastCore || max != lastMax) {
            changes++;
            lastCore = core;
            lastMax = max;
        }
        peakCore = Math.max(peakCore, core);
        peakThreads = Math.max(peakThreads, pool.getPoolSize());
    }

    /** The phases closed so far. */
    synchronized List<PhaseSizes> phases() {
        return List.copyOf(done);
    }

    /** Starts a daemon thread sampling every watch every 50 ms until the returned handle is closed. */
    static AutoCloseable start(List<PoolWatch> watches) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (PoolWatch w : watches) {
                    w.sample();
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pool-watch");
        thread.setDaemon(true);
        thread.start();
        return thread::interrupt;
    }
}
