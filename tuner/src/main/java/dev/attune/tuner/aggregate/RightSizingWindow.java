package dev.attune.tuner.aggregate;

import java.util.Arrays;

/**
 * The last hour (by default) of CPU and heap use, for the right-sizing report: peak and p95 of cores used and
 * of heap after GC, against cores available and max heap.
 *
 * <p>Memory is bounded and allocated once: a ring of at most {@code capacity} entries. An entry covers at least
 * {@code window / capacity}: with intervals that long or longer (10 s intervals, 1 h window, 4096 entries) each
 * interval is one entry; with shorter intervals consecutive ones share an entry, which keeps their mean CPU and
 * their largest heap after GC, so the ring still spans the whole window. Entries whose last sample is older than
 * the window are dropped at each record and each read. Percentiles are nearest-rank over the entries that hold
 * the figure (NaN, not measured, is skipped), computed on a preallocated scratch array.
 *
 * <p>Agent thread only; publish what readers need through {@link RightSizingFigures}.
 */
public final class RightSizingWindow {

    /** Largest number of entries: 4096 × 4 doubles and a long, about 160 KB. */
    public static final int MAX_ENTRIES = 4096;

    private final long windowNanos;
    private final long entryNanos;
    private final int capacity;
    private final long[] firstNanos;
    private final long[] lastNanos;
    private final double[] cpuSum;
    private final int[] cpuCount;
    private final double[] heapMax;
    private final double[] scratch;
    private int head; // index of the oldest entry
    private int size;
    private long samples;
    private double coresAvailable = Double.NaN;
    private double heapLimit = Double.NaN;

    /** A window of {@code windowNanos} over at most {@link #MAX_ENTRIES} entries. */
    public RightSizingWindow(long windowNanos) {
        this(windowNanos, MAX_ENTRIES);
    }

    /** A window of {@code windowNanos} over at most {@code capacity} entries. */
    public RightSizingWindow(long windowNanos, int capacity) {
        this.windowNanos = Math.max(1, windowNanos);
        this.capacity = Math.max(2, capacity);
        this.entryNanos = this.windowNanos / this.capacity;
        this.firstNanos = new long[this.capacity];
        this.lastNanos = new long[this.capacity];
        this.cpuSum = new double[this.capacity];
        this.cpuCount = new int[this.capacity];
        this.heapMax = new double[this.capacity];
        this.scratch = new double[this.capacity];
    }

    /** Records one interval ending at {@code nowNanos}. */
    public void record(long nowNanos, ResourceSample s) {
        expire(nowNanos);
        samples++;
        if (!Double.isNaN(s.coresAvailable())) {
            coresAvailable = s.coresAvailable();
        }
        if (!Double.isNaN(s.heapMaxBytes())) {
            heapLimit = s.heapMaxBytes();
        }
        int i;
        if (size > 0 && nowNanos - firstNanos[i = newest()] < entryNanos) {
            lastNanos[i] = nowNanos; // a short interval: shares the newest entry
        } else {
            if (size == capacity) {
                head = (head + 1) % capacity; // never with entries that long, but the ring must not overflow
                size--;
            }
            i = (head + size) % capacity;
            size++;
            firstNanos[i] = nowNanos;
            lastNanos[i] = nowNanos;
            cpuSum[i] = 0;
            cpuCount[i] = 0;
            heapMax[i] = Double.NaN;
        }
        if (!Double.isNaN(s.cpuCores())) {
            cpuSum[i] += s.cpuCores();
            cpuCount[i]++;
        }
        double heap = s.heapAfterGcBytes();
        if (!Double.isNaN(heap) && !(heap <= heapMax[i])) { // also replaces NaN
            heapMax[i] = heap;
        }
    }

    private int newest() {
        return (head + size - 1) % capacity;
    }

    private void expire(long nowNanos) {
        while (size > 0 && nowNanos - lastNanos[head] > windowNanos) {
            head = (head + 1) % capacity;
            size--;
        }
    }

    /** The figures of the window as of {@code nowNanos}. */
    public RightSizingFigures figures(long nowNanos) {
        expire(nowNanos);
        int cpuN = 0;
        int heapN = 0;
        for (int k = 0; k < size; k++) {
            int i = (head + k) % capacity;
            if (cpuCount[i] > 0) {
                scratch[cpuN++] = cpuSum[i] / cpuCount[i];
            }
        }
        double cpuPeak = peak(cpuN);
        double cpuP95 = p95(cpuN);
        for (int k = 0; k < size; k++) {
            int i = (head + k) % capacity;
            if (!Double.isNaN(heapMax[i])) {
                scratch[heapN++] = heapMax[i];
            }
        }
        double heapPeak = peak(heapN);
        double heapP95 = p95(heapN);
        double covered = size == 0 ? 0 : (lastNanos[newest()] - firstNanos[head]) / 1e9;
        return new RightSizingFigures(cpuN, heapN, covered, windowNanos / 1e9, cpuPeak, cpuP95, coresAvailable,
                heapPeak, heapP95, heapLimit);
    }

    private double peak(int n) {
        double max = Double.NaN;
        for (int k = 0; k < n; k++) {
            if (!(scratch[k] <= max)) {
                max = scratch[k];
            }
        }
        return max;
    }

    /** Nearest rank: the smallest value with at least 95% of the values at or below it. */
    private double p95(int n) {
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(scratch, 0, n);
        return scratch[(int) Math.ceil(0.95 * n) - 1];
    }

    /** Intervals recorded since start (including those that have left the window). */
    public long samples() {
        return samples;
    }
}
