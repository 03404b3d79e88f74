package dev.attune.tuner.decide;

/**
 * What one pool did in one control period: the input of {@link PoolSizeRule}.
 *
 * @param coreSize         configured core size at the end of the period
 * @param maxSize          configured maximum size
 * @param threads          live threads
 * @param queued           tasks waiting in the queue at the end of the period
 * @param queuedBefore     tasks waiting in the queue at the end of the period before
 * @param queueUnbounded   true when the queue cannot fill (then threads beyond core never start)
 * @param arrivalsPerSec   tasks submitted per second (accepted and rejected)
 * @param completedPerSec  tasks finished per second
 * @param rejected         tasks rejected in the period
 * @param queueWaitP99Nanos p99 of submit-to-start time of the tasks started in the period (0 when none)
 * @param runMeanNanos     mean run time of the tasks finished in the period (0 when none)
 * @param utilization      busy thread time over (threads × period), 0..1
 * @param blockedShare     share of busy thread time not on CPU (blocked, waiting, sleeping), 0..1; NaN unknown
 * @param sloP99Nanos      p99 of the configured service-level method, or NaN
 */
public record PoolSample(int coreSize, int maxSize, int threads, int queued, int queuedBefore, boolean queueUnbounded,
                         double arrivalsPerSec, double completedPerSec, long rejected,
                         long queueWaitP99Nanos, double runMeanNanos, double utilization, double blockedShare,
                         double sloP99Nanos) {

    /** A sample whose queue held as many tasks at the start of the period as at its end. */
    public PoolSample(int coreSize, int maxSize, int threads, int queued, boolean queueUnbounded,
                      double arrivalsPerSec, double completedPerSec, long rejected, long queueWaitP99Nanos,
                      double runMeanNanos, double utilization, double blockedShare, double sloP99Nanos) {
        this(coreSize, maxSize, threads, queued, queued, queueUnbounded, arrivalsPerSec, completedPerSec, rejected,
                queueWaitP99Nanos, runMeanNanos, utilization, blockedShare, sloP99Nanos);
    }

    /**
     * The queue grew over the period while arrivals outran completions: plain saturation. It shows before the
     * queue wait does, since a task's wait is measured only when a worker takes it.
     */
    public boolean backlogGrowing() {
        return queued > queuedBefore && queued >= 2 && arrivalsPerSec > completedPerSec * (1 + PoolSizeRule.MARGIN);
    }
}
