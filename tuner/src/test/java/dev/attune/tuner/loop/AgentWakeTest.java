package dev.attune.tuner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attune.instrumentation.advice.TransformEvents;
import dev.attune.instrumentation.encode.ManyToOneRingBufferStripes;
import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.tuner.act.SignalsSwitch;
import dev.attune.tuner.aggregate.PoolAggregator;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.control.ControlStep;
import dev.attune.tuner.report.jmx.AgentView;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogFormat;
import dev.attune.tuner.report.log.LogLevel;
import dev.attune.tuner.report.log.LogOutput;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The agent thread parks up to 50 ms; what the user asks over JMX wakes it rather than waiting that out. */
class AgentWakeTest {

    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private final AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, LogOutput.memory());

    @Test
    void wakeEndsTheParkOfTheThreadTheLoopStartedOn() throws Exception {
        ManyToOneRingBufferStripes stripes = new ManyToOneRingBufferStripes(1 << 16, 1);
        MethodIds ids = new MethodIds(4);
        AgentView view = new AgentView("test", "defaults", List.of(), List.of(), 1.0, 1 << 16,
                () -> 0, stripes::dropped, ids::count, () -> 0, () -> 0);
        AgentLoop loop = new AgentLoop(new LoopSettings(TimeUnit.SECONDS.toNanos(1), false, false, 0), stripes, ids,
                new TransformEvents(), List.of(), log, view, System::nanoTime);
        DrainCadenceIdleStrategy idle = new DrainCadenceIdleStrategy(HOUR, 4096, () -> HOUR);
        CountDownLatch started = new CountDownLatch(1);
        Thread agent = new Thread(() -> {
            loop.onStart();
            started.countDown();
            idle.idle(0);
        }, "test-agent");
        agent.setDaemon(true);
        agent.start();
        started.await();
        DrainCadenceIdleStrategyTest.assertWokenOutOfItsPark(agent, loop::wake);
    }

    @Test
    void aTunerRequestWakesTheAgentThreadOnceItIsQueued() {
        PoolTuningSettings settings = PoolTuningSettings.defaults();
        ControlStep step = new ControlStep(settings.mode(), false, settings.auditSize(), log);
        new PoolTuningTask(settings, step, new PoolAggregator(), () -> SignalSnapshot.EMPTY, name -> null,
                () -> false, log, null, TimeUnit.SECONDS.toNanos(1), System.nanoTime());
        TunerTask task = new TunerTask(step, log);
        // Stands in for the woken agent thread: carries out what is queued. Were the wake to come before the
        // request is queued, or not at all, the reply would be the 2 s time-out's "queued: ...".
        step.wakeAgentWith(() -> task.doWork(null));
        String reply = step.view().revertAll();
        assertFalse(reply.startsWith("queued"), reply);
    }

    @Test
    void switchingTheSignalsWakesTheAgentThreadAndARefusalDoesNot() {
        AtomicInteger wakes = new AtomicInteger();
        SignalsSwitch onOff = new SignalsSwitch(false);
        onOff.wakeOnChange(wakes::incrementAndGet);
        onOff.set(false);
        onOff.set(true);
        assertEquals(2, wakes.get());

        SignalsSwitch readOnly = new SignalsSwitch(true);
        readOnly.wakeOnChange(wakes::incrementAndGet);
        assertThrows(SecurityException.class, () -> readOnly.set(false));
        assertEquals(2, wakes.get());
    }
}
