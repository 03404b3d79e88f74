package dev.attune.instrumentation.advice;

import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.match.MethodSelection;
import dev.attune.instrumentation.match.UntimedPackages;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * Installs the timing advice on the methods a {@link MethodSelection} names, in classes loaded from now
 * on and (by retransformation) in those already loaded, as after a dynamic attach.
 *
 * <p>Class format is never changed (no fields or methods added), so retransformation is always legal.
 * Types not yet loaded are described from their class files, so matching never loads a class itself;
 * classes already loaded (and generated ones without a class file) are described by reflection.
 */
public final class TimingInstaller {

    private TimingInstaller() {
    }

    /** Installs the transformer and returns it, so that it can be removed again. */
    public static ResettableClassFileTransformer install(Instrumentation instrumentation, MethodSelection selection,
                                                         MethodIds ids, TransformEvents events) {
        Advice advice = Advice.withCustomMapping()
                .bind(new MethodIdBinding(ids))
                .to(TimingAdvice.class);
        ClassLoader agentLoader = TimingInstaller.class.getClassLoader();
        return newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new LoadedTypeDiscovery(selection))
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(events)
                // Names only: a matcher that needs more would resolve classes that have no class file.
                // The agent's own packages only: dev.attune.sample and other user code stay instrumentable.
                .ignore(nameStartsWith("dev.attune.bootstrap.")
                        .or(nameStartsWith("dev.attune.agent."))
                        .or(nameStartsWith("dev.attune.instrumentation."))
                        .or(nameStartsWith("dev.attune.tuner."))
                        .or(nameStartsWith("net.bytebuddy."))
                        // The timed path, the agent thread and the shutdown hook run through these: timing
                        // them would make the advice call itself, or the agent time its own work.
                        .or(type -> UntimedPackages.contains(type.getActualName()))
                        .or(nameContains("$$Lambda"))
                        .or(nameContains("$ByteBuddy")))
                .or((type, loader, module, classBeingRedefined, protectionDomain) -> loader == agentLoader)
                .type(selection.types())
                .transform((builder, type, loader, module, protectionDomain) ->
                        builder.visit(advice.on(selection.methodsOf(type))))
                .installOn(instrumentation);
    }

    /**
     * A builder created without initialising Byte Buddy's Nexus: the default constructor eagerly prepares
     * Nexus self-injection, which reaches for {@code sun.misc.Unsafe}, and JDK 24+ prints a warning for
     * that. The advice needs no Nexus (no type initializers are injected), so Byte Buddy's own switch
     * {@code net.bytebuddy.nexus.disabled} is set just while the builder is made, and restored. It is
     * read once, by the agent's private copy of Byte Buddy: the application's copy is not affected.
     */
    public static AgentBuilder newAgentBuilder() {
        String property = "net.bytebuddy.nexus.disabled";
        String previous = System.getProperty(property);
        System.setProperty(property, "true");
        try {
            return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED));
        } finally {
            if (previous == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, previous);
            }
        }
    }

}
