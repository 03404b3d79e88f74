package dev.attune.tuner.decide;

/**
 * What one pool did in one interval: the input of {@link PoolSizeRule}.
 *
 * @param coreSize         configured core size at the end of the interval
 * @param maxSize          configured maximum size
 * @param threads          live threads
 * @param queued           tasks waiting in the queue
 * @param queueUnbounded   true when the queue cannot fill (then threads beyond core never start)
 * @param arrivalsPerSec   tasks submitted per second (accepted and rejected)
 * @param completedPerSec  tasks finished per second
 * @param rejected         tasks rejected in the interval
 * @param queueWaitP99Nanos p99 of submit-to-start time of the tasks started in the interval (0 when none)
 * @param runMeanNanos     mean run time of the tasks finished in the interval (0 when none)
 * @param utilization      busy thread time over (threads × interval), 0..1
 * @param blockedShare     share of busy thread time not on CPU (blocked, waiting, sleeping), 0..1; NaN unknown
 * @param sloP99Nanos      p99 of the configured service-level method this interval, or NaN
 */
public record PoolSample(int coreSize, int maxSize, int threads, int queued, boolean queueUnbounded,
                         double arrivalsPerSec, double completedPerSec, long rejected,
                         long queueWaitP99Nanos, double runMeanNanos, double utilization, double blockedShare,
                         double sloP99Nanos) {
}
