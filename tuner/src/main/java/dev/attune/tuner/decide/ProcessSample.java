package dev.attune.tuner.decide;

/**
 * The process-wide signals a pool decision depends on.
 *
 * @param cpuCoresUsed          this process's CPU over the interval, in cores (NaN when unknown)
 * @param coresAvailable        cores this process may use (cgroup quota or machine)
 * @param machineCpuLoad        the whole machine's CPU load, 0..1 (NaN when unknown): other processes count too
 * @param gcShare               share of wall time in GC pauses, 0..1 (NaN when unknown)
 * @param monitorBlockedThreads threads blocked entering a contended monitor, on average over the interval (NaN
 *                              when unknown)
 */
public record ProcessSample(double cpuCoresUsed, double coresAvailable, double machineCpuLoad, double gcShare,
                            double monitorBlockedThreads) {

    /** A sample with only the process's CPU and GC known. */
    public ProcessSample(double cpuCoresUsed, double coresAvailable, double gcShare) {
        this(cpuCoresUsed, coresAvailable, Double.NaN, gcShare, Double.NaN);
    }

    /** CPU used over CPU available, 0..1; 0 when unknown (no evidence of saturation). */
    public double cpuLoad() {
        return Double.isNaN(cpuCoresUsed) || coresAvailable <= 0 ? 0 : Math.min(1, cpuCoresUsed / coresAvailable);
    }

    /** True when the machine's CPUs are busy, whoever keeps them busy (false when unknown). */
    public boolean machineBusy() {
        return !Double.isNaN(machineCpuLoad) && machineCpuLoad >= PoolSizeRule.CPU_SATURATED;
    }
}
