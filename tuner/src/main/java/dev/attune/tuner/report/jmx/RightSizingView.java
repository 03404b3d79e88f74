package dev.attune.tuner.report.jmx;

import dev.attune.tuner.aggregate.RightSizingFigures;
import dev.attune.tuner.decide.RightSizingRecommendation;

/**
 * The published recommendation behind {@link RightSizingMXBean}: the agent thread publishes an immutable
 * recommendation once an interval, JMX threads read it. One volatile reference, so the figures of one read belong
 * together.
 */
public final class RightSizingView implements RightSizingMXBean {

    private final int minSamples;
    private volatile RightSizingRecommendation last;

    /** Creates the view, with nothing recorded yet. */
    public RightSizingView(RightSizingRecommendation initial, int minSamples) {
        this.last = initial;
        this.minSamples = minSamples;
    }

    /** Publishes the interval's recommendation. Agent thread only. */
    public void publish(RightSizingRecommendation recommendation) {
        last = recommendation;
    }

    /** The last published recommendation. Any thread. */
    public RightSizingRecommendation last() {
        return last;
    }

    private RightSizingFigures f() {
        return last.figures();
    }

    @Override public String getRecommendation() { return last.text(); }
    @Override public boolean isEnoughData() { return last.enoughData(); }
    @Override public long getCpuSampleCount() { return f().cpuSamples(); }
    @Override public long getHeapSampleCount() { return f().heapSamples(); }
    @Override public long getMinSampleCount() { return minSamples; }
    @Override public double getWindowSeconds() { return f().windowSeconds(); }
    @Override public double getWindowCoveredSeconds() { return f().coveredSeconds(); }
    @Override public double getCpuCoresPeak() { return f().cpuCoresPeak(); }
    @Override public double getCpuCoresP95() { return f().cpuCoresP95(); }
    @Override public double getAvailableCores() { return f().coresAvailable(); }
    @Override public long getRecommendedCoresLow() { return last.coresLow(); }
    @Override public long getRecommendedCoresHigh() { return last.coresHigh(); }
    @Override public double getHeapAfterGcPeakBytes() { return f().heapAfterGcPeakBytes(); }
    @Override public double getHeapAfterGcP95Bytes() { return f().heapAfterGcP95Bytes(); }
    @Override public double getHeapMaxBytes() { return f().heapMaxBytes(); }
    @Override public double getRecommendedHeapMaxBytes() { return last.heapMaxBytes(); }
}
