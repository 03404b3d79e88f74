package dev.attune.instrumentation.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationBucketsTest {

    @Test
    void everyBucketStartsAtItsLowestValueAndBucketsAscend() {
        long previous = -1;
        for (int i = 0; i < DurationBuckets.COUNT; i++) {
            long lowest = DurationBuckets.lowestValueAt(i);
            assertEquals(i, DurationBuckets.indexOf(lowest), "bucket " + i);
            assertTrue(lowest > previous, "bucket " + i + " starts above the one before");
            if (lowest > 0) {
                assertEquals(i - 1, DurationBuckets.indexOf(lowest - 1), "the value below bucket " + i);
            }
            previous = lowest;
        }
        assertEquals(DurationBuckets.COUNT - 1, DurationBuckets.indexOf(DurationBuckets.MAX_VALUE));
    }

    @Test
    void eachValueIsWithinOnePercentOfItsBucketsLowestValue() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 1_000_000; n++) {
            long v = random.nextLong(DurationBuckets.MAX_VALUE + 1) >>> random.nextInt(32);
            long lowest = DurationBuckets.lowestValueAt(DurationBuckets.indexOf(v));
            assertTrue(lowest <= v && v - lowest <= v / 128, v + " in a bucket from " + lowest);
        }
        for (long v = 0; v < 256; v++) {
            assertEquals(v, DurationBuckets.lowestValueAt(DurationBuckets.indexOf(v)), "exact below 256 ns");
        }
    }
}
