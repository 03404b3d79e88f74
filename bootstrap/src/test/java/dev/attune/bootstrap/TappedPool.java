package dev.attune.bootstrap;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link ThreadPoolExecutor} that calls {@link PoolTap} where the agent's advice would: on submit, when a
 * worker takes a task ({@code beforeExecute}, right after {@code getTask} returns it), when it is done and asks for
 * the next ({@code afterExecute}, right before {@code getTask}), and on rejection. Unlike the advice, it also sees
 * a worker's first task, which never passes the queue (its wait is then near zero).
 */
final class TappedPool extends ThreadPoolExecutor {

    TappedPool(int core, int max, BlockingQueue<Runnable> queue) {
        super(core, max, 100, TimeUnit.MILLISECONDS, queue, (task, pool) -> {
            PoolTap.rejected(pool);
            throw new RejectedExecutionException("full");
        });
    }

    @Override
    public void execute(Runnable command) {
        PoolTap.submitted(this, command);
        super.execute(command);
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
        PoolTap.workerTook(this, r);
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        PoolTap.workerAsks(this);
    }
}
