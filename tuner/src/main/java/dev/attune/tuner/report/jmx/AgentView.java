package dev.attune.tuner.report.jmx;

import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Presents the agent's facts and live counters as {@link AgentMXBean} attributes. */
public final class AgentView implements AgentMXBean {

    private final String version;
    private final long startMillis = System.currentTimeMillis();
    private final String configSource;
    private final String[] configProblems;
    private final String[] methodPatterns;
    private final double intervalSeconds;
    private final long ringBufferBytes;
    private final LongSupplier eventsRecorded;
    private final LongSupplier eventsDropped;
    private final LongSupplier methodsTimed;
    private final LongSupplier classesInstrumented;
    private final LongSupplier instrumentationErrors;
    private volatile boolean enabled = true;
    private volatile Supplier<String[]> methodTable = () -> new String[0];

    /** Creates the view from fixed facts and live counters. */
    public AgentView(String version, String configSource, List<String> configProblems, List<String> methodPatterns,
                     double intervalSeconds, long ringBufferBytes, LongSupplier eventsRecorded,
                     LongSupplier eventsDropped, LongSupplier methodsTimed, LongSupplier classesInstrumented,
                     LongSupplier instrumentationErrors) {
        this.version = version;
        this.configSource = configSource;
        this.configProblems = configProblems.toArray(new String[0]);
        this.methodPatterns = methodPatterns.toArray(new String[0]);
        this.intervalSeconds = intervalSeconds;
        this.ringBufferBytes = ringBufferBytes;
        this.eventsRecorded = eventsRecorded;
        this.eventsDropped = eventsDropped;
        this.methodsTimed = methodsTimed;
        this.classesInstrumented = classesInstrumented;
        this.instrumentationErrors = instrumentationErrors;
    }

    /** Sets what lists every called method, a line each ({@link MethodTable}). */
    public void showMethodTable(Supplier<String[]> table) {
        this.methodTable = table;
    }

    /** Marks the agent stopped (at shutdown). */
    public void stopped() {
        enabled = false;
    }

    @Override public String getVersion() { return version; }
    @Override public long getUptimeSeconds() { return (System.currentTimeMillis() - startMillis) / 1000; }
    @Override public boolean isEnabled() { return enabled; }
    @Override public String getConfigSource() { return configSource; }
    @Override public String[] getConfigProblems() { return configProblems.clone(); }
    @Override public String[] getMethodPatterns() { return methodPatterns.clone(); }
    @Override public double getIntervalSeconds() { return intervalSeconds; }
    @Override public long getEventsRecorded() { return eventsRecorded.getAsLong(); }
    @Override public long getEventsDropped() { return eventsDropped.getAsLong(); }
    @Override public int getMethodsTimed() { return (int) methodsTimed.getAsLong(); }
    @Override public long getClassesInstrumented() { return classesInstrumented.getAsLong(); }
    @Override public long getInstrumentationErrors() { return instrumentationErrors.getAsLong(); }
    @Override public long getRingBufferBytes() { return ringBufferBytes; }
    @Override public String[] getMethodTable() { return methodTable.get(); }
}
