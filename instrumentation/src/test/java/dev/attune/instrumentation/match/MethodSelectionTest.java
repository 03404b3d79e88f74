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
    void eachExcludedKindExistsAndIsRejected() throws Exception {
        // Guard against a vacuous test: the compiler must really have produced each kind of method.
        TypeDescription user = TypeDescription.ForLoadedType.of(UserRepository.class);
        ElementMatcher<MethodDescription> all = select(UserRepository.class.getName() + "#*").methodsOf(user);
        MethodDescription bridge = only(user, m -> m.isBridge());
        MethodDescription lambda = only(user, m -> m.getName().startsWith("lambda$"));
        assertTrue(lambda.isSynthetic(), "lambda bodies are synthetic");
        assertFalse(all.matches(bridge), "bridge " + bridge);
        assertFalse(all.matches(lambda), "lambda " + lambda);
        assertFalse(all.matches(new MethodDescription.ForLoadedConstructor(UserRepository.class.getDeclaredConstructor())));
        assertFalse(all.matches(new MethodDescription.ForLoadedMethod(UserRepository.class.getDeclaredMethod("nativeCall"))));
        // Reflection does not list <clinit>, so Byte Buddy's own description of it stands in.
        assertFalse(all.matches(new MethodDescription.Latent.TypeInitializer(user)), "type initializer");
        assertTrue(all.matches(new MethodDescription.ForLoadedMethod(UserRepository.class.getDeclaredMethod("save"))));

        TypeDescription base = TypeDescription.ForLoadedType.of(BaseRepository.class);
        assertFalse(select(BaseRepository.class.getName() + "#save").methodsOf(base)
                .matches(new MethodDescription.ForLoadedMethod(BaseRepository.class.getDeclaredMethod("save"))),
                "abstract");
    }

    private static MethodDescription only(TypeDescription type, ElementMatcher<MethodDescription> which) {
        return type.getDeclaredMethods().filter(which).getOnly();
    }

    @Test
    void nameFormsOnRealNestedTypes() {
        String outer = MethodSelectionTest.class.getName(); // nested types are Outer$Inner
        String pkg = MethodSelectionTest.class.getPackageName();
        String[][] cases = { // pattern, then the simple names of the nested types it must match
                {outer + "$UserRepository#find", "UserRepository"},
                {outer + "$*Repository#find", "UserRepository", "BaseRepository", "Repository"}, // '*' may be empty
                {outer + "$Unrelate?#find", "Unrelated"},
                {pkg + ".*#find", "UserRepository", "BaseRepository", "Repository", "Unrelated"},
                {pkg + "..*#find", "UserRepository", "BaseRepository", "Repository", "Unrelated"},
                {"dev.attune.*#find"},                      // '*' does not cross '.'
                {"dev.attune.instrumentation..*#find", "UserRepository", "BaseRepository", "Repository", "Unrelated"},
                {"dev.attune.instrumentation.matc..*#find"}, // '..*' needs a whole package name
        };
        for (String[] c : cases) {
            MethodSelection s = select(c[0]);
            Set<String> matched = new TreeSet<>();
            for (Class<?> type : List.of(Repository.class, BaseRepository.class, UserRepository.class, Unrelated.class)) {
                if (s.types().matches(TypeDescription.ForLoadedType.of(type))) {
                    matched.add(type.getSimpleName());
                }
            }
            assertEquals(new TreeSet<>(Arrays.asList(c).subList(1, c.length)), matched, c[0]);
        }
    }

    @Test
    void namePatternsAndSubtypePatternsMix() {
        MethodSelection s = select(Unrelated.class.getName() + "#find", BaseRepository.class.getName() + "+#save");
        assertEquals(Set.of("find"), selected(s, Unrelated.class));
        assertEquals(Set.of("save"), selected(s, UserRepository.class));
        assertFalse(s.types().matches(TypeDescription.ForLoadedType.of(Repository.class)), "a supertype is not a subtype");
        assertEquals(Set.of(), selected(s, Repository.class));
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

    @Test
    void loadedClassesAreSortedOutByNameAndLoadedSupertypesAlone() {
        MethodSelection byName = select(Unrelated.class.getName() + "#find");
        assertTrue(byName.mayMatchLoaded(Unrelated.class));
        assertFalse(byName.mayMatchLoaded(UserRepository.class));
        assertFalse(byName.mayMatchLoaded(String.class));

        MethodSelection bySupertype = select(Repository.class.getName() + "+#find");
        assertTrue(bySupertype.mayMatchLoaded(UserRepository.class), "through its superclass's interface");
        assertTrue(bySupertype.mayMatchLoaded(Repository.class), "the type itself");
        assertFalse(bySupertype.mayMatchLoaded(Unrelated.class));
        // Agreement with the matcher Byte Buddy applies next: a loaded class it would take is never left out.
        for (Class<?> c : List.of(Unrelated.class, UserRepository.class, BaseRepository.class, String.class)) {
            for (MethodSelection sel : List.of(byName, bySupertype)) {
                if (sel.types().matches(TypeDescription.ForLoadedType.of(c))) {
                    assertTrue(sel.mayMatchLoaded(c), c.getName());
                }
            }
        }
    }
}
