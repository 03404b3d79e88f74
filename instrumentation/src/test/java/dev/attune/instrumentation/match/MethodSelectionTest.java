package dev.attune.instrumentation.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class MethodSelectionTest {

    /** A small real hierarchy for subtype patterns and exclusions. */
    interface Repository<T> {
        T find(long id);

        default int findCount() {
            return 0;
        }
    }

    abstract static class BaseRepository implements Repository<String> {
        abstract void save();
    }

    static class UserRepository extends BaseRepository {
        UserRepository() {
        }

        @Override
        public String find(long id) { // a bridge method find(long) -> Object is generated beside it
            Supplier<String> lambda = () -> "user" + id; // a synthetic lambda$find$0 method
            return lambda.get();
        }

        @Override
        void save() {
        }

        native void nativeCall();

        static String findStatic() {
            return "";
        }
    }

    static class Unrelated {
        public String find(long id) {
            return "";
        }
    }

    private static MethodSelection select(String... patterns) {
        return MethodSelection.of(Arrays.stream(patterns).map(p -> MethodPattern.parse(p).pattern()).toList());
    }

    private static Set<String> selected(MethodSelection selection, Class<?> type) {
        TypeDescription description = TypeDescription.ForLoadedType.of(type);
        ElementMatcher<MethodDescription> methods = selection.methodsOf(description);
        Set<String> names = new TreeSet<>();
        for (MethodDescription m : description.getDeclaredMethods()) {
            if (methods.matches(m)) {
                names.add(m.getName() + (m.isBridge() ? "(bridge)" : ""));
            }
        }
        return names;
    }

    @Test
    void subtypePatternMatchesTheTypeAndEverySubtype() {
        MethodSelection s = select(Repository.class.getName() + "+#find*");
        for (Class<?> c : List.of(Repository.class, BaseRepository.class, UserRepository.class)) {
            assertTrue(s.types().matches(TypeDescription.ForLoadedType.of(c)), c.getName());
        }
        assertFalse(s.types().matches(TypeDescription.ForLoadedType.of(Unrelated.class)));
        assertEquals(Set.of("find", "findStatic"), selected(s, UserRepository.class),
                "no bridge, no lambda, no constructor");
        assertEquals(Set.of("findCount"), selected(s, Repository.class), "default methods yes, abstract ones no");
    }

    @Test
    void constructorsAbstractNativeSyntheticAndBridgeMethodsAreNeverTimed() {
        MethodSelection s = select(UserRepository.class.getName() + "#*", BaseRepository.class.getName() + "#*");
        assertEquals(Set.of("find", "findStatic", "save"), selected(s, UserRepository.class));
        assertEquals(Set.of(), selected(s, BaseRepository.class), "its only own method is abstract");
    }

    @Test
    void methodsOfATypeComeOnlyFromThePatternsNamingIt() {
        MethodSelection s = select(UserRepository.class.getName() + "#save", Unrelated.class.getName() + "#find");
        assertEquals(Set.of("save"), selected(s, UserRepository.class));
        assertEquals(Set.of("find"), selected(s, Unrelated.class));
    }

    @Test
    void emptySelectionMatchesNothing() {
        MethodSelection s = MethodSelection.of(List.of());
        assertTrue(s.isEmpty());
        assertFalse(s.types().matches(TypeDescription.ForLoadedType.of(UserRepository.class)));
        assertFalse(select("a.B#c").isEmpty());
    }
}
