package dev.attune.tuner.aggregate.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MiniCacheTest {

    /** A key just added sits in the window, so its next access hits, however the table was churned before. */
    @Test
    void aKeyJustAddedIsFound() {
        MiniCache mini = new MiniCache(64, 64);
        SplittableRandom random = new SplittableRandom(31);
        for (int i = 0; i < 200_000; i++) {
            long key = KeySampling.hash(random.nextInt(500));
            feed(mini, key);
            assertTrue(mini.record(key), "access " + i);
        }
    }

    @Test
    void aWorkingSetThatFitsHitsOnceWarm() {
        MiniCache mini = new MiniCache(100, 100);
        for (int i = 0; i < 100_000; i++) {
            feed(mini, KeySampling.hash(i % 90));
        }
        assertEquals(1.0, mini.hitRatio(), 0.01);
    }

    /** The frequent keys survive a scan of one-off keys: the admission filter turns the scan away. */
    @Test
    void frequentKeysSurviveAScan() {
        MiniCache mini = new MiniCache(100, 100);
        for (int i = 0; i < 20_000; i++) {
            feed(mini, KeySampling.hash(i % 80));
        }
        for (int i = 0; i < 10_000; i++) {
            mini.record(KeySampling.hash(1_000_000 + i));
        }
        int hits = 0;
        for (int i = 0; i < 80; i++) {
            hits += mini.record(KeySampling.hash(i)) ? 1 : 0;
        }
        assertTrue(hits >= 75, "hits " + hits);
    }

    @Test
    void trimKeepsOnlyKeysUnderTheThreshold() {
        MiniCache mini = new MiniCache(1_000, 1_000);
        for (int i = 0; i < 10_000; i++) {
            feed(mini, KeySampling.hash(i % 800));
        }
        long threshold = KeySampling.ALL / 2;
        mini.trim(threshold, 500);
        int hits = 0;
        int sampled = 0;
        for (int i = 0; i < 800; i++) {
            long key = KeySampling.hash(i);
            if (KeySampling.sampled(key, threshold)) {
                sampled++;
                hits += mini.record(key) ? 1 : 0;
            }
        }
        assertTrue(hits >= sampled * 0.9 && sampled < 500, hits + " of " + sampled);
    }

    /** Records one access, then grows as the model would when its budget allows. */
    private static void feed(MiniCache mini, long key) {
        mini.record(key);
        while (mini.crowded()) {
            mini.grow();
        }
    }
}
