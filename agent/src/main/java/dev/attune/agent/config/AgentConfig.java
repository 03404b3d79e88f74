package dev.attune.agent.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.TreeMap;

/**
 * The agent's configuration, resolved from its sources, with every problem found along the way.
 *
 * <p>Precedence, highest first: JVM system property ({@code -Dattune.interval=5s}), environment variable
 * ({@code ATTUNE_INTERVAL=5s}), the properties file, the built-in default. The file is named by the agent
 * argument {@code config=<path>}, else {@code -Dattune.config}, else {@code ATTUNE_CONFIG}.
 *
 * <p>Loading runs in premain: it uses {@code java.io} only, prints nothing and never throws. Bad input
 * becomes a {@link ConfigProblem}: an unknown key a warning (with the nearest valid key), an invalid or
 * out-of-range value an error (and the default), a missing file an error (and the other sources).
 */
public final class AgentConfig {

    private static final String FROM_SYSTEM = "system-properties";
    private static final String FROM_ENV = "env";
    private static final Pattern ALERT_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** What may follow {@code attune.pool.<name>.}. */
    public static final List<String> POOL_ATTRIBUTES = List.of("match", "mode", "min", "max", "target-wait");
    private static final Pattern POOL_KEY = Pattern.compile("[A-Za-z0-9_-]+\\.(match|mode|min|max|target-wait)");

    private final Map<ConfigKey, Object> values;
    private final Map<String, String> sources;
    private final Map<String, String> alerts;
    private final Map<String, String> pools;
    private final List<PoolConfig> poolConfigs;
    private final List<ConfigProblem> problems;
    private final String source;

    private AgentConfig(Map<ConfigKey, Object> values, Map<String, String> sources, Map<String, String> alerts,
                        Map<String, String> pools, List<PoolConfig> poolConfigs, List<ConfigProblem> problems,
                        String source) {
        this.values = values;
        this.sources = sources;
        this.alerts = alerts;
        this.pools = pools;
        this.poolConfigs = poolConfigs;
        this.problems = problems;
        this.source = source;
    }

    /** Loads the configuration from the agent argument, system properties and environment given. */
    public static AgentConfig load(String agentArgs, Properties systemProperties, Map<String, String> env) {
        return new Loading(systemProperties, env).load(agentArgs);
    }

    /** The {@code attune.pool.<name>.<attribute>} values, keyed by {@code <name>.<attribute>}. */
    public Map<String, String> pools() {
        return pools;
    }

    /** The per-pool settings parsed from {@link #pools()}, one per pool name, bad values left out. */
    public List<PoolConfig> poolConfigs() {
        return poolConfigs;
    }

    /** The parsed value of any fixed key (Boolean, Long, String or List). */
    public Object value(ConfigKey key) {
        return values.get(key);
    }

    /** {@code attune.enabled}. */
    public boolean enabled() {
        return (Boolean) values.get(ConfigKeys.ENABLED);
    }

    /** {@code attune.methods}, as written. */
    @SuppressWarnings("unchecked")
    public List<String> methods() {
        return (List<String>) values.get(ConfigKeys.METHODS);
    }

    /** {@code attune.interval} in nanoseconds. */
    public long intervalNanos() {
        return (Long) values.get(ConfigKeys.INTERVAL);
    }

    /** {@code attune.buffer.bytes}. */
    public long bufferBytes() {
        return (Long) values.get(ConfigKeys.BUFFER_BYTES);
    }

    /** {@code attune.hot-methods.rate}: calls a second from which a method is counted in place; 0 for never. */
    public long hotMethodRate() {
        return (Long) values.get(ConfigKeys.HOT_METHOD_RATE);
    }

    /** {@code attune.memory.max}: most heap the agent holds, in bytes. */
    public long memoryMaxBytes() {
        return (Long) values.get(ConfigKeys.MEMORY_MAX);
    }

    /** {@code attune.log.format}: {@code logfmt} or {@code json}. */
    public String logFormat() {
        return (String) values.get(ConfigKeys.LOG_FORMAT);
    }

    /** {@code attune.log.file}; empty for standard error. */
    public String logFile() {
        return (String) values.get(ConfigKeys.LOG_FILE);
    }

    /** {@code attune.log.file.max-bytes}. */
    public long logFileMaxBytes() {
        return (Long) values.get(ConfigKeys.LOG_FILE_MAX_BYTES);
    }

    /** {@code attune.log.level}: error, warn, info or debug. */
    public String logLevel() {
        return (String) values.get(ConfigKeys.LOG_LEVEL);
    }

    /** {@code attune.log.summary}. */
    public boolean logSummary() {
        return (Boolean) values.get(ConfigKeys.LOG_SUMMARY);
    }

    /** {@code attune.jmx.enabled}. */
    public boolean jmxEnabled() {
        return (Boolean) values.get(ConfigKeys.JMX_ENABLED);
    }

    /** {@code attune.jmx.delay} in nanoseconds. */
    public long jmxDelayNanos() {
        return (Long) values.get(ConfigKeys.JMX_DELAY);
    }

    /** {@code attune.jmx.methods}: most method MBeans, for the busiest methods. */
    public int jmxMethods() {
        return ((Long) values.get(ConfigKeys.JMX_METHODS)).intValue();
    }

    /** {@code attune.jmx.readOnly}. */
    public boolean jmxReadOnly() {
        return (Boolean) values.get(ConfigKeys.JMX_READ_ONLY);
    }

    /** {@code attune.tuner.pools}. */
    public boolean tunerPools() {
        return (Boolean) values.get(ConfigKeys.TUNER_POOLS);
    }

    /** {@code attune.tuner.mode}: off, advise or auto. */
    public String tunerMode() {
        return (String) values.get(ConfigKeys.TUNER_MODE);
    }

    /** {@code attune.tuner.period} in nanoseconds, at most the interval. */
    public long tunerPeriodNanos() {
        return Math.min((Long) values.get(ConfigKeys.TUNER_PERIOD), intervalNanos());
    }

    /** {@code attune.tuner.max-step}: the largest factor of one grow. */
    public double tunerMaxStep() {
        return (Double) values.get(ConfigKeys.TUNER_MAX_STEP);
    }

    /** {@code attune.tuner.cooldown}, in control periods. */
    public int tunerCooldown() {
        return ((Long) values.get(ConfigKeys.TUNER_COOLDOWN)).intValue();
    }

    /** {@code attune.tuner.min-samples}. */
    public int tunerMinSamples() {
        return ((Long) values.get(ConfigKeys.TUNER_MIN_SAMPLES)).intValue();
    }

    /** {@code attune.tuner.growth-limit}. */
    public int tunerGrowthLimit() {
        return ((Long) values.get(ConfigKeys.TUNER_GROWTH_LIMIT)).intValue();
    }

    /** {@code attune.tuner.slo-method}; empty for none. */
    public String tunerSloMethod() {
        return (String) values.get(ConfigKeys.TUNER_SLO_METHOD);
    }

    /** Alert expressions by name ({@code attune.alert.<name>}), in the order they were found. */
    public Map<String, String> alerts() {
        return alerts;
    }

    /** Where {@code key}'s value came from: {@code default}, {@code file:<path>}, {@code env} or {@code system-property}. */
    public String sourceOf(String key) {
        return sources.getOrDefault(key, "default");
    }

    /** The sources that contributed, for display, e.g. {@code file:/etc/attune.properties + system-properties}. */
    public String source() {
        return source;
    }

    /** Problems found, in a stable order: agent argument and file first, then keys by name. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** One loading pass: collects raw values per source, then resolves each key once. */
    private static final class Loading {
        private final Properties system;
        private final Map<String, String> env;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final Set<String> used = new LinkedHashSet<>();
        private String fileLabel;

        Loading(Properties system, Map<String, String> env) {
            this.system = system;
            this.env = env;
        }

        AgentConfig load(String agentArgs) {
            String path = fileFromAgentArgs(agentArgs);
            if (path == null) {
                path = blankToNull(system.getProperty(ConfigKeys.CONFIG));
            }
            if (path == null) {
                path = blankToNull(env.get(ConfigKey.envName(ConfigKeys.CONFIG)));
            }
            Map<String, String> file = path == null ? Map.of() : readFile(path);

            Map<String, String> fromEnv = new TreeMap<>();
            Map<String, String> envKeys = new TreeMap<>();
            for (Map.Entry<String, String> e : env.entrySet()) {
                String var = e.getKey();
                if (var.startsWith("ATTUNE_") && !var.equals(ConfigKey.envName(ConfigKeys.CONFIG))) {
                    String key = keyOfEnv(var);
                    fromEnv.put(key, e.getValue());
                    envKeys.put(key, var);
                }
            }
            Map<String, String> fromSystem = new TreeMap<>();
            for (String name : system.stringPropertyNames()) {
                if (name.startsWith("attune.") && !name.equals(ConfigKeys.CONFIG)) {
                    fromSystem.put(name, system.getProperty(name));
                }
            }

            warnUnknown(file, "file " + path);
            for (Map.Entry<String, String> e : envKeys.entrySet()) {
                if (!known(e.getKey())) {
                    problems.add(new ConfigProblem(ConfigProblem.Severity.WARN, e.getValue(),
                            "unknown environment variable " + e.getValue() + "; " + suggestion(e.getValue(), true)
                                    + "; ignored"));
                }
            }
            warnUnknown(fromSystem, "system property");

            Map<ConfigKey, Object> values = new HashMap<>();
            Map<String, String> sources = new HashMap<>();
            for (ConfigKey key : ConfigKeys.ALL) {
                String text = null;
                String from = "default";
                if (fromSystem.containsKey(key.name())) {
                    text = fromSystem.get(key.name());
                    from = "system-property";
                    used.add(FROM_SYSTEM);
                } else if (fromEnv.containsKey(key.name())) {
                    text = fromEnv.get(key.name());
                    from = FROM_ENV;
                    used.add(FROM_ENV);
                } else if (file.containsKey(key.name())) {
                    text = file.get(key.name());
                    from = fileLabel;
                }
                Object value = text == null ? null : key.parse(text);
                if (text != null && value == null) {
                    problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, key.name(),
                            "invalid value for " + key.name() + " (from " + from + "): \"" + text + "\"; expected "
                                    + key.expected() + "; using the default "
                                    + (key.defaultText().isEmpty() ? "(empty)" : key.defaultText())));
                    from = "default";
                }
                values.put(key, value != null ? value : key.defaultValue());
                sources.put(key.name(), from);
            }

            checkPeriodWithinInterval(values, sources);

            Map<String, String> alerts = new LinkedHashMap<>();
            Map<String, String> pools = new LinkedHashMap<>();
            for (Map.Entry<Map<String, String>, String> source : List.of(Map.entry(file, fileLabelOrNone()),
                    Map.entry(fromEnv, FROM_ENV), Map.entry(fromSystem, FROM_SYSTEM))) {
                collectPrefixed(source.getKey(), source.getValue(), ConfigKeys.ALERT_PREFIX, ALERT_NAME, alerts,
                        "alert name", "letters, digits, - and _", "this alert");
                collectPrefixed(source.getKey(), source.getValue(), ConfigKeys.POOL_PREFIX, POOL_KEY, pools,
                        "pool key", "<name>.match, .mode, .min, .max or .target-wait, the name in letters, digits,"
                                + " - and _", "this key");
            }

            List<PoolConfig> poolConfigs = PoolConfig.parse(pools, problems);
            String source = used.isEmpty() ? "defaults" : String.join(" + ", orderedSources());
            return new AgentConfig(Collections.unmodifiableMap(values), Collections.unmodifiableMap(sources),
                    Collections.unmodifiableMap(alerts), Collections.unmodifiableMap(pools), poolConfigs,
                    List.copyOf(problems), source);
        }

        /** A control period the user set longer than the interval: one error, and the default (within the interval). */
        private void checkPeriodWithinInterval(Map<ConfigKey, Object> values, Map<String, String> sources) {
            ConfigKey period = ConfigKeys.TUNER_PERIOD;
            long interval = (Long) values.get(ConfigKeys.INTERVAL);
            if (!"default".equals(sources.get(period.name())) && (Long) values.get(period) > interval) {
                problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, period.name(), "invalid value for "
                        + period.name() + " (from " + sources.get(period.name()) + "): "
                        + ConfigKey.DurationText.of((Long) values.get(period)) + " is longer than attune.interval="
                        + ConfigKey.DurationText.of(interval) + "; using the default " + period.defaultText()
                        + " (at most the interval)"));
                values.put(period, period.defaultValue());
                sources.put(period.name(), "default");
            }
        }

        private List<String> orderedSources() {
            List<String> out = new ArrayList<>();
            for (String s : new String[] {fileLabel, FROM_ENV, FROM_SYSTEM}) {
                if (s != null && used.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }

        private String fileFromAgentArgs(String agentArgs) {
            if (agentArgs == null || agentArgs.isBlank()) {
                return null;
            }
            String args = agentArgs.trim();
            if (args.startsWith("config=") && args.length() > "config=".length()) {
                return args.substring("config=".length()).trim();
            }
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, "agent-argument",
                    "invalid agent argument \"" + agentArgs + "\"; expected config=<path to a properties file>,"
                            + " as in -javaagent:attune-agent.jar=config=attune.properties; ignored"));
            return null;
        }

        private Map<String, String> readFile(String path) {
            File file = new File(path).getAbsoluteFile();
            fileLabel = "file:" + file.getPath();
            if (!file.exists()) {
                return fileProblem(file, "does not exist");
            }
            if (!file.isFile() || !file.canRead()) {
                return fileProblem(file, "is not a readable file");
            }
            Properties p = new Properties();
            try (InputStream in = new FileInputStream(file);
                 Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                return fileProblem(file, "could not be read (" + e.getMessage() + ")");
            }
            used.add(fileLabel);
            Map<String, String> out = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                out.put(name.trim(), p.getProperty(name));
            }
            return out;
        }

        private Map<String, String> fileProblem(File file, String what) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, "config-file",
                    "config file " + file.getPath() + " " + what
                            + "; running with system properties, environment and defaults"));
            return Map.of();
        }

        private void warnUnknown(Map<String, String> raw, String from) {
            for (String key : raw.keySet()) {
                if (!known(key)) {
                    problems.add(new ConfigProblem(ConfigProblem.Severity.WARN, key,
                            "unknown key " + key + " (from " + from + "); " + suggestion(key, false) + "; ignored"));
                }
            }
        }

        private static boolean known(String key) {
            if (ConfigKeys.named(key) != null) {
                return true;
            }
            // Alert and pool keys are known by their prefix; a bad one is reported where they are collected.
            return key.startsWith(ConfigKeys.ALERT_PREFIX) && key.length() > ConfigKeys.ALERT_PREFIX.length()
                    || key.startsWith(ConfigKeys.POOL_PREFIX) && key.length() > ConfigKeys.POOL_PREFIX.length();
        }

        private String fileLabelOrNone() {
            return fileLabel == null ? "file" : fileLabel;
        }

        /**
         * Collects the keys under {@code prefix} (alerts, pools) from one source into {@code into}, by the rest of
         * the key; a later source replaces an earlier one's value and takes its place in the order.
         */
        private void collectPrefixed(Map<String, String> raw, String from, String prefix, Pattern valid,
                                     Map<String, String> into, String what, String expected,
                                     String skipped) {
            for (Map.Entry<String, String> e : raw.entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    continue;
                }
                String rest = e.getKey().substring(prefix.length());
                if (rest.isEmpty()) {
                    continue;
                }
                if (!valid.matcher(rest).matches()) {
                    problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, e.getKey(),
                            "invalid " + what + " in " + e.getKey() + " (from " + from + "); expected " + expected
                                    + "; " + skipped + " is skipped"));
                    continue;
                }
                used.add(from);
                into.remove(rest);
                into.put(rest, e.getValue());
            }
        }

        /** Environment variable to key: known keys by their env name, alerts by prefix, others lower-cased. */
        private static String keyOfEnv(String var) {
            for (ConfigKey k : ConfigKeys.ALL) {
                if (k.envName().equals(var)) {
                    return k.name();
                }
            }
            String alertPrefix = ConfigKey.envName(ConfigKeys.ALERT_PREFIX);
            if (var.startsWith(alertPrefix) && var.length() > alertPrefix.length()) {
                return ConfigKeys.ALERT_PREFIX + var.substring(alertPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '-');
            }
            String poolPrefix = ConfigKey.envName(ConfigKeys.POOL_PREFIX);
            if (var.startsWith(poolPrefix) && var.length() > poolPrefix.length()) {
                // ATTUNE_POOL_ORDERS_IO_TARGET_WAIT -> attune.pool.orders-io.target-wait
                String rest = var.substring(poolPrefix.length()).toLowerCase(Locale.ROOT);
                for (String attribute : POOL_ATTRIBUTES) {
                    String suffix = "_" + attribute.replace('-', '_');
                    if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                        return ConfigKeys.POOL_PREFIX + rest.substring(0, rest.length() - suffix.length()).replace('_', '-')
                                + "." + attribute;
                    }
                }
            }
            return var.toLowerCase(Locale.ROOT).replace('_', '.');
        }

        private static String suggestion(String unknown, boolean envForm) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (ConfigKey k : ConfigKeys.ALL) {
                String candidate = envForm ? k.envName() : k.name();
                int d = EditDistance.between(unknown, candidate);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
            // Close enough to be a typo: a few edits, relative to the key's length.
            return bestDistance <= Math.max(2, unknown.length() / 4)
                    ? "did you mean " + best + "?"
                    : "no similar key (see the configuration reference)";
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
