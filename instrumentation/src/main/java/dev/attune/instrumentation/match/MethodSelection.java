package dev.attune.instrumentation.match;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The methods to time: the union of the configured patterns, as Byte Buddy matchers.
 *
 * <p>Type matching by name comes first and costs a {@code startsWith} for most classes; only {@code +}
 * patterns look at the type hierarchy. Constructors, type initializers, abstract, native, synthetic
 * (lambda bodies) and bridge methods are never timed.
 */
public final class MethodSelection {

    private static final ElementMatcher.Junction<MethodDescription> TIMEABLE =
            isMethod().and(not(isAbstract())).and(not(isNative())).and(not(isSynthetic())).and(not(isBridge()));

    private final List<MethodPattern> patterns;
    private final List<ElementMatcher<TypeDescription>> subtypeMatchers = new ArrayList<>();

    private MethodSelection(List<MethodPattern> patterns) {
        this.patterns = List.copyOf(patterns);
        for (MethodPattern p : this.patterns) {
            subtypeMatchers.add(p.supertype() == null ? none() : hasSuperType(named(p.supertype())));
        }
    }

    /** The selection of every method any of {@code patterns} names. */
    public static MethodSelection of(List<MethodPattern> patterns) {
        return new MethodSelection(patterns);
    }

    /** True when no pattern is configured: nothing to instrument. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Matches the types that some pattern names. */
    public ElementMatcher<TypeDescription> types() {
        return this::matchesType;
    }

    private boolean matchesType(TypeDescription type) {
        for (int i = 0; i < patterns.size(); i++) {
            if (typeMatches(i, type)) {
                return true;
            }
        }
        return false;
    }

    private boolean typeMatches(int i, TypeDescription type) {
        MethodPattern p = patterns.get(i);
        return p.supertype() == null ? p.matchesTypeName(type.getName()) : subtypeMatchers.get(i).matches(type);
    }

    /** Matches the methods of {@code type} that the patterns naming {@code type} select. */
    public ElementMatcher<MethodDescription> methodsOf(TypeDescription type) {
        List<MethodPattern> forType = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (typeMatches(i, type)) {
                forType.add(patterns.get(i));
            }
        }
        ElementMatcher<MethodDescription> byName = method -> {
            for (MethodPattern p : forType) {
                if (p.matchesMethodName(method.getName())) {
                    return true;
                }
            }
            return false;
        };
        return TIMEABLE.and(byName);
    }
}
