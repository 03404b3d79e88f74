package dev.attune.instrumentation.pools;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.attune.instrumentation.advice.TimingInstaller;
import dev.attune.instrumentation.advice.TransformEvents;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * Installs {@link PoolAdvice} on {@link ThreadPoolExecutor} (already loaded by the time the agent runs, so by
 * retransformation). Only advice is woven in, no fields or methods, so the retransformation never changes the
 * class's schema and other agents that retransform the same class see a legal class.
 */
public final class PoolInstaller {

    private PoolInstaller() {
    }

    /** Installs the transformer and retransforms {@code ThreadPoolExecutor}; returns it for removal. */
    public static ResettableClassFileTransformer install(Instrumentation instrumentation, TransformEvents events) {
        AsmVisitorWrapper advice = new AsmVisitorWrapper.Compound(
                Advice.to(PoolAdvice.Execute.class).on(named("execute").and(takesArguments(Runnable.class))),
                Advice.to(PoolAdvice.GetTask.class).on(named("getTask").and(isPrivate())
                        .and(takesArguments(0)).and(returns(Runnable.class))),
                Advice.to(PoolAdvice.Reject.class).on(named("reject").and(takesArguments(Runnable.class))));
        return TimingInstaller.newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // The one class to retransform is known: no walk over every loaded class.
                .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(ThreadPoolExecutor.class))
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(events)
                .ignore(none())
                .type(named(ThreadPoolExecutor.class.getName()))
                .transform((builder, type, loader, module, protectionDomain) -> builder.visit(advice))
                .installOn(instrumentation);
    }
}
