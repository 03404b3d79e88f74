package dev.attune.tuner.decide;

import dev.attune.tuner.aggregate.MethodFigures;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert on one timed method's interval figures, e.g. {@code com.acme.OrderService#place p99 > 50ms for 3 intervals}.
 *
 * <p>Algorithm: each interval the condition is evaluated on the last interval's figures. The alert fires
 * after it held for N consecutive intervals, and resolves after it was clear for N consecutive intervals
 * (the same N, so one noisy interval neither fires nor resolves it). Between the two transitions nothing
 * is reported. An interval without calls has no latency: a latency condition counts as clear then, while
 * {@code throughput} and {@code errors} are 0 and are compared as such.
 *
 * <p>Syntax: {@code <Class#method> <stat> <op> <threshold> [for <N> interval(s)]}, where stat is one of
 * p50 p90 p99 p999 max mean (threshold with a unit: ns, us, ms, s), errors (a count per interval) or
 * throughput (calls per second), and op one of {@code > >= < <=}.
 */
public final class LatencyAlertRule {

    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*(\\S+#\\S+)\\s+(\\w+)\\s*(>=|<=|>|<)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)"
                    + "(?:\\s+for\\s+([0-9]+)\\s+intervals?)?\\s*");

    private final String name;
    private final String expression;
    private final String method;
    private final Stat stat;
    private final String op;
    private final double threshold;
    private final String thresholdText;
    private final int intervals;

    private boolean firing;
    private int streak;
    private double lastValue;

    private LatencyAlertRule(String name, String expression, String method, Stat stat, String op,
                             double threshold, String thresholdText, int intervals) {
        this.name = name;
        this.expression = expression;
        this.method = method;
        this.stat = stat;
        this.op = op;
        this.threshold = threshold;
        this.thresholdText = thresholdText;
        this.intervals = intervals;
    }

    /** Parses {@code expression} for the alert called {@code name}; never throws. */
    public static Parsed parse(String name, String expression) {
        Matcher m = SYNTAX.matcher(expression == null ? "" : expression);
        if (!m.matches()) {
            return Parsed.error("expected <Class#method> <stat> <op> <threshold> [for N intervals],"
                    + " e.g. com.acme.OrderService#place p99 > 50ms for 3 intervals");
        }
        Stat stat = Stat.of(m.group(2));
        if (stat == null) {
            return Parsed.error("unknown stat \"" + m.group(2)
                    + "\"; expected one of p50, p90, p99, p999, max, mean, errors, throughput");
        }
        double number = Double.parseDouble(m.group(4));
        String unit = m.group(5).toLowerCase(Locale.ROOT);
        double threshold;
        if (stat.latency) {
            long nanosPerUnit = nanosPerUnit(unit);
            if (nanosPerUnit == 0) {
                return Parsed.error("a latency threshold needs a unit (ns, us, ms or s), got \""
                        + m.group(4) + m.group(5) + "\"");
            }
            threshold = number * nanosPerUnit;
        } else {
            if (!unit.isEmpty() && !(stat == Stat.THROUGHPUT && unit.equals("persec"))) {
                return Parsed.error(stat.key + " takes a plain number, got \"" + m.group(4) + m.group(5) + "\"");
            }
            threshold = number;
        }
        int intervals = m.group(6) == null ? 1 : Integer.parseInt(m.group(6));
        if (intervals < 1 || intervals > 1000) {
            return Parsed.error("\"for N intervals\" needs N from 1 to 1000, got " + intervals);
        }
        return new Parsed(new LatencyAlertRule(name, expression.trim(), m.group(1), stat, m.group(3), threshold,
                m.group(4) + m.group(5), intervals), null);
    }

    private static long nanosPerUnit(String unit) {
        switch (unit) {
            case "ns": return 1L;
            case "us": return 1_000L;
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            default: return 0L;
        }
    }

    /** Evaluates the last interval of {@code figures} (null: the method has not been seen) and says what changed. */
    public AlertTransition evaluate(MethodFigures figures) {
        boolean holds = false;
        if (figures != null && (figures.count() > 0 || !stat.latency)) {
            lastValue = stat.value(figures);
            holds = compare(lastValue);
        }
        if (holds == firing) {
            streak = 0; // the state is confirmed: a change needs N intervals in a row again
            return AlertTransition.NONE;
        }
        if (++streak < intervals) {
            return AlertTransition.NONE;
        }
        streak = 0;
        firing = holds;
        return firing ? AlertTransition.FIRING : AlertTransition.RESOLVED;
    }

    private boolean compare(double value) {
        switch (op) {
            case ">": return value > threshold;
            case ">=": return value >= threshold;
            case "<": return value < threshold;
            default: return value <= threshold;
        }
    }

    /** The alert's name, from its key {@code attune.alert.<name>}. */
    public String name() {
        return name;
    }

    /** The rule as written. */
    public String expression() {
        return expression;
    }

    /** The method the rule watches, {@code Class#method}. */
    public String method() {
        return method;
    }

    /** The stat's key, e.g. {@code p99}. */
    public String statKey() {
        return stat.key;
    }

    /** The threshold as written, e.g. {@code 50ms}. */
    public String thresholdText() {
        return thresholdText;
    }

    /** The last evaluated value in the stat's log unit: milliseconds for latencies, else as counted. */
    public double lastValueInLogUnit() {
        return stat.latency ? lastValue / 1e6 : lastValue;
    }

    /** The threshold in the stat's log unit. */
    public double thresholdInLogUnit() {
        return stat.latency ? threshold / 1e6 : threshold;
    }

    /** The unit suffix of log keys for this stat: {@code ms}, {@code per_s} or empty. */
    public String logUnit() {
        return stat.latency ? "ms" : stat == Stat.THROUGHPUT ? "per_s" : "";
    }

    /** Consecutive intervals needed to fire or resolve. */
    public int intervals() {
        return intervals;
    }

    /** True while the alert is firing. */
    public boolean firing() {
        return firing;
    }

    /** Result of {@link #parse}: a rule, or an error saying what was expected. */
    public static final class Parsed {
        private final LatencyAlertRule rule;
        private final String error;

        private Parsed(LatencyAlertRule rule, String error) {
            this.rule = rule;
            this.error = error;
        }

        static Parsed error(String message) {
            return new Parsed(null, message);
        }

        /** The rule, or null on error. */
        public LatencyAlertRule rule() {
            return rule;
        }

        /** The error, or null when parsed. */
        public String error() {
            return error;
        }
    }

    private enum Stat {
        P50("p50", true), P90("p90", true), P99("p99", true), P999("p999", true), MAX("max", true),
        MEAN("mean", true), ERRORS("errors", false), THROUGHPUT("throughput", false);

        final String key;
        final boolean latency;

        Stat(String key, boolean latency) {
            this.key = key;
            this.latency = latency;
        }

        static Stat of(String key) {
            for (Stat s : values()) {
                if (s.key.equalsIgnoreCase(key)) {
                    return s;
                }
            }
            return null;
        }

        double value(MethodFigures f) {
            switch (this) {
                case P50: return f.p50Nanos();
                case P90: return f.p90Nanos();
                case P99: return f.p99Nanos();
                case P999: return f.p999Nanos();
                case MAX: return f.maxNanos();
                case MEAN: return f.meanNanos();
                case ERRORS: return f.errors();
                default: return f.throughputPerSec();
            }
        }
    }
}
