package dev.attune.agent.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pool's settings from {@code attune.pool.<name>.<attribute>}, each value checked like a fixed key's.
 *
 * <p>A bad value costs only that attribute: one error, and the attribute is left at its default (the global
 * mode, the pool's own core size as minimum, the growth limit as maximum, a learned baseline as target).
 *
 * @param name            the name the pool is shown under
 * @param match           thread-name prefix or pool class; empty: the name itself is the prefix
 * @param mode            {@code off}, {@code advise} or {@code auto}; null: the global mode
 * @param min             smallest core size; 0: the pool's own core size
 * @param max             largest core size; 0: growth limit × the pool's own core size
 * @param targetWaitNanos queue wait p99 target; 0: learn a baseline
 */
public record PoolConfig(String name, String match, String mode, int min, int max, long targetWaitNanos) {

    /** Largest core size a pool may be given, here and by the tuner's growth limit. */
    public static final int MAX_THREADS = 512;

    /** Parses {@code raw} ({@code <name>.<attribute>} → value, as collected); appends one problem per bad value. */
    static List<PoolConfig> parse(Map<String, String> raw, List<ConfigProblem> problems) {
        Map<String, Map<String, String>> byPool = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            int dot = e.getKey().lastIndexOf('.');
            byPool.computeIfAbsent(e.getKey().substring(0, dot), k -> new LinkedHashMap<>())
                    .put(e.getKey().substring(dot + 1), e.getValue());
        }
        List<PoolConfig> pools = new ArrayList<>();
        byPool.forEach((name, attributes) -> pools.add(one(name, attributes, problems)));
        return List.copyOf(pools);
    }

    private static PoolConfig one(String name, Map<String, String> attributes, List<ConfigProblem> problems) {
        String prefix = ConfigKeys.POOL_PREFIX + name + ".";
        String match = attributes.getOrDefault("match", "").trim();
        String mode = (String) value(new ConfigKey(prefix + "mode", ConfigKey.Kind.ENUM, "", 0, 0,
                List.of("off", "advise", "auto"), ""), attributes.get("mode"), problems);
        Long min = (Long) value(size(prefix + "min"), attributes.get("min"), problems);
        Long max = (Long) value(size(prefix + "max"), attributes.get("max"), problems);
        Long target = (Long) value(new ConfigKey(prefix + "target-wait", ConfigKey.Kind.DURATION, "", 0,
                3_600 * ConfigKeys.NS_PER_S, List.of(), ""), attributes.get("target-wait"), problems);
        if (min != null && max != null && max < min) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, prefix + "max", "invalid value for " + prefix
                    + "max: " + max + " is below " + prefix + "min=" + min + "; this setting is skipped"));
            max = null;
        }
        return new PoolConfig(name, match, mode, min == null ? 0 : min.intValue(), max == null ? 0 : max.intValue(),
                target == null ? 0 : target);
    }

    private static ConfigKey size(String key) {
        return new ConfigKey(key, ConfigKey.Kind.INTEGER, "", 1, MAX_THREADS, List.of(), "");
    }

    private static Object value(ConfigKey key, String text, List<ConfigProblem> problems) {
        if (text == null) {
            return null;
        }
        Object value = key.parse(text);
        if (value == null) {
            problems.add(new ConfigProblem(ConfigProblem.Severity.ERROR, key.name(), "invalid value for " + key.name()
                    + ": \"" + text + "\"; expected " + key.expected() + "; this setting is skipped"));
        }
        return value;
    }
}
