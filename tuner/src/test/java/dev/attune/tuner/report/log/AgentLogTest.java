package dev.attune.tuner.report.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLogTest {

    @Test
    void logfmtLineHasTimestampLevelLoggerEventAndQuotesWhenNeeded() {
        LogOutput.Memory out = LogOutput.memory();
        new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, out).warn("alert")
                .kv("state", "firing").kv("rule", "a#b p99 > 5ms").kv("value_ms", 72.34567).kv("count", 3L)
                .kv("empty", "").kv("quote", "say \"hi\"\n").kv("ok", true).emit();
        String line = out.lines().get(0);
        assertTrue(line.matches("ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=warn logger=attune event=alert .*"),
                line);
        assertTrue(line.endsWith(" state=firing rule=\"a#b p99 > 5ms\" value_ms=72.346 count=3 empty=\"\""
                + " quote=\"say \\\"hi\\\"\\n\" ok=true"), line);
        assertEquals(1, line.split("\n").length);
    }

    @Test
    void jsonLineIsOneObjectWithTypedValues() {
        LogOutput.Memory out = LogOutput.memory();
        new AgentLog(LogFormat.JSON, LogLevel.INFO, out).info("method_summary")
                .kv("method", "a.B$C#d").kv("p99_ms", 1.5).kv("count", 10L).kv("nan", Double.NaN)
                .kv("text", "tab\there \u0001").emit();
        String line = out.lines().get(0);
        assertTrue(line.startsWith("{\"ts\":\""), line);
        assertTrue(line.contains("\"level\":\"info\",\"logger\":\"attune\",\"event\":\"method_summary\""), line);
        assertTrue(line.endsWith(",\"method\":\"a.B$C#d\",\"p99_ms\":1.5,\"count\":10,\"nan\":null,"
                + "\"text\":\"tab\\there \\u0001\"}"), line);
    }

    @Test
    void levelsBelowTheThresholdAreNotWritten() {
        LogOutput.Memory out = LogOutput.memory();
        AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.WARN, out);
        log.info("quiet").emit();
        log.debug("quieter").emit();
        log.error("loud").emit();
        assertEquals(1, out.lines().size());
        assertTrue(out.lines().get(0).contains("event=loud"));
    }

    @Test
    void formatAndLevelNamesParse() {
        assertEquals(LogFormat.JSON, LogFormat.named("json"));
        assertEquals(LogFormat.LOGFMT, LogFormat.named("LOGFMT"));
        assertEquals(null, LogFormat.named("xml"));
        assertEquals(LogLevel.DEBUG, LogLevel.named("Debug"));
        assertEquals(null, LogLevel.named("trace"));
    }

    @Test
    void fileIsBoundedByRotatingToOneBackup(@TempDir Path dir) throws Exception {
        File file = dir.resolve("logs/attune.log").toFile();
        AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, LogOutput.file(file, 2_000));
        for (int i = 0; i < 200; i++) {
            log.info("tick").kv("i", i).emit();
        }
        log.close();
        File backup = new File(file.getPath() + ".1");
        assertTrue(file.length() <= 2_000, "file " + file.length());
        assertTrue(backup.length() <= 2_000, "backup " + backup.length());
        List<String> last = Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
        assertTrue(last.get(last.size() - 1).endsWith("event=tick i=199"), last.get(last.size() - 1));
        try (var files = Files.list(dir.resolve("logs"))) {
            assertEquals(2, files.count(), "the file and one backup");
        }
    }

    @Test
    void aRotationThatFailsKeepsLoggingToTheFile() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-tmp")), "log");
        File file = dir.resolve("attune.log").toFile();
        // A backup that cannot be deleted: a directory with a file in it.
        Files.createDirectories(dir.resolve("attune.log.1")).resolve("keep").toFile().createNewFile();
        AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, LogOutput.file(file, 500));
        for (int i = 0; i < 100; i++) {
            log.info("tick").kv("i", i).emit();
        }
        log.close();
        List<String> lines = Files.readAllLines(file.toPath(), StandardCharsets.UTF_8);
        assertEquals(100, lines.size(), "every line, past the bound, rather than none");
        assertTrue(lines.get(99).endsWith("event=tick i=99"), lines.get(99));
    }
}
