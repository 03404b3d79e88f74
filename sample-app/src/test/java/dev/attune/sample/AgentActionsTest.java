package dev.attune.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The agent's audit lines, in either of its log formats, read back as pool actions. */
class AgentActionsTest {

    private static final long TS = Instant.parse("2026-11-22T14:15:02.113Z").toEpochMilli();

    @Test
    void aLogfmtResizeLine() {
        AgentActions.Action a = AgentActions.parse("ts=2026-11-22T14:15:02.113Z level=info logger=attune"
                + " event=pool_resize pool=orders-io action=grow old_core=2 new_core=7 old_max=2 new_max=7 mode=auto"
                + " reason=\"tasks wait: \\\"quoted\\\" x 19.6 ms\" queue_wait_p99_ms=383.8 blocked=0.98");
        assertEquals(new AgentActions.Action(TS, "orders-io", "pool_resize", "grow", "2", "7", "auto",
                "tasks wait: \"quoted\" x 19.6 ms"), a);
        assertEquals("grow 2>7", a.brief());
    }

    @Test
    void aJsonAdviceLine() {
        AgentActions.Action a = AgentActions.parse("{\"ts\":\"2026-11-22T14:15:02.113Z\",\"level\":\"info\","
                + "\"logger\":\"attune\",\"event\":\"pool_advice\",\"pool\":\"orders-io\",\"action\":\"grow\","
                + "\"old_core\":2,\"new_core\":5,\"mode\":\"advise\",\"reason\":\"tasks wait\"}");
        assertEquals("advise grow 2>5", a.brief());
        assertEquals(TS, a.epochMillis());
        assertEquals("tasks wait", a.reason());
    }

    @Test
    void otherLinesAreNotActions() {
        assertNull(AgentActions.parse("ts=2026-11-22T14:15:02.113Z level=info logger=attune event=tuner_mode"
                + " old=advise new=auto by=jmx"));
        assertNull(AgentActions.parse("not a log line"));
        assertTrue(AgentActions.read(ManagementFactory.getPlatformMBeanServer()).isEmpty(), "no agent here");
    }
}
