package dev.attune.tuner.report.jmx;

import dev.attune.tuner.aggregate.MethodFigures;

/** Presents one method's published figures as {@link MethodMXBean} attributes in microseconds. */
final class MethodView implements MethodMXBean {

    private final MethodFigures f;

    MethodView(MethodFigures figures) {
        this.f = figures;
    }

    private static double micros(double nanos) {
        return nanos / 1_000.0;
    }

    @Override public String getMethod() { return f.name(); }
    @Override public long getCount() { return f.count(); }
    @Override public long getErrors() { return f.errors(); }
    @Override public double getThroughputPerSec() { return f.throughputPerSec(); }
    @Override public double getMeanMicros() { return micros(f.meanNanos()); }
    @Override public double getP50Micros() { return micros(f.p50Nanos()); }
    @Override public double getP90Micros() { return micros(f.p90Nanos()); }
    @Override public double getP99Micros() { return micros(f.p99Nanos()); }
    @Override public double getP999Micros() { return micros(f.p999Nanos()); }
    @Override public double getMaxMicros() { return micros(f.maxNanos()); }
    @Override public long getTotalCount() { return f.totalCount(); }
    @Override public long getTotalErrors() { return f.totalErrors(); }
    @Override public double getTotalThroughputPerSec() { return f.totalThroughputPerSec(); }
    @Override public double getTotalMeanMicros() { return micros(f.totalMeanNanos()); }
    @Override public double getTotalP50Micros() { return micros(f.totalP50Nanos()); }
    @Override public double getTotalP90Micros() { return micros(f.totalP90Nanos()); }
    @Override public double getTotalP99Micros() { return micros(f.totalP99Nanos()); }
    @Override public double getTotalP999Micros() { return micros(f.totalP999Nanos()); }
    @Override public double getTotalMaxMicros() { return micros(f.totalMaxNanos()); }
}
