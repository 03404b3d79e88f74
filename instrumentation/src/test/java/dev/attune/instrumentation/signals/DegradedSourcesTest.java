package dev.attune.instrumentation.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fresh JVMs where a source cannot work: JFR disabled or absent, JNA unable to load its native library.
 * Each says one problem line, the child carries on, and nothing else reaches its standard error.
 */
class DegradedSourcesTest {

    private static final String VM_WARNING = "OpenJDK 64-Bit Server VM warning:";

    @Test
    void jfrDisabledByFlagIsOneProblem() throws Exception {
        ChildJvm child = ChildJvm.run(List.of("-XX:-FlightRecorder"), SignalSourcesProbe.class, "jfr");
        assertEquals(0, child.exitCode, child.toString());
        assertEquals(List.of("problem|jfr|JFR signals|Flight Recorder is disabled (-XX:-FlightRecorder) "
                + "or not supported by this JVM"), child.lines("problem|"), child.toString());
        assertEquals(List.of("started=false"), child.lines("started="), child.toString());
        assertEquals(List.of(), withoutVmWarnings(child.stderr), child.toString());
    }

    @Test
    void jfrModuleAbsentIsOneProblem() throws Exception {
        ChildJvm child = ChildJvm.run(List.of("--limit-modules", "java.base,java.management,jdk.unsupported"),
                SignalSourcesProbe.class, "jfr");
        assertEquals(0, child.exitCode, child.toString());
        List<String> problems = child.lines("problem|");
        assertEquals(1, problems.size(), child.toString());
        assertTrue(problems.get(0).startsWith("problem|jfr|JFR signals|this runtime has no jdk.jfr module"));
        assertEquals(List.of("started=false"), child.lines("started="), child.toString());
        assertEquals(List.of(), child.stderr, child.toString());
    }

    @Test
    void jnaWithoutNativeLibraryIsOneProblemAndTheJdkCountersServe() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        ChildJvm child = ChildJvm.run(List.of("-Djna.nosys=true", "-Djna.nounpack=true"),
                SignalSourcesProbe.class, "os");
        assertEquals(0, child.exitCode, child.toString());
        List<String> problems = child.lines("problem|");
        assertEquals(1, problems.size(), child.toString());
        assertTrue(problems.get(0).startsWith("problem|oshi|native OS counters|"), problems.get(0));
        assertEquals(List.of("source=jdk"), child.lines("source="), child.toString());
        assertEquals(List.of("seen=[PROCESS_CPU_CORES, SYSTEM_CPU_LOAD, LOAD_AVERAGE, CONTEXT_SWITCHES_VOLUNTARY, "
                + "CONTEXT_SWITCHES_INVOLUNTARY, RESIDENT_MEMORY, AVAILABLE_MEMORY, OPEN_FILE_DESCRIPTORS, "
                + "CORES_AVAILABLE]"), child.lines("seen="), child.toString());
        assertEquals(List.of(), child.stderr, "OSHI's SLF4J logging stays silent\n" + child);
    }

    @Test
    void withoutNativeAccessOnJdk24OshiIsOneProblemAndTheJdkStaysQuiet() throws Exception {
        assumeTrue(Runtime.version().feature() >= 24 && System.getProperty("os.name").startsWith("Linux"));
        ChildJvm child = ChildJvm.run(List.of(), SignalSourcesProbe.class, "os");
        assertEquals(0, child.exitCode, child.toString());
        List<String> problems = child.lines("problem|");
        assertEquals(1, problems.size(), child.toString());
        assertTrue(problems.get(0).startsWith("problem|oshi|native OS counters|native access is not enabled"));
        assertEquals(List.of("source=jdk"), child.lines("source="), child.toString());
        assertEquals(List.of(), child.stderr, "no JDK warning about System::load\n" + child);

        ChildJvm allowed = ChildJvm.run(List.of("--enable-native-access=ALL-UNNAMED"), SignalSourcesProbe.class, "os");
        assertEquals(List.of(), allowed.lines("problem|"), allowed.toString());
        assertEquals(List.of("source=oshi"), allowed.lines("source="), allowed.toString());
        assertEquals(List.of(), allowed.stderr, allowed.toString());
    }

    private static List<String> withoutVmWarnings(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith(VM_WARNING)).toList();
    }
}
