package dev.attune.bootstrap;

/**
 * Where {@link PoolTap} hands one task's measured times: the agent implements it with its ring buffers.
 * Called on the application's pool threads: implementations must not allocate, lock, block or throw.
 */
public interface PoolEventSink {

    /** A task of pool {@code poolId} started after waiting {@code waitNanos} in the queue. */
    void onQueueWait(int poolId, long waitNanos);

    /** A task of pool {@code poolId} ran for {@code runNanos}. */
    void onTaskRun(int poolId, long runNanos);
}
