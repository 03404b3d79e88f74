package dev.attune.sample;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Prints what the Attune agent measured, read from the platform MBeanServer by ObjectName pattern only: the sample
 * app has no compile-time dependency on the agent, and must work unchanged when the agent is absent.
 */
final class AgentMetricsReport {

    static final String ABSENT_LINE = "attune agent not present: run with -javaagent:agent/target/attune-agent.jar";

    private static final ObjectName ANY_ATTUNE = name("dev.attune:*");
    private static final ObjectName METHODS = name("dev.attune:type=Method,*");
    private static final ObjectName AGENT = name("dev.attune:type=Agent");
    private static final ObjectName SIGNALS = name("dev.attune:type=Signals");
    private static final ObjectName HOT_METHODS = name("dev.attune:type=HotMethods");
    private static final String[] SIGNAL_ATTRIBUTES = {"ProcessCpuCores", "AvailableCores", "GcPauseCount",
        "GcPauseMillisPerSec", "AllocationBytesPerSec", "HeapAfterGcBytes", "LiveThreadCount", "BreakerOpen"};

    /** Since-start attributes, in column order; each also exists without the {@code Total} prefix (last interval). */
    private static final String[] ATTRIBUTES = {
        "TotalCount", "TotalThroughputPerSec", "TotalErrors", "TotalMeanMicros",
        "TotalP50Micros", "TotalP99Micros", "TotalP999Micros", "TotalMaxMicros"
    };
    private static final String[] HEADERS = {
        "count", "thru/s", "errors", "mean us", "p50 us", "p99 us", "p99.9 us", "max us"
    };

    private final MBeanServer server;

    private List<String> signals = List.of();

    AgentMetricsReport(MBeanServer server) {
        this.server = server;
    }

    static AgentMetricsReport platform() {
        return new AgentMetricsReport(ManagementFactory.getPlatformMBeanServer());
    }

    boolean agentPresent() {
        return !server.queryNames(ANY_ATTUNE, null).isEmpty();
    }

    /** Prints the per-method table and the agent's event counters, or the one "not present" line. */
    void print(PrintStream out) {
        if (!agentPresent()) {
            out.println(ABSENT_LINE);
            return;
        }
        Set<ObjectName> methods = new TreeSet<>(server.queryNames(METHODS, null));
        out.println("attune agent measured (since start):");
        if (methods.isEmpty()) {
            out.println("  no dev.attune:type=Method MBeans registered");
        } else {
            printMethods(out, methods);
        }
        if (server.isRegistered(AGENT)) {
            out.println("agent: EventsRecorded=" + attribute(AGENT, "EventsRecorded")
                    + " EventsDropped=" + attribute(AGENT, "EventsDropped"));
        }
        signals.forEach(out::println);
        if (server.isRegistered(SIGNALS)) {
            out.println("right-sizing: " + attribute(SIGNALS, "RightSizingRecommendation"));
        }
    }

    /**
     * Keeps the last interval's process signals and hottest sampled frames, to print with the rest: called while
     * the load still runs (or has just ended), since by the time the tables are printed the process is idle.
     */
    void captureSignals(String when) {
        if (!server.isRegistered(SIGNALS)) {
            return;
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder("process, last interval " + when + ":");
        for (String attribute : SIGNAL_ATTRIBUTES) {
            line.append(' ').append(attribute).append('=').append(attribute(SIGNALS, attribute));
        }
        lines.add(line.toString());
        try {
            String[] frames = (String[]) server.getAttribute(HOT_METHODS, "TopFrameLines");
            lines.add("hot methods, last interval " + when + " (JFR execution samples):");
            for (int i = 0; i < Math.min(5, frames.length); i++) {
                lines.add("  " + frames[i]);
            }
        } catch (Exception | LinkageError missing) {
            // the agent's set may evolve: nothing to show
        }
        signals = lines;
    }

    private void printMethods(PrintStream out, Set<ObjectName> methods) {
        List<String[]> rows = new ArrayList<>();
        int nameWidth = "method".length();
        for (ObjectName method : methods) {
            String[] row = new String[ATTRIBUTES.length + 1];
            row[0] = methodName(method);
            nameWidth = Math.max(nameWidth, row[0].length());
            for (int i = 0; i < ATTRIBUTES.length; i++) {
                row[i + 1] = attribute(method, ATTRIBUTES[i]);
            }
            rows.add(row);
        }
        StringBuilder format = new StringBuilder("%-" + nameWidth + "s");
        for (int i = 0; i < ATTRIBUTES.length; i++) {
            format.append(" %10s");
        }
        format.append("%n");
        Object[] header = new Object[HEADERS.length + 1];
        header[0] = "method";
        System.arraycopy(HEADERS, 0, header, 1, HEADERS.length);
        out.printf(format.toString(), header);
        for (String[] row : rows) {
            out.printf(format.toString(), (Object[]) row);
        }
    }

    private static String methodName(ObjectName method) {
        String name = method.getKeyProperty("name");
        if (name == null) {
            return method.getCanonicalName();
        }
        try {
            return name.startsWith("\"") ? ObjectName.unquote(name) : name;
        } catch (IllegalArgumentException notQuotedAfterAll) {
            return name;
        }
    }

    /** Reads one attribute, rendering anything missing or failing as {@code -}: the agent's set may evolve. */
    private String attribute(ObjectName bean, String attribute) {
        Object value;
        try {
            value = server.getAttribute(bean, attribute);
        } catch (Exception | LinkageError missing) {
            return "-";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? String.format("%.1f", d) : "-";
        }
        return value == null ? "-" : value.toString();
    }

    private static ObjectName name(String pattern) {
        try {
            return new ObjectName(pattern);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
