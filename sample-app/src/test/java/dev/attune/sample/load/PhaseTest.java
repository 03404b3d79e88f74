package dev.attune.sample.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTest {

    @Test
    void parsesAListOfSteps() {
        List<Phase> phases = Phase.parseList("10s@200,10s@800, 10s@200 ");
        assertEquals(List.of(new Phase(Duration.ofSeconds(10), 200), new Phase(Duration.ofSeconds(10), 800),
                new Phase(Duration.ofSeconds(10), 200)), phases);
        assertEquals(2000, phases.get(0).requestCount());
        assertEquals("10s@800", phases.get(1).toString());
    }

    @Test
    void acceptsUnitsAndFractionalRates() {
        assertEquals(new Phase(Duration.ofMillis(500), 50), Phase.parse("500ms@50"));
        assertEquals(new Phase(Duration.ofSeconds(90), 2), Phase.parse("1.5m@2"));
        Phase slow = Phase.parse("10s@0.5");
        assertEquals(5, slow.requestCount());
        assertEquals("10s@0.5", slow.toString());
        assertEquals("1m@3", Phase.parse("60s@3").toString());
    }

    @Test
    void rejectsMalformedInput() {
        String[] bad = {
            "", " ", "10s", "@200", "10s@", "10@200", "10x@5", "s@5", "10s@abc", "10s@-1", "10s@0", "0s@100",
            "10s@200,", ",10s@200", "10s@200@3", "1ms@1", "10s@1e9", "10s@NaN", "-5s@10", "2d@10",
        };
        for (String text : bad) {
            assertThrows(IllegalArgumentException.class, () -> Phase.parseList(text), "'" + text + "'");
        }
        assertThrows(IllegalArgumentException.class, () -> Phase.parseList(null));
    }

    @Test
    void durationTextRoundTrips() {
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s"));
        assertEquals("1500ms", DurationText.format(Duration.ofMillis(1500)));
        assertEquals("2m", DurationText.format(DurationText.parse("120s")));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("25h"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("3000m"));
    }
}
