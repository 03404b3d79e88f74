package dev.attune.tuner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pool names from worker thread names: readable, stable, unique, and safe in an ObjectName. */
class PoolNamesTest {

    @Test
    void theWorkerNumberGoesThePoolNumberStays() {
        assertEquals("orders-io", PoolNames.fromThreadName("orders-io-3"));
        assertEquals("pool-2", PoolNames.fromThreadName("pool-2-thread-1"));
        assertEquals("worker", PoolNames.fromThreadName("worker #12"));
        assertEquals("RMI TCP Connection", PoolNames.fromThreadName("RMI TCP Connection(4)"));
        assertEquals("a_b_c", PoolNames.fromThreadName("a,b=c-1"));
        assertEquals("pool", PoolNames.fromThreadName("17"));
    }

    @Test
    void aNameTakenTwiceGetsANumberAndIsGivenBack() {
        PoolNames names = new PoolNames();
        assertEquals("io", names.unique("io"));
        assertEquals("io#2", names.unique("io"));
        names.release("io");
        assertEquals("io", names.unique("io"));
        assertEquals("io#3", names.unique("io"));
    }
}
