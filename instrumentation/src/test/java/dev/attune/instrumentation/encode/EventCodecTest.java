package dev.attune.instrumentation.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventCodecTest {

    @Test
    void methodExitTypeCarriesIdAndOutcome() {
        for (int id : new int[] {0, 1, 2, 1000, EventCodec.MAX_METHOD_ID}) {
            for (boolean threw : new boolean[] {false, true}) {
                int type = EventCodec.methodExitType(id, threw);
                assertTrue(type > 0, "ring buffer type ids must be positive");
                assertTrue(EventCodec.isMethodExit(type));
                assertEquals(id, EventCodec.methodId(type));
                assertEquals(threw, EventCodec.threw(type));
            }
        }
    }

    @Test
    void smallTypeIdsAreLeftForOtherSignals() {
        assertFalse(EventCodec.isMethodExit(1));
        assertFalse(EventCodec.isMethodExit(EventCodec.METHOD_EXIT_BASE - 1));
    }
}
