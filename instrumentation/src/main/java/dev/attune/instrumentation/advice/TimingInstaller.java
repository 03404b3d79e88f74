package dev.attune.instrumentation.advice;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.match.MethodSelection;
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
 * Type descriptions come from the class files only, so matching never loads a class itself.
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
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(events)
                .ignore(nameStartsWith("dev.attune.")
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(isSynthetic()))
                .or((type, loader, module, classBeingRedefined, protectionDomain) -> loader == agentLoader)
                .type(selection.types())
                .transform((builder, type, loader, module, protectionDomain) ->
                        builder.visit(advice.on(selection.methodsOf(type))))
                .installOn(instrumentation);
    }

}
