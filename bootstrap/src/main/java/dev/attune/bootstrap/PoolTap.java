package dev.attune.bootstrap;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the advice inlined into {@link ThreadPoolExecutor} calls: finds the pool's {@link PoolProbe} and records
 * submits, task starts and ends, and rejections.
 *
 * <p>Registration without allocating on pool threads: the first time an unregistered pool is used, the advice
 * only leaves the pool in one of a few {@link #NEWCOMER_SLOTS} (a strong reference, for at most one agent
 * cycle); the agent thread picks it up, creates its probe (holding the pool weakly) and publishes it in an
 * open-addressing table keyed by the pool's identity hash. Until then the pool's tasks are not measured. So
 * pools created before a dynamic attach are found when next used, and a pool that becomes garbage leaves only
 * a probe whose weak reference the agent clears.
 *
 * <p>Every method here is called from inlined advice with {@code suppress = Throwable.class}, but is written not
 * to throw anyway; none allocates, locks or blocks.
 */
public final class PoolTap {

    /** Most pools measured at once. */
    public static final int MAX_POOLS = 1024;
    static final int NEWCOMER_SLOTS = 64;

    private static final PoolEventSink DISCARD = new Discard();
    private static volatile PoolEventSink sink = DISCARD;
    private static final AtomicReferenceArray<PoolProbe> PROBES = new AtomicReferenceArray<>(MAX_POOLS * 2);
    private static final AtomicReferenceArray<ThreadPoolExecutor> NEWCOMERS = new AtomicReferenceArray<>(NEWCOMER_SLOTS);

    private PoolTap() {
    }

    /** Advice on {@code execute(Runnable)} entry. */
    public static void submitted(ThreadPoolExecutor pool, Object task) {
        if (sink == DISCARD || task == null) {
            return;
        }
        PoolProbe probe = probeOf(pool);
        if (probe != null) {
            probe.submit(task, System.nanoTime());
        }
    }

    /** Advice on {@code getTask()} entry: the calling worker finished its previous task (if any). */
    public static void workerAsks(ThreadPoolExecutor pool) {
        PoolEventSink s = sink;
        if (s == DISCARD) {
            return;
        }
        PoolProbe probe = probeOf(pool);
        if (probe != null) {
            @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
            long run = probe.finished(Thread.currentThread().getId(), System.nanoTime());
            if (run >= 0) {
                s.onTaskRun(probe.id(), run);
            }
        }
    }

    /** Advice on {@code getTask()} exit: the calling worker took {@code task} from the queue (null: it exits). */
    public static void workerTook(ThreadPoolExecutor pool, Object task) {
        PoolEventSink s = sink;
        if (s == DISCARD || task == null) {
            return;
        }
        PoolProbe probe = probeOf(pool);
        if (probe != null) {
            long now = System.nanoTime();
            long wait = probe.taken(task, now);
            if (wait >= 0) {
                s.onQueueWait(probe.id(), wait);
            }
            @SuppressWarnings("deprecation")
            long tid = Thread.currentThread().getId();
            probe.started(tid, now);
        }
    }

    /** Advice on {@code reject(Runnable)} entry. */
    public static void rejected(ThreadPoolExecutor pool) {
        if (sink == DISCARD) {
            return;
        }
        PoolProbe probe = probeOf(pool);
        if (probe != null) {
            probe.rejected.getAndIncrement();
        }
    }

    private static PoolProbe probeOf(ThreadPoolExecutor pool) {
        PoolProbe p = lookup(pool);
        if (p == null) {
            announce(pool);
            return null;
        }
        return p.ignored() ? null : p;
    }

    private static PoolProbe lookup(ThreadPoolExecutor pool) {
        int length = PROBES.length();
        int start = System.identityHashCode(pool) & (length - 1);
        for (int i = 0; i < 16; i++) {
            // No early stop at an empty slot: unregistering a collected pool empties slots mid-chain.
            PoolProbe p = PROBES.get((start + i) & (length - 1));
            if (p != null && p.isFor(pool)) {
                return p;
            }
        }
        return null;
    }

    private static void announce(ThreadPoolExecutor pool) {
        int start = System.identityHashCode(pool) & (NEWCOMER_SLOTS - 1);
        for (int i = 0; i < 4; i++) {
            int slot = (start + i) & (NEWCOMER_SLOTS - 1);
            ThreadPoolExecutor there = NEWCOMERS.get(slot);
            if (there == pool) {
                return;
            }
            if (there == null && NEWCOMERS.compareAndSet(slot, null, pool)) {
                return;
            }
        }
        // All nearby slots busy: the pool announces itself again on its next use.
    }

    /** Installs the agent's sink; only the first call wins. */
    public static synchronized boolean install(PoolEventSink newSink) {
        if (sink != DISCARD || newSink == null) {
            return false;
        }
        sink = newSink;
        return true;
    }

    /**
     * Registers the pools announced since the last call (agent thread only): gives each a probe with the next id
     * from {@code nextId} and hands it to {@code registered}; a pool for which {@code ignore} holds (the agent's own)
     * gets a probe that measures nothing, so it is neither announced again nor measured. Returns how many were
     * registered.
     */
    public static int registerNewcomers(java.util.function.IntSupplier nextId,
                                        java.util.function.Predicate<ThreadPoolExecutor> ignore,
                                        java.util.function.Consumer<PoolProbe> registered) {
        int count = 0;
        for (int slot = 0; slot < NEWCOMER_SLOTS; slot++) {
            ThreadPoolExecutor pool = NEWCOMERS.getAndSet(slot, null);
            if (pool == null || pool.isShutdown() || lookup(pool) != null) {
                continue; // a pool shut down by now is not worth a probe: short-lived pools cost the agent nothing
            }
            if (ignore.test(pool)) {
                publish(new PoolProbe(PoolProbe.IGNORED, pool));
                continue;
            }
            int id = nextId.getAsInt();
            if (id < 0) {
                continue; // no ids left: the pool stays unmeasured, and announces itself again when next used
            }
            PoolProbe probe = new PoolProbe(id, pool);
            if (publish(probe)) {
                registered.accept(probe);
                count++;
            }
        }
        return count;
    }

    private static boolean publish(PoolProbe probe) {
        int length = PROBES.length();
        int start = probe.identity() & (length - 1);
        for (int i = 0; i < 16; i++) {
            int slot = (start + i) & (length - 1);
            PoolProbe there = PROBES.get(slot);
            if (there == null || there.pool() == null) {
                // An empty slot, or one whose pool is gone: reuse it. Only the agent thread writes here.
                PROBES.set(slot, probe);
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the probe of a pool that has been collected (agent thread only), so lookups of other pools do not
     * walk over it. Returns true when it was removed.
     */
    public static boolean unregister(PoolProbe probe) {
        int length = PROBES.length();
        for (int slot = 0; slot < length; slot++) {
            if (PROBES.get(slot) == probe) {
                PROBES.set(slot, null);
                return true;
            }
        }
        return false;
    }

    private static final class Discard implements PoolEventSink {
        @Override
        public void onQueueWait(int poolId, long waitNanos) {
            // no agent installed
        }

        @Override
        public void onTaskRun(int poolId, long runNanos) {
            // no agent installed
        }
    }
}
