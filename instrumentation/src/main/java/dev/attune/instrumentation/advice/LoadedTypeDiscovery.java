package dev.attune.instrumentation.advice;

import dev.attune.instrumentation.match.MethodSelection;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Which loaded classes to retransform when the agent starts or attaches: only those whose names (or whose
 * supertypes' names, for {@code +} patterns) a pattern could select. Byte Buddy's own discovery describes every
 * loaded class, from its class file, before matching: thousands of class files parsed for none or a few matches.
 */
final class LoadedTypeDiscovery {

    private LoadedTypeDiscovery() {
    }

    static List<Class<?>> candidates(Instrumentation instrumentation, MethodSelection selection) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (instrumentation.isModifiableClass(type) && selection.mayMatchLoaded(type)) {
                candidates.add(type);
            }
        }
        return candidates;
    }
}
