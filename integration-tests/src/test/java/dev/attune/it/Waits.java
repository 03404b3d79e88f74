package dev.attune.it;

import static org.junit.jupiter.api.Assertions.fail;

/** Polls a condition until it holds or a deadline passes; no fixed sleeps in tests. */
final class Waits {

    /** A condition that may throw while the child is not ready yet. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private Waits() {
    }

    static void until(Condition condition, int seconds, String what) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        }
        fail("timed out after " + seconds + " s waiting for " + what + (last != null ? ": " + last : ""));
    }
}
