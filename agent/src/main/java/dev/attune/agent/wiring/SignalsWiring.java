package dev.attune.agent.wiring;

import dev.attune.agent.config.AgentConfig;
import dev.attune.agent.config.ConfigKeys;
import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.signals.JfrSettings;
import dev.attune.instrumentation.signals.JfrSignalStream;
import dev.attune.instrumentation.signals.OsSignalSampler;
import dev.attune.instrumentation.signals.SignalProblems;
import dev.attune.tuner.act.SignalsSwitch;
import dev.attune.tuner.loop.AgentLoop;
import dev.attune.tuner.loop.SignalSourcesTask;
import dev.attune.tuner.loop.SignalsSettings;
import dev.attune.tuner.loop.SignalsTask;
import dev.attune.tuner.report.jfr.BackgroundJfrSnapshots;
import dev.attune.tuner.report.jfr.JfrSnapshotFiles;
import dev.attune.tuner.report.log.AgentLog;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The process signals of issue 3 on the agent loop: the sources (JFR stream, OS sampler) write to the same ring
 * buffers as the method timings; {@link SignalsTask} turns each interval's snapshot into the breaker's decision,
 * the right-sizing report and the Signals, HotMethods and RightSizing MBeans; snapshots go to
 * {@code attune.jfr.dir} when an alert fires or the breaker opens.
 *
 * <p>Order on the loop matters: the sources' task follows the breaker's, so JFR sampling pauses in the very
 * interval the breaker opens, and the tuner (added later) reads the breaker after it has decided.
 */
final class SignalsWiring {

    private static final long MIN_SAMPLE_PERIOD_NANOS = 10_000_000L;

    /**
     * The signal settings read from the configuration.
     *
     * @param jfr          whether to stream JFR events ({@code attune.signals.jfr})
     * @param os           whether to sample OS counters ({@code attune.signals.os})
     * @param jfrSettings  the event set's thresholds and periods, and what a snapshot holds
     * @param snapshotDir  where snapshots go, as configured (empty: the default); a path only when the signals start
     * @param maxFiles     most snapshot files kept
     * @param maxBytes     most snapshot bytes kept
     * @param task         the breaker and right-sizing settings
     * @param jmxReadOnly    whether the Signals MBean refuses to switch the signals ({@code attune.jmx.readOnly})
     */
    record Options(boolean jfr, boolean os, JfrSettings jfrSettings, String snapshotDir, int maxFiles, long maxBytes,
                   SignalsSettings task, boolean jmxReadOnly) {

        /** Reads the options; every value was validated (or defaulted, with one error) when the config loaded. */
        static Options from(AgentConfig config) {
            JfrSettings defaults = JfrSettings.defaults();
            Duration threshold = Duration.ofNanos(nanos(config, ConfigKeys.JFR_CONTENTION_THRESHOLD));
            Duration maxAge = Duration.ofNanos(nanos(config, ConfigKeys.JFR_SNAPSHOT_AGE));
            // Parks from twice the contention threshold: most are idle pool threads waiting for work, not locks.
            JfrSettings jfr = new JfrSettings(samplePeriod(config), threshold,
                    threshold.multipliedBy(2), defaults.periodicPeriod(), defaults.allocationSamplesPerSecond(), maxAge,
                    defaults.maxSizeBytes(), Set.copyOf(exclude(config)),
                    (Boolean) config.value(ConfigKeys.JFR_CONTENTION_STACKS));
            String snapshots = (String) config.value(ConfigKeys.JFR_DIR);
            SignalsSettings task = new SignalsSettings((Boolean) config.value(ConfigKeys.BREAKER_ENABLED),
                    (Double) config.value(ConfigKeys.BREAKER_HEAP), (Double) config.value(ConfigKeys.BREAKER_CPU),
                    whole(config, ConfigKeys.BREAKER_INTERVALS), whole(config, ConfigKeys.BREAKER_RELIEF_INTERVALS),
                    (Double) config.value(ConfigKeys.BREAKER_MARGIN), nanos(config, ConfigKeys.RIGHTSIZING_WINDOW),
                    whole(config, ConfigKeys.RIGHTSIZING_MIN_SAMPLES), nanos(config, ConfigKeys.RIGHTSIZING_LOG_EVERY));
            return new Options((Boolean) config.value(ConfigKeys.SIGNALS_JFR),
                    (Boolean) config.value(ConfigKeys.SIGNALS_OS), jfr, snapshots,
                    whole(config, ConfigKeys.JFR_MAX_FILES), nanos(config, ConfigKeys.JFR_MAX_BYTES), task,
                    (Boolean) config.value(ConfigKeys.JMX_READ_ONLY));
        }

        /**
         * The configured execution sample period (at least 10 ms: JFR counts the period in milliseconds, and a denser
         * sampler only adds wake-ups), or, with 0 (the default), the one the interval asks for.
         */
        private static Duration samplePeriod(AgentConfig config) {
            long configured = nanos(config, ConfigKeys.JFR_SAMPLE_PERIOD);
            return configured > 0 ? Duration.ofNanos(Math.max(configured, MIN_SAMPLE_PERIOD_NANOS))
                    : JfrSettings.samplePeriodFor(Duration.ofNanos(nanos(config, ConfigKeys.INTERVAL)));
        }

        private static long nanos(AgentConfig config, dev.attune.agent.config.ConfigKey key) {
            return (Long) config.value(key);
        }

        @SuppressWarnings("unchecked")
        private static List<String> exclude(AgentConfig config) {
            return (List<String>) config.value(ConfigKeys.JFR_EXCLUDE);
        }

        private static int whole(AgentConfig config, dev.attune.agent.config.ConfigKey key) {
            return (int) (long) (Long) config.value(key);
        }
    }

    private SignalsWiring() {
    }

    /**
     * Puts the signal tasks on the loop (nothing starts before premain has returned); returns the breaker's
     * open state, for the tuner.
     */
    static BooleanSupplier start(Options options, AgentLoop loop, ManyToOneRingBufferStripes stripes, MethodIds frames,
                         AgentLog log) {
        SignalProblems problems = (source, what, reason) -> log.warn("signal_skipped").kv("source", source)
                .kv("what", what).kv("reason", reason).kv("effect", "the other signals and the agent go on").emit();
        JfrSignalStream jfr = options.jfr() ? new JfrSignalStream(options.jfrSettings(), stripes, frames, problems)
                : null;
        OsSignalSampler os = options.os() ? new OsSignalSampler(stripes, problems) : null;
        Path dir = jfr == null ? null : snapshotDir(options.snapshotDir(), log);
        BackgroundJfrSnapshots snapshots = dir == null ? null : new BackgroundJfrSnapshots(
                new JfrSnapshotFiles(dir, options.maxFiles(), options.maxBytes(), jfr::dump, log), log);
        SignalsSwitch onOff = new SignalsSwitch(options.jmxReadOnly());
        onOff.wakeOnChange(loop::wake);
        SignalsTask signals = new SignalsTask(options.task(), loop.signals()::snapshot, log,
                snapshots == null ? null : snapshots::request, onOff,
                System.nanoTime());
        SignalSourcesTask sources = new SignalSourcesTask(jfr, os, loop::applicationUp, signals.paused(),
                problems, onOff, log);
        loop.addSampler(sources::sampleBeforeRoll);
        loop.addIntervalTask(signals);
        loop.addIntervalTask(sources);
        loop.addDutyCycleTask(signals);
        loop.addDutyCycleTask(sources);
        if (snapshots != null) {
            loop.snapshotsOnAlert(snapshots::request);
        }
        return signals.paused();
    }

    /**
     * The snapshot directory, or null (one error line) when the configured text is no path here: that turns off the
     * snapshots, never the agent.
     */
    static Path snapshotDir(String configured, AgentLog log) {
        try {
            return configured.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "attune-jfr")
                    : Path.of(configured);
        } catch (InvalidPathException | NullPointerException e) {
            log.error("jfr_dir_refused").kv("dir", configured).kv("reason", "not a valid path: " + e.getMessage())
                    .kv("effect", "no flight-recorder snapshots; the rest of the agent goes on").emit();
            return null;
        }
    }
}
