package dev.attune.instrumentation.advice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.match.MethodPattern;
import dev.attune.instrumentation.match.MethodSelection;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The premain gate: which class loads wait for the timing transformer, and what they get once it is ready. */
class DeferredTimingTransformerTest {

    private static final byte[] ORIGINAL = {1, 2, 3};
    private static final byte[] WOVEN = {4, 5, 6};

    /** Stands for Byte Buddy's transformer: weaves every class it is given. */
    private static final ClassFileTransformer WEAVER = new ClassFileTransformer() {
        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                                ProtectionDomain domain, byte[] buffer) {
            return WOVEN;
        }
    };

    private static DeferredTimingTransformer gate(String pattern) {
        MethodSelection selection = MethodSelection.of(List.of(MethodPattern.parse(pattern).pattern()));
        return new DeferredTimingTransformer(selection, null);
    }

    private static byte[] load(DeferredTimingTransformer gate, String internalName) {
        return gate.transform(null, ClassLoader.getSystemClassLoader(), internalName, null, null, ORIGINAL);
    }

    @Test
    void aClassNoPatternNamesLoadsAtOnceUntouched() {
        DeferredTimingTransformer gate = gate("com.acme.*#*");
        assertNull(load(gate, "org/other/Service"));
        assertEquals(0, gate.passedUntimed());
    }

    @Test
    void aClassThatMayBeTimedWaitsForTheTransformerAndIsWoven() throws Exception {
        DeferredTimingTransformer gate = gate("com.acme.*#*");
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> load(gate, "com/acme/Catalog"));
        try {
            loading.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("the load went on before the transformer was ready");
        } catch (TimeoutException expected) {
            // still waiting, as it must
        }
        gate.ready(WEAVER);
        assertArrayEquals(WOVEN, loading.get(10, TimeUnit.SECONDS));
        assertEquals(0, gate.passedUntimed());
    }

    @Test
    void onceReadyEveryLoadGoesThroughTheTransformer() {
        DeferredTimingTransformer gate = gate("com.acme.*#*");
        gate.ready(WEAVER);
        assertArrayEquals(WOVEN, load(gate, "org/other/Service")); // the transformer's own matchers decide now
    }

    @Test
    void theStartThreadNeverWaitsOnItselfAndWhatItLetsThroughIsCounted() throws Exception {
        DeferredTimingTransformer gate = gate("com.acme.*#*");
        byte[][] result = new byte[1][];
        Thread starter = new Thread(() -> result[0] = load(gate, "com/acme/Catalog"));
        gate.startedOn(starter);
        starter.start();
        starter.join(10_000);
        assertFalse(starter.isAlive());
        assertNull(result[0]);
        assertEquals(1, gate.passedUntimed(), "retransformed once the transformer is ready");
    }

    @Test
    void aFailedBuildReleasesTheWaitingLoadsUntouched() throws Exception {
        DeferredTimingTransformer gate = gate("com.acme.*#*");
        CompletableFuture<byte[]> loading = CompletableFuture.supplyAsync(() -> load(gate, "com/acme/Catalog"));
        gate.ready(null);
        assertNull(loading.get(10, TimeUnit.SECONDS));
        assertTrue(loading.isDone());
    }
}
