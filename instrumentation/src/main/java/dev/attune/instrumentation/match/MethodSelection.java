package dev.attune.instrumentation.match;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The methods to time: the union of the configured patterns, as Byte Buddy matchers.
 *
 * <p>Every class the JVM loads passes through {@link #types()}, so name patterns are tried first (mostly a
 * failed {@code startsWith}) and only {@code +} patterns walk the type hierarchy. Constructors, type
 * initializers, abstract, native, synthetic (lambda bodies) and bridge methods are never timed: they have
 * no body to time, or their time is already counted in the method they stand for.
 */
public final class MethodSelection {

    // isMethod() excludes constructors and the type initializer.
    private static final ElementMatcher.Junction<MethodDescription> TIMEABLE =
            isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic())).and(not(isBridge()));

    private final List<MethodPattern> byName = new ArrayList<>();
    private final List<MethodPattern> bySupertype = new ArrayList<>();
    private final List<ElementMatcher<TypeDescription>> supertypeMatchers = new ArrayList<>();

    private MethodSelection(List<MethodPattern> patterns) {
        for (MethodPattern p : patterns) {
            if (p.supertype() == null) {
                byName.add(p);
            } else {
                bySupertype.add(p);
                // hasSuperType includes the type itself and walks interfaces as well as superclasses.
                supertypeMatchers.add(hasSuperType(named(p.supertype())));
            }
        }
    }

    /** The selection of every method any of {@code patterns} names. */
    public static MethodSelection of(List<MethodPattern> patterns) {
        return new MethodSelection(patterns);
    }

    /** True when no pattern is configured: nothing to instrument. */
    public boolean isEmpty() {
        return byName.isEmpty() && bySupertype.isEmpty();
    }

    /** Matches the types that some pattern names. */
    public ElementMatcher<TypeDescription> types() {
        return this::matchesType;
    }

    private boolean matchesType(TypeDescription type) {
        String name = type.getName();
        for (MethodPattern p : byName) {
            if (p.matchesTypeName(name)) {
                return true;
            }
        }
        for (ElementMatcher<TypeDescription> m : supertypeMatchers) {
            if (m.matches(type)) {
                return true;
            }
        }
        return false;
    }

    /** True when no pattern names a supertype: a class's name alone then says whether it may be timed. */
    public boolean byNamesOnly() {
        return bySupertype.isEmpty();
    }

    /** True when a class of this binary name may hold selected methods; always true with a {@code +} pattern. */
    public boolean mayMatchName(String binaryName) {
        for (MethodPattern p : byName) {
            if (p.matchesTypeName(binaryName)) {
                return true;
            }
        }
        return !bySupertype.isEmpty();
    }

    /**
     * True when a class already loaded may hold selected methods: its name matches a pattern, or one of its
     * supertypes (all loaded with it, so nothing is loaded here) is named by a {@code +} pattern. Cheap: it is
     * tried on every loaded class when the agent starts or attaches, before any type description is built.
     */
    public boolean mayMatchLoaded(Class<?> type) {
        String name = type.getName();
        for (MethodPattern p : byName) {
            if (p.matchesTypeName(name)) {
                return true;
            }
        }
        return !bySupertype.isEmpty() && hasNamedSupertype(type);
    }

    private boolean hasNamedSupertype(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (namedBySupertypePattern(c)) {
                return true;
            }
            for (Class<?> i : c.getInterfaces()) {
                if (hasNamedSupertype(i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean namedBySupertypePattern(Class<?> c) {
        for (MethodPattern p : bySupertype) {
            if (p.supertype().equals(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Matches the timeable methods of {@code type} that the patterns naming {@code type} select. */
    public ElementMatcher<MethodDescription> methodsOf(TypeDescription type) {
        // Decided once per type, so the per-method test is only a name match.
        List<MethodPattern> forType = new ArrayList<>();
        String name = type.getName();
        for (MethodPattern p : byName) {
            if (p.matchesTypeName(name)) {
                forType.add(p);
            }
        }
        for (int i = 0; i < bySupertype.size(); i++) {
            if (supertypeMatchers.get(i).matches(type)) {
                forType.add(bySupertype.get(i));
            }
        }
        ElementMatcher<MethodDescription> named = method -> {
            String methodName = method.getName();
            for (MethodPattern p : forType) {
                if (p.matchesMethodName(methodName)) {
                    return true;
                }
            }
            return false;
        };
        return TIMEABLE.and(named);
    }
}
