package dev.attune.instrumentation.advice;

import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.match.MethodSelection;
import dev.attune.instrumentation.match.UntimedPackages;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.dynamic.scaffold.TypeValidation;

/**
 * Installs the timing advice on the methods a {@link MethodSelection} names, in classes loaded from now
 * on and (by retransformation) in those already loaded, as after a dynamic attach: a gate in premain
 * ({@link DeferredTimingTransformer}), Byte Buddy's transformer behind it once built off premain.
 *
 * <p>Class format is never changed (no fields or methods added), so retransformation is always legal.
 * Types not yet loaded are described from their class files, so matching never loads a class itself;
 * classes already loaded (and generated ones without a class file) are described by reflection.
 */
public final class TimingInstaller {

    private TimingInstaller() {
    }

    /**
     * Registers the timing gate: cheap, for premain. Nothing is woven until {@link #complete} hands it Byte
     * Buddy's transformer; until then a class that may hold timed methods waits as it loads.
     */
    public static DeferredTimingTransformer register(Instrumentation instrumentation, MethodSelection selection) {
        DeferredTimingTransformer gate =
                new DeferredTimingTransformer(selection, TimingInstaller.class.getClassLoader());
        gate.register(instrumentation);
        return gate;
    }

    /**
     * Builds the timing transformer, hands it to {@code gate}, then retransforms the loaded classes the gate never
     * saw (those loaded before it, as after a dynamic attach, and any it let through untimed). Returns how many
     * retransformations failed (each also reported to {@code events}). Whatever fails, the gate is released.
     */
    public static int complete(Instrumentation instrumentation, DeferredTimingTransformer gate,
                               MethodSelection selection, MethodIds ids, TransformEvents events) {
        ClassFileTransformer timing = null;
        try {
            timing = transformer(selection, ids, events);
        } finally {
            gate.ready(timing);
        }
        List<Class<?>> targets = gate.passedUntimed() == 0 ? gate.loadedBefore()
                : LoadedTypeDiscovery.candidates(instrumentation, selection);
        int failed = 0;
        for (Class<?> type : targets) {
            try {
                instrumentation.retransformClasses(type);
            } catch (Exception | LinkageError e) {
                failed++;
            }
        }
        return failed;
    }

    // Raw: registered and fed by the gate, not by Byte Buddy; the gate retransforms what was loaded before it.
    private static ClassFileTransformer transformer(MethodSelection selection, MethodIds ids,
                                                  TransformEvents events) {
        Advice advice = Advice.withCustomMapping()
                .bind(new MethodIdBinding(ids))
                .to(TimingAdvice.class);
        ClassLoader agentLoader = TimingInstaller.class.getClassLoader();
        return newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
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
                .makeRaw();
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
