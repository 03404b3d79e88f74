package dev.attune.instrumentation.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MethodIdsTest {

    @Test
    void sameNameSameIdAndNamesReadBack() {
        MethodIds ids = new MethodIds(10);
        int a = ids.idFor("a.B#c");
        int b = ids.idFor("a.B#d");
        assertEquals(a, ids.idFor("a.B#c"));
        assertEquals("a.B#c", ids.nameOf(a));
        assertEquals("a.B#d", ids.nameOf(b));
        assertEquals(2, ids.count());
        assertNull(ids.nameOf(99));
    }

    @Test
    void fullRegistryAnswersNone() {
        MethodIds ids = new MethodIds(2);
        ids.idFor("x#a");
        ids.idFor("x#b");
        assertFalse(ids.overflowed());
        assertEquals(MethodIds.NONE, ids.idFor("x#c"));
        assertEquals(MethodIds.NONE, ids.idFor("x#c"));
        assertTrue(ids.overflowed());
        assertEquals(2, ids.count());
    }

    @Test
    void onceFullNewNamesAreRefusedAndCountedButNeverStored() {
        MethodIds ids = new MethodIds(300); // past the first array, so it grows once
        for (int i = 0; i < 300; i++) {
            assertEquals(i, ids.idFor("C#m" + i));
        }
        // A source of names that never ends, as execution-sample frames of lambda and hidden classes are.
        for (int i = 0; i < 100_000; i++) {
            assertEquals(MethodIds.NONE, ids.idFor("Lambda$" + i + "#run"));
        }
        assertEquals(300, ids.stored(), "a refused name is not kept");
        assertEquals(100_000, ids.refused());
        assertEquals(300, ids.count());
        assertEquals("C#m299", ids.nameOf(299));
        assertEquals("C#m0", ids.nameOf(0));
        assertEquals(7, ids.idFor("C#m7"), "names given an id keep it");
        assertNull(ids.nameOf(300));
        assertNull(ids.nameOf(-1));
    }

    @Test
    void concurrentAssignmentGivesDistinctDenseIds() throws Exception {
        MethodIds ids = new MethodIds(100_000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    seen.add(ids.idFor("C#m" + i));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(1000, seen.size());
        assertEquals(1000, ids.count());
        for (int id = 0; id < 1000; id++) {
            assertTrue(seen.contains(id), "ids are dense from 0");
        }
    }
}
