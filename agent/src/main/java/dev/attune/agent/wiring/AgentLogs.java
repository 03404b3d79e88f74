package dev.attune.agent.wiring;

import dev.attune.agent.config.AgentConfig;
import dev.attune.agent.config.ConfigProblem;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogFormat;
import dev.attune.tuner.report.log.LogLevel;
import dev.attune.tuner.report.log.LogOutput;
import java.io.File;
import java.io.IOException;

/** Opens the agent's log as configured, and reports configuration problems on it, one line each. */
final class AgentLogs {

    private AgentLogs() {
    }

    /** The configured log; falls back to standard error, and says so, when the file cannot be opened. */
    static AgentLog open(AgentConfig config) {
        LogFormat format = LogFormat.named(config.logFormat());
        LogLevel level = LogLevel.named(config.logLevel());
        if (config.logFile().isEmpty()) {
            return new AgentLog(format, level, LogOutput.stderr());
        }
        try {
            return new AgentLog(format, level, LogOutput.file(new File(config.logFile()), config.logFileMaxBytes()));
        } catch (IOException | RuntimeException e) {
            AgentLog log = new AgentLog(format, level, LogOutput.stderr());
            log.error("log_file_failed").kv("file", config.logFile()).kv("error", e.toString())
                    .kv("effect", "logging to standard error").emit();
            return log;
        }
    }

    /** Writes one line per configuration problem: warnings for what was ignored, errors for what was skipped. */
    static void reportProblems(AgentLog log, AgentConfig config) {
        for (ConfigProblem p : config.problems()) {
            log.at(p.severity() == ConfigProblem.Severity.WARN ? LogLevel.WARN : LogLevel.ERROR,
                            p.severity() == ConfigProblem.Severity.WARN ? "config_ignored" : "config_invalid")
                    .kv("key", p.key()).kv("detail", p.message()).emit();
        }
    }
}
