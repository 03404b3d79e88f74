package dev.attune.benchmarks.scenario;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What waking up costs a thread on this machine, whatever it then does: a thread that only parks for a period in
 * a loop, its CPU time per second for each period. The reason the agent thread parks up to 50 ms, not 1 ms.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.attune.benchmarks.scenario.ParkWakeCostBenchmark
 * [measure-s=20]}.
 */
public final class ParkWakeCostBenchmark {

    private static final long[] PERIODS_MICROS = {1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000};

    private ParkWakeCostBenchmark() {
    }

    /** Prints, per park period, the parking thread's CPU milliseconds a second and microseconds a wake-up. */
    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("%10s %14s %16s%n", "park", "cpu ms/s", "cpu us/wake-up");
        for (long micros : PERIODS_MICROS) {
            long nanos = TimeUnit.MICROSECONDS.toNanos(micros);
            Thread parker = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(nanos);
                }
            }, "parker");
            parker.setDaemon(true);
            parker.start();
            TimeUnit.SECONDS.sleep(2);
            @SuppressWarnings("deprecation")
            long id = parker.getId();
            long before = threads.getThreadCpuTime(id);
            TimeUnit.SECONDS.sleep(seconds);
            double cpuMillisPerSecond = (threads.getThreadCpuTime(id) - before) / 1e6 / seconds;
            parker.interrupt();
            parker.join();
            double wakeUpsPerSecond = 1e6 / micros;
            System.out.printf("%8d us %14.2f %16.1f%n", micros, cpuMillisPerSecond,
                    cpuMillisPerSecond * 1000 / wakeUpsPerSecond);
        }
    }
}
