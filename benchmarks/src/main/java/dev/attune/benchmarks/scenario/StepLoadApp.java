package dev.attune.benchmarks.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application of {@link PoolStepBenchmark}: one {@code Executors.newFixedThreadPool(size)} under a stepped
 * open-loop load. Each task either sleeps ({@code io}) or computes ({@code cpu}) for {@code --task-ms}; a task's
 * latency runs from the moment it was due to be submitted to its end, so a late submitter cannot hide queueing.
 * Prints when each step starts ({@code step i starts epoch_ms=}), and one line a step when it ends:
 * {@code step i x<multiplier> p50_ms= p99_ms= late_p99_ms= max_core= done=}, where
 * {@code late_p99_ms} is the p99 of the tasks due in the step's second half and {@code max_core} the largest core
 * size seen in the step (the agent may change it).
 *
 * <p>Args: {@code --kind io|cpu --size 4 --rate 100 --task-ms 20 --steps 15s@1,30s@5,15s@1}.
 */
public final class StepLoadApp {

    private StepLoadApp() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean cpu = "cpu".equals(option(a, "--kind", "io"));
        int size = Integer.parseInt(option(a, "--size", "4"));
        double rate = Double.parseDouble(option(a, "--rate", "100"));
        long taskNanos = (long) (Double.parseDouble(option(a, "--task-ms", "20")) * 1e6);
        String[] steps = option(a, "--steps", "15s@1,30s@5,15s@1").split(",");
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "step-pool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ThreadPoolExecutor tpe = (ThreadPoolExecutor) pool;
        warmUp(pool, cpu, taskNanos);
        for (int i = 0; i < steps.length; i++) {
            String[] parts = steps[i].trim().split("@");
            long stepNanos = (long) (Double.parseDouble(parts[0].replace("s", "")) * 1e9);
            double multiplier = Double.parseDouble(parts[1]);
            runStep(i + 1, pool, tpe, cpu, taskNanos, rate * multiplier, multiplier, stepNanos);
        }
        pool.shutdownNow();
    }

    private static void warmUp(ExecutorService pool, boolean cpu, long taskNanos) throws Exception {
        for (int i = 0; i < 20; i++) {
            pool.submit(() -> work(cpu, taskNanos / 4)).get();
        }
    }

    private static void runStep(int index, ExecutorService pool, ThreadPoolExecutor tpe, boolean cpu, long taskNanos,
                                double perSecond, double multiplier, long stepNanos) throws InterruptedException {
        long start = System.nanoTime();
        System.out.println("step " + index + " starts epoch_ms=" + System.currentTimeMillis());
        long period = (long) (1e9 / perSecond);
        int expected = (int) (stepNanos / period) + 1;
        long[] latency = new long[expected];
        long[] due = new long[expected];
        AtomicInteger done = new AtomicInteger();
        int maxCore = tpe.getCorePoolSize();
        int submitted = 0;
        for (long next = start; next - start < stepNanos && submitted < expected; next += period) {
            while (System.nanoTime() < next) {
                maxCore = Math.max(maxCore, tpe.getCorePoolSize());
                long left = next - System.nanoTime();
                if (left > 200_000) {
                    Thread.sleep(0, (int) Math.min(999_999, left - 100_000));
                }
            }
            int slot = submitted++;
            long dueAt = next;
            due[slot] = dueAt - start;
            pool.execute(() -> {
                work(cpu, taskNanos);
                latency[slot] = System.nanoTime() - dueAt;
                done.incrementAndGet();
            });
        }
        // Wait for this step's tasks (bounded), so each step's latencies are its own.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (done.get() < submitted && System.nanoTime() < deadline) {
            maxCore = Math.max(maxCore, tpe.getCorePoolSize());
            Thread.sleep(5);
        }
        List<Long> all = new ArrayList<>();
        List<Long> late = new ArrayList<>();
        for (int i = 0; i < submitted; i++) {
            if (latency[i] > 0) {
                all.add(latency[i]);
                if (due[i] >= stepNanos / 2) {
                    late.add(latency[i]);
                }
            }
        }
        System.out.printf(Locale.ROOT, "step %d x%s p50_ms=%.1f p99_ms=%.1f late_p99_ms=%.1f max_core=%d done=%d%n",
                index, fmt(multiplier), pct(all, 50), pct(all, 99), pct(late, 99), maxCore, all.size());
        System.out.flush();
    }

    private static String fmt(double m) {
        return m == Math.rint(m) ? Long.toString((long) m) : Double.toString(m);
    }

    private static double pct(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int i = (int) Math.ceil(p / 100 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))] / 1e6;
    }

    private static volatile long sink;

    private static void work(boolean cpu, long nanos) {
        if (!cpu) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        // CPU time, not wall time: on a busy machine a task still needs its share of computing.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = mx.getCurrentThreadCpuTime() + nanos;
        long x = 0;
        while (mx.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        sink = x;
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 ? args.get(i + 1) : fallback;
    }
}
