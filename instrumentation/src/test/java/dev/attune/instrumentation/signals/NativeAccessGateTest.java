package dev.attune.instrumentation.signals;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When JNA may load: always before JDK 24, from then on only with native access allowed. */
class NativeAccessGateTest {

    @Test
    void beforeJdk24NativeLibrariesLoadSilently() {
        assertNull(NativeAccessGate.refusal(17, false, List.of()));
        assertNull(NativeAccessGate.refusal(23, false, List.of()));
    }

    @Test
    void fromJdk24OnlyWithNativeAccessAllowed() {
        assertNull(NativeAccessGate.refusal(25, true, List.of()));
        assertNull(NativeAccessGate.refusal(25, false, List.of("-Xmx1g", "--illegal-native-access=allow")));
        String refusal = NativeAccessGate.refusal(25, false, List.of("--illegal-native-access=deny"));
        assertTrue(refusal.contains("--enable-native-access=ALL-UNNAMED"), refusal);
    }
}
