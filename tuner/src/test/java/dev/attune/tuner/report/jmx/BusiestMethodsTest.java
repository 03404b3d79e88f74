package dev.attune.tuner.report.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.tuner.aggregate.MethodAggregator;
import dev.attune.tuner.aggregate.MethodFigures;
import dev.attune.tuner.aggregate.SyntheticEvents;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The methods that get an MBean: the busiest, without flapping; and the table that lists them all. */
class BusiestMethodsTest {

    private static final long SECOND = 1_000_000_000L;
    private final MethodIds ids = new MethodIds(100);
    private final MethodAggregator aggregator = new MethodAggregator(ids, 0);
    private final SyntheticEvents events = new SyntheticEvents();
    private final Set<String> shown = new HashSet<>();
    private long now;

    /** One interval in which method {@code m} is called {@code calls[m]} times; then selects and applies. */
    private void interval(BusiestMethods busiest, int... calls) {
        for (int m = 0; m < calls.length; m++) {
            int id = ids.idFor("a.B#m" + m);
            for (int i = 0; i < calls[m]; i++) {
                events.exit(aggregator, id, 1_000, false);
            }
        }
        now += SECOND;
        aggregator.roll(now);
        busiest.select(aggregator.publishedFigures());
        busiest.leaving().forEach(f -> assertTrue(shown.remove(f.name()), f.name()));
        busiest.entering().forEach(f -> assertTrue(shown.add(f.name()), f.name()));
    }

    private static Set<String> names(int... methods) {
        Set<String> names = new HashSet<>();
        for (int m : methods) {
            names.add("a.B#m" + m);
        }
        return names;
    }

    @Test
    void theBusiestGetMBeansAndNearTiesDoNotFlap() {
        BusiestMethods busiest = new BusiestMethods(4); // margin: one place
        interval(busiest, 100, 90, 80, 70, 60, 50, 5);
        assertEquals(names(0, 1, 2, 3), shown);

        // m3 and m4 swap places again and again: m4 ranks within the limit, but no place is free.
        for (int round = 0; round < 6; round++) {
            interval(busiest, 100, 90, 80, round % 2 == 0 ? 60 : 70, round % 2 == 0 ? 70 : 60, 50, 5);
            assertEquals(names(0, 1, 2, 3), shown, "round " + round);
            assertTrue(busiest.entering().isEmpty() && busiest.leaving().isEmpty());
        }

        // m6 becomes by far the busiest and m3 falls past the limit plus the margin: they change places.
        for (int round = 0; round < 4; round++) {
            interval(busiest, 100, 90, 80, 0, 70, 60, 1_000);
        }
        assertEquals(names(0, 1, 2, 6), shown);
    }

    @Test
    void aFreePlaceGoesToTheBestRankedAndNothingBeyondTheLimit() {
        BusiestMethods busiest = new BusiestMethods(2);
        interval(busiest, 10);
        assertEquals(names(0), shown);
        interval(busiest, 10, 20, 30);
        assertEquals(names(0, 2), shown, "m0 keeps its place within the margin; m2 takes the free one");
        BusiestMethods none = new BusiestMethods(0);
        none.select(aggregator.publishedFigures());
        assertTrue(none.entering().isEmpty());
    }

    @Test
    void theTableListsEveryCalledMethodMostCallsFirst() {
        BusiestMethods busiest = new BusiestMethods(1);
        interval(busiest, 3, 50, 7);
        ids.idFor("a.B#neverCalled");
        String[] lines = new MethodTable(aggregator::publishedFigures).get();
        List<String> names = List.of(lines).stream().map(l -> l.substring(0, l.indexOf(' ')))
                .collect(Collectors.toList());
        assertEquals(List.of("a.B#m1", "a.B#m2", "a.B#m0"), names);
        assertTrue(lines[0].startsWith("a.B#m1 total=50 errors=0 p50_us=1.0 "), lines[0]);
        assertTrue(lines[0].endsWith(" interval_count=50"), lines[0]);
        MethodFigures[] none = new MethodFigures[0];
        assertEquals(0, new MethodTable(() -> none).get().length);
    }
}
