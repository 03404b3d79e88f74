package dev.attune.instrumentation.advice;

import dev.attune.instrumentation.match.MethodSelection;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Which loaded classes to retransform when the agent starts or attaches: only those whose names (or whose
 * supertypes' names, for {@code +} patterns) a pattern could select. Byte Buddy's own discovery describes every
 * loaded class, from its class file, before matching: thousands of class files parsed in premain for none or a
 * few matches. Byte Buddy calls {@link #resolve} after its transformer is registered, so a class loaded meanwhile
 * is either listed here or transformed as it loads.
 */
final class LoadedTypeDiscovery implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {

    private final MethodSelection selection;

    LoadedTypeDiscovery(MethodSelection selection) {
        this.selection = selection;
    }

    @Override
    public Iterable<Iterable<Class<?>>> resolve(Instrumentation instrumentation) {
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (instrumentation.isModifiableClass(type) && selection.mayMatchLoaded(type)) {
                candidates.add(type);
            }
        }
        return List.of(candidates);
    }
}
