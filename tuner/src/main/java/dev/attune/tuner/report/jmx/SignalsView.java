package dev.attune.tuner.report.jmx;

import dev.attune.instrumentation.encode.Signal;
import dev.attune.tuner.act.SignalsSwitch;
import dev.attune.tuner.aggregate.ResourceSample;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.decide.StressBreakerRule;
import java.util.function.Supplier;

/**
 * Presents the last {@link SignalSnapshot} as {@link SignalsMXBean} attributes. JMX threads read the published
 * snapshot (immutable) and the breaker's volatile state; nothing here is written.
 *
 * <p>"Not measured" is told from "none happened" by whether a signal was ever reported: a source that runs
 * reports its counters and durations (0 when nothing happened), one that does not never does.
 */
public final class SignalsView implements SignalsMXBean {

    private final Supplier<SignalSnapshot> signals;
    private final StressBreakerRule breaker;
    private final Supplier<String> rightSizing;
    private final SignalsSwitch onOff;

    /** Creates the view of the snapshots {@code signals} publishes, the breaker and the right-sizing sentence. */
    public SignalsView(Supplier<SignalSnapshot> signals, StressBreakerRule breaker, Supplier<String> rightSizing) {
        this(signals, breaker, rightSizing, new SignalsSwitch(false));
    }

    /** Creates the view, with {@code onOff} the user's switch for the signals. */
    public SignalsView(Supplier<SignalSnapshot> signals, StressBreakerRule breaker, Supplier<String> rightSizing,
                       SignalsSwitch onOff) {
        this.onOff = onOff;
        this.signals = signals;
        this.breaker = breaker;
        this.rightSizing = rightSizing;
    }

    private SignalSnapshot s() {
        SignalSnapshot s = signals.get();
        return s != null ? s : SignalSnapshot.EMPTY;
    }

    /** Mean of the interval's values, NaN when none this interval (a rate-like gauge says nothing stale). */
    private double intervalMean(Signal signal) {
        SignalSnapshot s = s();
        return s.count(signal) > 0 ? s.mean(signal) : Double.NaN;
    }

    private double gauge(Signal signal) {
        return s().gauge(signal);
    }

    private long wholeGauge(Signal signal) {
        double v = s().gauge(signal);
        return Double.isNaN(v) ? -1 : Math.round(v);
    }

    private double ratePerSec(Signal signal) {
        SignalSnapshot s = s();
        return s.seen(signal) ? s.ratePerSec(signal) : Double.NaN;
    }

    private double millisPerSec(Signal signal) {
        return ratePerSec(signal) / 1e6;
    }

    private double maxMillis(Signal signal) {
        SignalSnapshot s = s();
        return s.seen(signal) ? s.max(signal) / 1e6 : Double.NaN;
    }

    private long count(Signal signal) {
        SignalSnapshot s = s();
        return s.seen(signal) ? s.count(signal) : -1;
    }

    @Override public double getIntervalSeconds() { return s().seconds(); }
    @Override public double getProcessCpuCores() { return intervalMean(Signal.PROCESS_CPU_CORES); }
    @Override public double getAvailableCores() { return gauge(Signal.CORES_AVAILABLE); }
    @Override public double getProcessCpuOfAvailableRatio() { return ResourceSample.of(s()).cpuRatio(); }
    @Override public double getJvmCpuLoadRatio() { return intervalMean(Signal.JVM_CPU_LOAD); }
    @Override public double getSystemCpuLoadRatio() { return intervalMean(Signal.SYSTEM_CPU_LOAD); }
    @Override public double getLoadAverage1Min() { return gauge(Signal.LOAD_AVERAGE); }
    @Override public double getGcPauseMillisPerSec() { return millisPerSec(Signal.GC_PAUSE); }
    @Override public long getGcPauseCount() { return count(Signal.GC_PAUSE); }
    @Override public double getGcPauseMaxMillis() { return maxMillis(Signal.GC_PAUSE); }
    @Override public long getHeapAfterGcBytes() { return wholeGauge(Signal.HEAP_AFTER_GC); }
    @Override public long getHeapMaxBytes() { return wholeGauge(Signal.HEAP_MAX); }
    @Override public double getHeapAfterGcOfMaxRatio() { return ResourceSample.of(s()).heapAfterGcRatio(); }
    @Override public double getAllocationBytesPerSec() { return ratePerSec(Signal.ALLOCATED); }
    @Override public long getMonitorBlockedCount() { return count(Signal.MONITOR_BLOCKED); }
    @Override public double getMonitorBlockedMillisPerSec() { return millisPerSec(Signal.MONITOR_BLOCKED); }
    @Override public long getThreadParkCount() { return count(Signal.THREAD_PARKED); }
    @Override public double getThreadParkMillisPerSec() { return millisPerSec(Signal.THREAD_PARKED); }
    @Override public long getSafepointCount() { return count(Signal.SAFEPOINT); }
    @Override public double getSafepointMillisPerSec() { return millisPerSec(Signal.SAFEPOINT); }
    @Override public long getLiveThreadCount() { return wholeGauge(Signal.THREADS_LIVE); }
    @Override public double getContextSwitchesVoluntaryPerSec() { return ratePerSec(Signal.CONTEXT_SWITCHES_VOLUNTARY); }
    @Override public double getContextSwitchesInvoluntaryPerSec() { return ratePerSec(Signal.CONTEXT_SWITCHES_INVOLUNTARY); }
    @Override public long getResidentMemoryBytes() { return wholeGauge(Signal.RESIDENT_MEMORY); }
    @Override public long getAvailableMemoryBytes() { return wholeGauge(Signal.AVAILABLE_MEMORY); }
    @Override public long getMemoryLimitBytes() { return wholeGauge(Signal.MEMORY_LIMIT); }
    @Override public long getOpenFileDescriptorCount() { return wholeGauge(Signal.OPEN_FILE_DESCRIPTORS); }
    @Override public long getExecutionSampleCount() { return s().executionSamples(); }
    @Override public boolean isBreakerOpen() { return breaker.isOpen(); }
    @Override public String getBreakerReason() { return breaker.reason(); }
    @Override public long getBreakerOpenCount() { return breaker.openings(); }
    @Override public String getRightSizingRecommendation() { return rightSizing.get(); }

    @Override
    public boolean isEnabled() {
        return onOff.isOn();
    }

    @Override
    public void setEnabled(boolean enabled) {
        onOff.set(enabled);
    }
}
