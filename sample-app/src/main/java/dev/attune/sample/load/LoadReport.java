package dev.attune.sample.load;

import java.io.PrintStream;
import java.util.List;

/** Per-phase and total results of an open-loop run, printable as an aligned table. */
public final class LoadReport {

    private static final String ROW = "%-14s %9s %8s %8s %7s %6s %8s %8s %9s %9s %9s %9s %9s%n";

    private final List<PhaseResult> phases;
    private final PhaseResult total;

    LoadReport(List<PhaseResult> phases, PhaseResult total) {
        this.phases = List.copyOf(phases);
        this.total = total;
    }

    /** Results of each phase, in run order. */
    public List<PhaseResult> phases() {
        return phases;
    }

    /** Results summed over all phases. */
    public PhaseResult total() {
        return total;
    }

    /** Prints the table: one row per phase plus a total row; latencies in ms from intended send time. */
    public void printTable(PrintStream out) {
        out.printf(ROW, "phase", "target/s", "sent", "ok", "errors", "(503)", "dropped", "timeouts",
                "ok/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
        for (PhaseResult phase : phases) {
            printRow(out, phase);
        }
        if (phases.size() > 1) {
            printRow(out, total);
        }
        out.println("latency = reply time minus intended send time (open loop, coordinated-omission corrected);"
                + " errors include 503s; ok/s = 2xx per scheduled second.");
    }

    private static void printRow(PrintStream out, PhaseResult r) {
        out.printf(ROW, r.label(), String.format("%.0f", r.targetRate()), r.sent(), r.ok(), r.errors(),
                r.unavailable(), r.dropped(), r.timeouts(), String.format("%.1f", r.okPerSecond()),
                millis(r, r.p50Micros()), millis(r, r.p99Micros()), millis(r, r.p999Micros()),
                millis(r, r.maxMicros()));
    }

    private static String millis(PhaseResult r, long micros) {
        return r.measured() == 0 ? "-" : String.format("%.2f", micros / 1000.0);
    }
}
