package dev.attune.agent.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference (docs/configuration.md) names every key with its real default. */
class ConfigReferenceTest {

    @Test
    void readmeTableListsEveryKeyWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "configuration.md"));
        for (ConfigKey key : ConfigKeys.ALL) {
            String row = "| `" + key.name() + "` | " + (key.defaultText().isEmpty() ? "(empty)" : "`" + key.defaultText() + "`") + " |";
            assertTrue(readme.contains(row), "README row for " + key.name() + ": " + row);
        }
        assertTrue(readme.contains("| `" + ConfigKeys.ALERT_PREFIX + "<name>` |"));
    }
}
