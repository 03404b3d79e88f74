package dev.attune.tuner.aggregate.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HitRatioModelTest {

    private static final long MEGABYTE = 1L << 20;

    /** Far more keys than any candidate size, none more popular: growing buys nothing, so a rule holds. */
    @Test
    void uniformStreamPredictsNoGainFromGrowing() {
        HitRatioModel model = new HitRatioModel(1_000);
        SplittableRandom random = new SplittableRandom(21);
        for (int i = 0; i < 1_000_000; i++) {
            record(model, random.nextInt(10_000_000));
        }
        HitRatioCurve curve = model.predict();
        assertTrue(curve.hitRatioAt(8_000) < 0.005, curve.toString());
        assertTrue(curve.hitRatioAt(4_000) - curve.hitRatioAt(1_000) < 0.002, curve.toString());
        assertTrue(curve.samples() > 30_000, curve.toString());
    }

    /** Every access a new key, for a cache of ten million: the rate falls until the simulations fit the budget. */
    @Test
    void hugeKeySpaceAndMaximumStayUnderTheBudget() {
        HitRatioModel model = new HitRatioModel(10_000_000);
        SplittableRandom random = new SplittableRandom(22);
        long most = 0;
        for (int i = 0; i < 3_000_000; i++) {
            record(model, random.nextInt());
            if ((i & 0xFFFF) == 0) {
                most = Math.max(most, deepSize(model));
            }
        }
        most = Math.max(most, deepSize(model));
        System.out.printf("huge: retained %d B counted, %d B deep at most, rate %s%n", model.retainedBytes(), most,
                model.samplingRate());
        assertTrue(model.retainedBytes() <= HitRatioModel.DEFAULT_BUDGET, "" + model.retainedBytes());
        assertTrue(most <= MEGABYTE, "deep size " + most);
        assertTrue(deepSize(model) <= model.retainedBytes(), "the count is an upper bound");
        assertTrue(model.samplingRate() < 0.01, "" + model.samplingRate());
        assertTrue(model.retainedBytes() > HitRatioModel.DEFAULT_BUDGET / 4, "budget left unused");
    }

    /** A small cache over few keys never needs a lower rate, and predicts what a cache that holds them all does. */
    @Test
    void smallCacheKeepsEveryKey() {
        HitRatioModel model = new HitRatioModel(10);
        for (int i = 0; i < 200_000; i++) {
            record(model, i % 40);
        }
        HitRatioCurve curve = model.predict();
        assertEquals(1.0, model.samplingRate());
        assertEquals(1.0, curve.hitRatioAt(80), 0.001, curve.toString());
        assertTrue(model.retainedBytes() < 16 << 10, "" + model.retainedBytes());
    }

    @Test
    void resizeKeepsTheSimulationsStillWanted() {
        HitRatioModel model = new HitRatioModel(100);
        for (int i = 0; i < 100_000; i++) {
            record(model, i % 300);
        }
        model.resize(200);
        HitRatioCurve curve = model.predict();
        assertEquals(200, curve.maximum());
        assertEquals(100, curve.size(0));
        assertEquals(1_600, curve.size(4));
        assertEquals(0, curve.samples(), "the new largest size starts cold");
        assertTrue(curve.hitRatioAt(400) > 0.99, curve.toString());
    }

    @Test
    void calibrationMatchesTheMeasuredRatioAtTheCurrentSize() {
        HitRatioModel model = new HitRatioModel(1_000);
        ZipfKeys keys = new ZipfKeys(100_000, 0.9, 23);
        for (int i = 0; i < 300_000; i++) {
            record(model, keys.next());
        }
        HitRatioCurve raw = model.predict();
        HitRatioCurve calibrated = model.predict(raw.hitRatioAt(1_000) - 0.1);
        assertEquals(raw.hitRatioAt(1_000) - 0.1, calibrated.hitRatioAt(1_000), 1e-9);
        for (int i = 1; i < raw.points(); i++) {
            assertTrue(calibrated.hitRatio(i) >= calibrated.hitRatio(i - 1), calibrated.toString());
            assertTrue(calibrated.hitRatio(i) < raw.hitRatio(i), calibrated.toString());
        }
    }

    @Test
    void sampledKeysHandsTheHashesOver() {
        SampledKeys keys = new SampledKeys(1_000);
        HitRatioModel model = new HitRatioModel(100);
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 50; i++) {
                keys.access(Integer.hashCode(i));
            }
            assertEquals(50, keys.drainTo(model));
        }
        assertEquals(KeySampling.ALL, keys.threshold());
        assertEquals(0.99, model.predict().hitRatioAt(100), 0.001);
    }

    private static void record(HitRatioModel model, long key) {
        long hash = KeySampling.hash(Long.hashCode(key));
        if (KeySampling.sampled(hash, model.threshold())) {
            model.record(hash);
        }
    }

    /** A rough deep size: 16 B a header, fields and array elements at their width, references at 8 B. */
    static long deepSize(Object root) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(root);
        long bytes = 0;
        while (!pending.isEmpty()) {
            Object object = pending.pop();
            if (seen.put(object, true) != null) {
                continue;
            }
            Class<?> type = object.getClass();
            bytes += 16;
            if (type.isArray()) {
                int length = Array.getLength(object);
                Class<?> element = type.getComponentType();
                bytes += (long) length * width(element);
                for (int i = 0; !element.isPrimitive() && i < length; i++) {
                    push(pending, Array.get(object, i));
                }
                continue;
            }
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    bytes += width(field.getType());
                    if (!field.getType().isPrimitive()) {
                        field.setAccessible(true);
                        try {
                            push(pending, field.get(object));
                        } catch (IllegalAccessException e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            }
        }
        return bytes;
    }

    private static void push(Deque<Object> pending, Object value) {
        if (value != null) {
            pending.push(value);
        }
    }

    private static int width(Class<?> type) {
        if (type == long.class || type == double.class || !type.isPrimitive()) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        return type == short.class || type == char.class ? 2 : 1;
    }
}
