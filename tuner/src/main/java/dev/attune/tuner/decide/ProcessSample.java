package dev.attune.tuner.decide;

/**
 * The process-wide signals a pool decision depends on.
 *
 * @param cpuCoresUsed   this process's CPU over the interval, in cores (NaN when unknown)
 * @param coresAvailable cores this process may use (cgroup quota or machine)
 * @param gcShare        share of wall time in GC pauses, 0..1 (NaN when unknown)
 */
public record ProcessSample(double cpuCoresUsed, double coresAvailable, double gcShare) {

    /** CPU used over CPU available, 0..1; 0 when unknown (no evidence of saturation). */
    public double cpuLoad() {
        return Double.isNaN(cpuCoresUsed) || coresAvailable <= 0 ? 0 : Math.min(1, cpuCoresUsed / coresAvailable);
    }
}
