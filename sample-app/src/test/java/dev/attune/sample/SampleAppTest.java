package dev.attune.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SampleAppTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return SampleApp.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentsExitWith2AndUsageOnStderr() throws Exception {
        String[][] bad = {
            {}, {"nonsense"}, {"demo", "--bogus", "1"}, {"demo", "--phases", "10s"},
            {"demo", "--phases", "1s@10", "--duration", "1s"}, {"demo", "--path", "/x"},
            {"serve", "--port", "http"}, {"serve", "--port"}, {"check", "--rate", "5"}, {"demo", "--io-core", "0"},
        };
        for (String[] args : bad) {
            err.reset();
            assertEquals(SampleApp.BAD_ARGUMENTS, run(args), String.join(" ", args));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"), String.join(" ", args));
        }
        assertEquals(0, out.size());
    }

    @Test
    void helpGoesToStdout() throws Exception {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage:"));
    }

    @Test
    void shortDemoPrintsLoadTableAndAgentAbsence() throws Exception {
        assertEquals(0, run("demo", "--phases", "300ms@40,200ms@40", "--warmup", "0s", "--downstream-latency", "1ms",
                "--downstream-jitter", "0ms", "--compute-n", "1000"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("p99.9 ms"), printed);
        assertTrue(printed.contains("1 300ms@40"), printed);
        assertTrue(printed.contains("total "), printed);
        assertTrue(printed.contains("service: cache hit ratio"), printed);
        assertTrue(printed.contains(AgentMetricsReport.ABSENT_LINE), printed);
    }
}
