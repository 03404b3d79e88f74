package dev.attune.tuner.report.jmx;

import javax.management.ConstructorParameters;

/**
 * One row of {@code dev.attune:type=HotMethods}: a class with getters, not a record, because JDK 17's MXBean
 * mapping turns only getters into the items of a {@code CompositeData}; the annotated constructor lets an MXBean
 * proxy rebuild it on the client side.
 */
public final class HotFrameRow {

    private final String frame;
    private final long samples;
    private final double sharePercent;

    /** Creates a row. */
    @ConstructorParameters({"frame", "samples", "sharePercent"})
    public HotFrameRow(String frame, long samples, double sharePercent) {
        this.frame = frame;
        this.samples = samples;
        this.sharePercent = sharePercent;
    }

    /** The sampled top frame, {@code Class#method}. */
    public String getFrame() {
        return frame;
    }

    /** Execution samples with this top frame in the last interval. */
    public long getSamples() {
        return samples;
    }

    /** This frame's share of the interval's execution samples, percent. */
    public double getSharePercent() {
        return sharePercent;
    }
}
