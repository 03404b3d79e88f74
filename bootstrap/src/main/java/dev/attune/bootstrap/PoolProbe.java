package dev.attune.bootstrap;

import java.lang.ref.WeakReference;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The measuring state of one registered pool, preallocated so pool threads never allocate.
 *
 * <p>Queue wait: on submit the task's identity hash and its time go into a small open-addressing table; when a
 * worker takes a task from the queue it finds the entry by the same hash, and the difference is the wait. Only
 * the hash is kept, never the task: the agent must not keep the application's objects reachable. (Two tasks in
 * the queue with the same identity hash in the same neighbourhood would swap their waits: rare, and harmless to
 * a percentile.) Tasks that start at once on a new worker never pass the queue, so their (near zero) wait is not
 * recorded; their entries are reused once older than {@link #STALE_NANOS}. A full neighbourhood (more than
 * {@link #PROBES} collisions) skips the task: counted in {@link #unmeasured}.
 *
 * <p>Run time: the time a worker takes a task is kept per worker thread (a table keyed by thread id); when the
 * same worker next asks for a task, the difference is the run time. The same table lists the pool's workers
 * for the agent thread, which reads their CPU time to tell blocked time from running time.
 */
public final class PoolProbe {

    static final int TASK_SLOTS = 4096;
    static final int THREAD_SLOTS = 1024;
    static final int PROBES = 8;
    static final long STALE_NANOS = 60_000_000_000L;
    /** The id of a probe that measures nothing: a pool the agent itself runs. */
    static final int IGNORED = -1;

    private final int id;
    private final WeakReference<ThreadPoolExecutor> pool;
    private final int identity;
    /** Identity hash + 1 of each queued task (0: empty); the task itself is never held. */
    private final AtomicIntegerArray tasks = new AtomicIntegerArray(TASK_SLOTS);
    private final long[] submitNanos = new long[TASK_SLOTS];
    private final AtomicLongArray threadIds = new AtomicLongArray(THREAD_SLOTS);
    private final long[] takenNanos = new long[THREAD_SLOTS];
    /** Tasks submitted through {@code execute}. */
    public final AtomicLong submitted = new AtomicLong();
    /** Tasks rejected. */
    public final AtomicLong rejected = new AtomicLong();
    /** Queued tasks whose wait could not be measured. */
    public final AtomicLong unmeasured = new AtomicLong();

    PoolProbe(int id, ThreadPoolExecutor pool) {
        this.id = id;
        this.pool = new WeakReference<>(pool);
        this.identity = System.identityHashCode(pool);
    }

    /** The pool's id, for its events. */
    public int id() {
        return id;
    }

    /** The pool, or null once it has been collected. */
    public ThreadPoolExecutor pool() {
        return pool.get();
    }

    /** True for a pool the agent must not measure (its own). */
    boolean ignored() {
        return id == IGNORED;
    }

    int identity() {
        return identity;
    }

    boolean isFor(ThreadPoolExecutor candidate) {
        return pool.get() == candidate;
    }

    void submit(Object task, long now) {
        submitted.getAndIncrement();
        int key = key(task);
        int start = key & (TASK_SLOTS - 1);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (TASK_SLOTS - 1);
            int old = tasks.get(slot);
            if ((old == 0 || now - submitNanos[slot] > STALE_NANOS) && tasks.compareAndSet(slot, old, key)) {
                submitNanos[slot] = now;
                return;
            }
        }
        unmeasured.getAndIncrement();
    }

    /** Returns the wait of {@code task}, or -1 when it was not recorded. */
    long taken(Object task, long now) {
        int key = key(task);
        int start = key & (TASK_SLOTS - 1);
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & (TASK_SLOTS - 1);
            if (tasks.get(slot) == key) {
                long wait = now - submitNanos[slot];
                tasks.compareAndSet(slot, key, 0);
                return wait;
            }
        }
        return -1;
    }

    // Never 0 (the empty mark): identity hashes are non-negative 31-bit values, so + 1 at most wraps to MIN_VALUE.
    private static int key(Object task) {
        return System.identityHashCode(task) + 1;
    }

    /** Notes that the current worker took a task at {@code now}; returns false when the table is full. */
    boolean started(long threadId, long now) {
        int slot = threadSlot(threadId, true);
        if (slot < 0) {
            return false;
        }
        takenNanos[slot] = now;
        return true;
    }

    /**
     * Returns how long the current worker's last task ran, or -1 when it had none. Also makes the worker known (its
     * slot is claimed), so a worker whose only task was its first one, which never passes the queue, is listed too.
     */
    long finished(long threadId, long now) {
        int slot = threadSlot(threadId, true);
        if (slot < 0 || takenNanos[slot] == 0) {
            return -1;
        }
        long run = now - takenNanos[slot];
        takenNanos[slot] = 0;
        return run;
    }

    private int threadSlot(long threadId, boolean claim) {
        // Linear probing; -1 marks the slot of an ended worker: lookups walk past it, claims may reuse it.
        int start = (int) (threadId * 0x9E3779B9L) & (THREAD_SLOTS - 1);
        int reusable = -1;
        for (int i = 0; i < THREAD_SLOTS; i++) {
            int slot = (start + i) & (THREAD_SLOTS - 1);
            long owner = threadIds.get(slot);
            if (owner == threadId) {
                return slot;
            }
            if (owner == -1 && reusable < 0) {
                reusable = slot;
            } else if (owner == 0) {
                if (!claim) {
                    return -1;
                }
                if (reusable >= 0 && threadIds.compareAndSet(reusable, -1, threadId)) {
                    return reusable;
                }
                if (threadIds.compareAndSet(slot, 0, threadId) || threadIds.get(slot) == threadId) {
                    return slot;
                }
            }
        }
        return claim && reusable >= 0 && threadIds.compareAndSet(reusable, -1, threadId) ? reusable : -1;
    }

    /** Copies the ids of the threads that have run tasks of this pool into {@code into}; returns how many. */
    public int workerIds(long[] into) {
        int n = 0;
        for (int i = 0; i < THREAD_SLOTS && n < into.length; i++) {
            long tid = threadIds.get(i);
            if (tid > 0) {
                into[n++] = tid;
            }
        }
        return n;
    }

    /** Forgets a worker that has ended (agent thread); its slot can be claimed by a new worker. */
    public void forgetWorker(long threadId) {
        int slot = threadSlot(threadId, false);
        if (slot >= 0) {
            takenNanos[slot] = 0;
            threadIds.set(slot, -1); // a tombstone: keeps the probe chains of other ids intact
        }
    }
}
