package dev.attune.agent.config;

import dev.attune.instrumentation.encode.HotMethodCounts;
import dev.attune.instrumentation.signals.JfrSettings;
import dev.attune.tuner.decide.PoolBounds;
import java.util.List;

/** Every configuration key Attune knows, with its default and meaning: the configuration reference. */
public final class ConfigKeys {

    static final long NS_PER_S = 1_000_000_000L;

    /** Turns the agent on or off. */
    public static final ConfigKey ENABLED = new ConfigKey("attune.enabled", ConfigKey.Kind.BOOLEAN, "true", 0, 0,
            List.of(), "false: no transformer, no agent thread, nothing but one log line");
    /** Method patterns to time. */
    public static final ConfigKey METHODS = new ConfigKey("attune.methods", ConfigKey.Kind.LIST, "", 0, 0, List.of(),
            "methods to time: comma-separated patterns (docs/method-patterns.md)");
    /** Aggregation interval. */
    public static final ConfigKey INTERVAL = new ConfigKey("attune.interval", ConfigKey.Kind.DURATION, "10s",
            100_000_000L, 3_600 * NS_PER_S, List.of(),
            "length of one aggregation interval (figures, alerts and summaries are per interval)");
    /** Ring buffer capacity. */
    public static final ConfigKey BUFFER_BYTES = new ConfigKey("attune.buffer.bytes", ConfigKey.Kind.SIZE, "4MB",
            64L << 10, 1L << 30, List.of(),
            "total ring buffer capacity (16 bytes an event); when full, events are dropped and counted");
    /** Hot-method threshold. */
    public static final ConfigKey HOT_METHOD_RATE = new ConfigKey("attune.hot-methods.rate", ConfigKey.Kind.INTEGER,
            String.valueOf(HotMethodCounts.DEFAULT_PROMOTION_RATE), 0, 1_000_000_000L, List.of(),
            "calls a second from which a method is counted in place (bucket counts) instead of through the ring "
                    + "buffers: the same figures at a lower cost a call; 0: never");
    /** Heap bound of the method figures. */
    public static final ConfigKey MEMORY_MAX = new ConfigKey("attune.memory.max", ConfigKey.Kind.SIZE, "64MB",
            16L << 20, 1L << 40, List.of(),
            "most heap the agent holds; past it the least-called methods keep counts, mean and max only (no"
                    + " percentiles), with one warn line");
    /** Log line format. */
    public static final ConfigKey LOG_FORMAT = new ConfigKey("attune.log.format", ConfigKey.Kind.ENUM, "logfmt",
            0, 0, List.of("logfmt", "json"), "format of the agent's log lines: logfmt or json");
    /** Log file. */
    public static final ConfigKey LOG_FILE = new ConfigKey("attune.log.file", ConfigKey.Kind.STRING, "", 0, 0,
            List.of(), "file for the agent's log lines; empty: standard error (never standard output)");
    /** Log file bound. */
    public static final ConfigKey LOG_FILE_MAX_BYTES = new ConfigKey("attune.log.file.max-bytes",
            ConfigKey.Kind.SIZE, "10MB", 64L << 10, 1L << 40, List.of(),
            "largest size of the log file; beyond it the file is rotated to <file>.1 (one backup)");
    /** Log threshold. */
    public static final ConfigKey LOG_LEVEL = new ConfigKey("attune.log.level", ConfigKey.Kind.ENUM, "info", 0, 0,
            List.of("error", "warn", "info", "debug"), "lowest level written: error, warn, info or debug");
    /** Periodic summaries. */
    public static final ConfigKey LOG_SUMMARY = new ConfigKey("attune.log.summary", ConfigKey.Kind.BOOLEAN, "false",
            0, 0, List.of(), "one summary line per timed method each interval, and totals at shutdown");
    /** JMX console. */
    public static final ConfigKey JMX_ENABLED = new ConfigKey("attune.jmx.enabled", ConfigKey.Kind.BOOLEAN, "true",
            0, 0, List.of(), "register the dev.attune MBeans on the platform MBeanServer");
    /** JMX registration delay. */
    public static final ConfigKey JMX_DELAY = new ConfigKey("attune.jmx.delay", ConfigKey.Kind.DURATION, "1s", 0,
            600 * NS_PER_S, List.of(), "wait after premain before registering MBeans, up to 10m: a JVM that ends"
            + " sooner never waits for the platform MBean server to be built (longer for applications that set up"
            + " java.util.logging in main)");

    /** Method MBeans. */
    public static final ConfigKey JMX_METHODS = new ConfigKey("attune.jmx.methods", ConfigKey.Kind.INTEGER, "200",
            0, 10_000, List.of(), "most dev.attune:type=Method MBeans, for the busiest methods; every method is in"
                    + " the agent MBean's MethodTable");

    /** JMX writes. */
    public static final ConfigKey JMX_READ_ONLY = new ConfigKey("attune.jmx.readOnly", ConfigKey.Kind.BOOLEAN,
            "false", 0, 0, List.of(), "refuse every JMX attribute write and operation (the console only shows)");
    /** Pool discovery. */
    public static final ConfigKey TUNER_POOLS = new ConfigKey("attune.tuner.pools", ConfigKey.Kind.BOOLEAN, "true",
            0, 0, List.of(), "find and measure every ThreadPoolExecutor (advice on java.util.concurrent."
            + "ThreadPoolExecutor); false: no pool figures and no pool tuning");
    /** Tuner mode. */
    public static final ConfigKey TUNER_MODE = new ConfigKey("attune.tuner.mode", ConfigKey.Kind.ENUM, "advise", 0, 0,
            List.of("off", "advise", "auto"), "off: no decisions; advise: log and show what it would change, change"
            + " nothing; auto: resize pools, verify each change and revert those that did not help");
    /** Control period. */
    public static final ConfigKey TUNER_PERIOD = new ConfigKey("attune.tuner.period", ConfigKey.Kind.DURATION, "1s",
            100_000_000L, 3_600 * NS_PER_S, List.of(), "how often the tuner measures, decides and acts, 100ms to"
            + " the interval (a default longer than the interval becomes the interval); figures, alerts and summaries"
            + " keep the interval");
    /** Largest step. */
    public static final ConfigKey TUNER_MAX_STEP = new ConfigKey("attune.tuner.max-step", ConfigKey.Kind.RATIO,
            text(PoolBounds.DEFAULT_MAX_STEP_FACTOR),
            110, 1600, List.of(), "largest factor by which one action grows a pool's core size, 1.1 to 16 (at least"
            + " one thread): 2 reaches the default ceiling of 8 times the pool's own size in three steps");
    /** Cooldown. */
    public static final ConfigKey TUNER_COOLDOWN = new ConfigKey("attune.tuner.cooldown", ConfigKey.Kind.INTEGER,
            text(PoolBounds.DEFAULT_COOLDOWN_PERIODS),
            0, 1000, List.of(), "control periods after a change before the next change of that pool (which also"
            + " waits for the change's verification, 3 periods); doubled after each revert in a row");
    /** Minimum samples. */
    public static final ConfigKey TUNER_MIN_SAMPLES = new ConfigKey("attune.tuner.min-samples",
            ConfigKey.Kind.INTEGER, text(PoolBounds.DEFAULT_MIN_SAMPLES), 1, 1000, List.of(),
            "control periods a pool is observed before its first change");
    /** Growth limit. */
    public static final ConfigKey TUNER_GROWTH_LIMIT = new ConfigKey("attune.tuner.growth-limit",
            ConfigKey.Kind.INTEGER, text(PoolBounds.DEFAULT_GROWTH_LIMIT), 1, 64, List.of(),
            "default largest core size as a multiple of the pool's own core size (at most 512 threads)");
    /** Service-level method. */
    public static final ConfigKey TUNER_SLO_METHOD = new ConfigKey("attune.tuner.slo-method", ConfigKey.Kind.STRING,
            "", 0, 0, List.of(), "a timed Class#method whose p99 also judges each change: a change that raises it"
            + " by more than 20% is reverted");

    /** JFR signals. */
    public static final ConfigKey SIGNALS_JFR = new ConfigKey("attune.signals.jfr", ConfigKey.Kind.BOOLEAN, "true", 0,
            0, List.of(), "stream a cut-down set of JFR events (CPU, GC, allocation, contention, park, safepoints,"
            + " threads, execution samples) into the signals; false: none, and no snapshots on alert");
    /** OS signals. */
    public static final ConfigKey SIGNALS_OS = new ConfigKey("attune.signals.os", ConfigKey.Kind.BOOLEAN, "true", 0,
            0, List.of(), "sample OS counters through OSHI (process and system CPU, load, context switches, memory,"
            + " file descriptors, cgroup limits) once an interval");
    /** Contention and park threshold. */
    public static final ConfigKey JFR_CONTENTION_THRESHOLD = new ConfigKey("attune.jfr.contention-threshold",
            ConfigKey.Kind.DURATION, "10ms", 0, 10 * NS_PER_S, List.of(),
            "shortest monitor wait (jdk.JavaMonitorEnter) recorded; thread parks (jdk.ThreadPark) from twice it");
    /** Stack traces of contended monitor enters. */
    // false by default: with stack traces on, HotSpot walks the entering thread's stack on every contended enter,
    // whatever the threshold (docs/benchmarks.md: 0.6% of the sample service's CPU at 900 requests a second).
    public static final ConfigKey JFR_CONTENTION_STACKS = new ConfigKey("attune.jfr.contention-stacks",
            ConfigKey.Kind.BOOLEAN, "false", 0, 0, List.of(),
            "true: monitor waits (jdk.JavaMonitorEnter) carry stack traces into the flight-recorder snapshots, at"
                    + " the cost of a stack walk on every contended monitor enter, however short");
    /** Execution sampling. */
    // 0 by default: the period follows the interval (JfrSettings.samplePeriodFor), since the hot-methods table is
    // per interval and every sampling round beyond what it needs is a wake-up's cost alone.
    public static final ConfigKey JFR_SAMPLE_PERIOD = new ConfigKey("attune.jfr.sample-period",
            ConfigKey.Kind.DURATION, "0s", 0, 10 * NS_PER_S, List.of(),
            "period of JFR execution sampling (jdk.ExecutionSample), behind the hot methods, at least 10ms; 0: a"
                    + " fiftieth of attune.interval, within 20ms and 1s (200ms at the default interval)");
    /** JFR events left out. */
    // jdk.ThreadPark by default: HotSpot times every park once the event is on, whatever its threshold, and that
    // was 0.7% of the sample service's CPU (docs/benchmarks.md) for a figure no rule uses.
    public static final ConfigKey JFR_EXCLUDE = new ConfigKey("attune.jfr.exclude", ConfigKey.Kind.LIST,
            "jdk.ThreadPark", 0, 0,
            JfrSettings.EVENTS,
            "events of the JFR set not recorded (comma-separated; empty: all of them); the figures they feed are then"
                    + " absent");
    /** Snapshot directory. */
    public static final ConfigKey JFR_DIR = new ConfigKey("attune.jfr.dir", ConfigKey.Kind.STRING, "", 0, 0,
            List.of(), "where flight-recorder snapshots are written when an alert fires or the breaker opens;"
            + " empty: <java.io.tmpdir>/attune-jfr");
    /** Snapshot count bound. */
    public static final ConfigKey JFR_MAX_FILES = new ConfigKey("attune.jfr.max-files", ConfigKey.Kind.INTEGER, "10",
            1, 10_000, List.of(), "most snapshot files kept; the oldest are deleted first");
    /** Snapshot size bound. */
    public static final ConfigKey JFR_MAX_BYTES = new ConfigKey("attune.jfr.max-bytes", ConfigKey.Kind.SIZE, "200MB",
            1L << 20, 1L << 40, List.of(), "most bytes of snapshot files kept; the oldest are deleted first");
    /** Snapshot span. */
    public static final ConfigKey JFR_SNAPSHOT_AGE = new ConfigKey("attune.jfr.snapshot-age", ConfigKey.Kind.DURATION,
            "60s", NS_PER_S, 3_600 * NS_PER_S, List.of(), "how much recent JFR data each snapshot holds");
    /** Breaker switch. */
    public static final ConfigKey BREAKER_ENABLED = new ConfigKey("attune.breaker.enabled", ConfigKey.Kind.BOOLEAN,
            "true", 0, 0, List.of(), "false: the circuit breaker never opens");
    /** Breaker heap monitor. */
    public static final ConfigKey BREAKER_HEAP = new ConfigKey("attune.breaker.heap-after-gc", ConfigKey.Kind.RATIO,
            "0.90", 1, 1000, List.of(), "heap used after GC over the max heap that counts as stress (above 1:"
            + " this monitor off)");
    /** Breaker CPU monitor. */
    public static final ConfigKey BREAKER_CPU = new ConfigKey("attune.breaker.cpu", ConfigKey.Kind.RATIO, "0.95", 1,
            1000, List.of(), "process CPU over the cores available that counts as stress (above 1: this monitor off)");
    /** Breaker opening. */
    public static final ConfigKey BREAKER_INTERVALS = new ConfigKey("attune.breaker.intervals", ConfigKey.Kind.INTEGER,
            "3", 1, 1000, List.of(), "stressed intervals in a row that open the breaker");
    /** Breaker closing. */
    public static final ConfigKey BREAKER_RELIEF_INTERVALS = new ConfigKey("attune.breaker.relief-intervals",
            ConfigKey.Kind.INTEGER, "3", 1, 1000, List.of(),
            "intervals in a row with every monitor relieved before the breaker closes");
    /** Breaker hysteresis. */
    public static final ConfigKey BREAKER_MARGIN = new ConfigKey("attune.breaker.margin", ConfigKey.Kind.RATIO, "0.10",
            0, 100, List.of(), "hysteresis: a monitor is relieved only below its threshold minus this margin");
    /** Right-sizing window. */
    public static final ConfigKey RIGHTSIZING_WINDOW = new ConfigKey("attune.rightsizing.window",
            ConfigKey.Kind.DURATION, "1h", 60 * NS_PER_S, 7 * 24 * 3_600 * NS_PER_S, List.of(),
            "sliding window of the right-sizing report");
    /** Right-sizing minimum. */
    public static final ConfigKey RIGHTSIZING_MIN_SAMPLES = new ConfigKey("attune.rightsizing.min-samples",
            ConfigKey.Kind.INTEGER, "30", 1, 4096, List.of(), "intervals in the window before a resource is judged");
    /** Right-sizing cadence. */
    public static final ConfigKey RIGHTSIZING_LOG_EVERY = new ConfigKey("attune.rightsizing.log-every",
            ConfigKey.Kind.DURATION, "10m", NS_PER_S, 24 * 3_600 * NS_PER_S, List.of(),
            "time between right-sizing lines; a material change is logged sooner, at most once a tenth of this");

    /** All fixed keys, in documentation order. */
    public static final List<ConfigKey> ALL = List.of(ENABLED, METHODS, INTERVAL, BUFFER_BYTES, HOT_METHOD_RATE,
            MEMORY_MAX, LOG_FORMAT, LOG_FILE, LOG_FILE_MAX_BYTES, LOG_LEVEL, LOG_SUMMARY, JMX_ENABLED, JMX_DELAY,
            JMX_METHODS, JMX_READ_ONLY, TUNER_POOLS, TUNER_MODE, TUNER_PERIOD, TUNER_MAX_STEP, TUNER_COOLDOWN,
            TUNER_MIN_SAMPLES, TUNER_GROWTH_LIMIT, TUNER_SLO_METHOD, SIGNALS_JFR, SIGNALS_OS, JFR_CONTENTION_THRESHOLD,
            JFR_CONTENTION_STACKS, JFR_SAMPLE_PERIOD, JFR_DIR, JFR_MAX_FILES, JFR_MAX_BYTES, JFR_SNAPSHOT_AGE,
            JFR_EXCLUDE, BREAKER_ENABLED, BREAKER_HEAP, BREAKER_CPU, BREAKER_INTERVALS, BREAKER_RELIEF_INTERVALS,
            BREAKER_MARGIN, RIGHTSIZING_WINDOW, RIGHTSIZING_MIN_SAMPLES, RIGHTSIZING_LOG_EVERY);

    /** Prefix of per-pool keys, {@code attune.pool.<name>.<attribute>}. */
    public static final String POOL_PREFIX = "attune.pool.";

    /** Prefix of alert keys, {@code attune.alert.<name>}. */
    public static final String ALERT_PREFIX = "attune.alert.";

    /** The key naming the configuration file, as a system property or ({@code ATTUNE_CONFIG}) environment variable. */
    public static final String CONFIG = "attune.config";

    private ConfigKeys() {
    }

    /** A default written once, where the tuner defines it: {@code 2.0} as {@code 2}. */
    private static String text(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** The key called {@code name}, or null. */
    static ConfigKey named(String name) {
        for (ConfigKey k : ALL) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return null;
    }
}
