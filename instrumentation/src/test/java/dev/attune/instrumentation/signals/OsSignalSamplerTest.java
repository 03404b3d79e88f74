package dev.attune.instrumentation.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS sampler with OSHI, with the JDK's counters when OSHI cannot load, and with a counter missing. */
class OsSignalSamplerTest {

    private static final boolean LINUX = System.getProperty("os.name").startsWith("Linux");
    private static final Set<Signal> EVERY_INTERVAL = EnumSet.of(Signal.PROCESS_CPU_CORES, Signal.SYSTEM_CPU_LOAD,
            Signal.LOAD_AVERAGE, Signal.CONTEXT_SWITCHES_VOLUNTARY, Signal.CONTEXT_SWITCHES_INVOLUNTARY,
            Signal.RESIDENT_MEMORY, Signal.AVAILABLE_MEMORY, Signal.OPEN_FILE_DESCRIPTORS, Signal.CORES_AVAILABLE);

    private final ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1);
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final SignalProblems recorder = (source, what, reason) -> problems.add(source + "|" + what + "|" + reason);
    private static volatile long sink;

    @Test
    void oshiGivesEveryCounterOnLinux() {
        assumeTrue(LINUX);
        OsSignalSampler sampler = new OsSignalSampler(stripes, recorder);
        sampler.sample();
        SignalTally first = new SignalTally().drainAll(stripes);
        busy();
        sampler.sample();
        SignalTally second = new SignalTally().drainAll(stripes);

        assertEquals("oshi", sampler.source());
        assertEquals(List.of(), problems);
        assertFalse(first.seen(Signal.PROCESS_CPU_CORES), "no delta on the first sample");
        assertFalse(first.seen(Signal.CONTEXT_SWITCHES_VOLUNTARY));
        assertSeen(EVERY_INTERVAL, second);
        assertTrue(second.last.get(Signal.PROCESS_CPU_CORES) > 0);
        assertTrue(second.last.get(Signal.RESIDENT_MEMORY) > 1 << 20);
        assertTrue(second.last.get(Signal.OPEN_FILE_DESCRIPTORS) > 0);
        assertTrue(second.last.get(Signal.SYSTEM_CPU_LOAD) <= 1);
    }

    @Test
    void nativeFailureIsOneProblemAndTheJdkCountersServe() {
        NoClassDefFoundError jnaMissing = new NoClassDefFoundError("Could not initialize class com.sun.jna.Native");
        jnaMissing.initCause(new UnsatisfiedLinkError("Could not find JNA native support"));
        OsSignalSampler sampler = sampler(() -> {
            throw jnaMissing;
        }, CgroupLimits::ofThisProcess);
        for (int i = 0; i < 3; i++) {
            busy();
            sampler.sample();
        }
        SignalTally tally = new SignalTally().drainAll(stripes);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("oshi|native OS counters|"), problems.get(0));
        assertTrue(problems.get(0).contains("Could not find JNA native support"), "the root cause is named");
        assertEquals("jdk", sampler.source());
        Set<Signal> expected = LINUX ? EVERY_INTERVAL : EnumSet.of(Signal.PROCESS_CPU_CORES, Signal.CORES_AVAILABLE);
        assertSeen(expected, tally);
        assertEquals(2, tally.counts.get(Signal.PROCESS_CPU_CORES), "a delta from the second sample on");
    }

    @Test
    void aMissingCounterIsOneProblemAndNeverWritten() {
        OsSignalSampler sampler = sampler(() -> new WithoutFileDescriptors(new JdkCounters()), CgroupLimits::ofThisProcess);
        for (int i = 0; i < 3; i++) {
            sampler.sample();
        }
        SignalTally tally = new SignalTally().drainAll(stripes);

        assertEquals(List.of("jdk|OPEN_FILE_DESCRIPTORS|not available on this platform or in this container"), problems);
        assertFalse(tally.seen(Signal.OPEN_FILE_DESCRIPTORS));
        assertTrue(tally.seen(Signal.PROCESS_CPU_CORES), "the other counters carry on");
    }

    @Test
    void cgroupQuotaAndLimitBecomeCoresAndMemoryLimit(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory");
        Files.writeString(root.resolve("cpu.max"), "150000 100000\n");
        Files.writeString(root.resolve("memory.max"), "536870912\n");
        Path self = Files.writeString(root.resolve("self-cgroup"), "0::/\n");
        OsSignalSampler sampler = sampler(JdkCounters::new, () -> CgroupLimits.read(root, self));
        sampler.sample();
        SignalTally tally = new SignalTally().drainAll(stripes);

        assertEquals(1.5, tally.last.get(Signal.CORES_AVAILABLE));
        assertEquals(536870912.0, tally.last.get(Signal.MEMORY_LIMIT));
    }

    @Test
    void withoutCgroupLimitsCoresAreTheProcessorsAndNoMemoryLimitIsWritten(@TempDir Path root) {
        OsSignalSampler sampler = sampler(JdkCounters::new, () -> CgroupLimits.read(root, root.resolve("none")));
        sampler.sample();
        SignalTally tally = new SignalTally().drainAll(stripes);

        assertEquals(Runtime.getRuntime().availableProcessors(), tally.last.get(Signal.CORES_AVAILABLE));
        assertFalse(tally.seen(Signal.MEMORY_LIMIT));
    }

    private OsSignalSampler sampler(Supplier<OsCounters> nativeCounters, Supplier<CgroupLimits> cgroups) {
        return new OsSignalSampler(stripes, recorder, nativeCounters, JdkCounters::new, cgroups);
    }

    private static void assertSeen(Set<Signal> expected, SignalTally tally) {
        Set<Signal> missing = EnumSet.copyOf(expected);
        missing.removeAll(tally.counts.keySet());
        assertEquals(Set.of(), missing, "signals not written");
    }

    // Some CPU for the process to account for between two samples.
    private static void busy() {
        long x = 0;
        for (int i = 0; i < 20_000_000; i++) {
            x += i * 31L ^ x;
        }
        sink = x;
    }

    /** The JDK's counters on a platform that has no count of open file descriptors. */
    private static final class WithoutFileDescriptors implements OsCounters {
        private final OsCounters real;

        WithoutFileDescriptors(OsCounters real) {
            this.real = real;
        }

        @Override
        public String source() {
            return real.source();
        }

        @Override
        public void refresh() {
            real.refresh();
        }

        @Override
        public long processCpuNanos() {
            return real.processCpuNanos();
        }

        @Override
        public double systemCpuLoad() {
            return real.systemCpuLoad();
        }

        @Override
        public double loadAverage() {
            return real.loadAverage();
        }

        @Override
        public long residentBytes() {
            return real.residentBytes();
        }

        @Override
        public long availableBytes() {
            return real.availableBytes();
        }

        @Override
        public long openFileDescriptors() {
            return -1;
        }

        @Override
        public ContextSwitches contextSwitches() {
            return real.contextSwitches();
        }
    }
}
