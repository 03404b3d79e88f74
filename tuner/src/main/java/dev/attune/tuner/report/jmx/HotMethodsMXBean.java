package dev.attune.tuner.report.jmx;

/** {@code dev.attune:type=HotMethods}: the top sampled frames of the last interval. */
@Description("The methods most often on top of the stack in the last interval's execution samples (JFR)")
public interface HotMethodsMXBean {

    /** The hottest frames, hottest first. */
    @Description("The hottest top frames of the last interval, hottest first: frame, samples, sharePercent")
    HotFrameRow[] getTopFrames();

    /** The same as one line each. */
    @Description("The hottest top frames of the last interval as text, hottest first: share, frame, samples")
    String[] getTopFrameLines();

    /** Execution samples in the last interval. */
    @Description("Execution samples taken in the last interval; 0 when sampling is off or paused")
    long getExecutionSampleCount();

    /** Length of the last interval. */
    @Description("Length of the last interval, in seconds")
    double getIntervalSeconds();
}
