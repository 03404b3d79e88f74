package dev.attune.tuner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.tuner.act.CommandAnswer;
import dev.attune.tuner.act.Resize;
import dev.attune.tuner.act.TunerCommand;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.decide.SizeChange;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogFormat;
import dev.attune.tuner.report.log.LogLevel;
import dev.attune.tuner.report.log.LogOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control step every kind shares, on a synthetic kind: modes, advice said once, applying through the actuator,
 * a refused resize, a failing kind, and the operators' commands, each with its log line and audit entry.
 */
class ControlStepTest {

    private final LogOutput.Memory out = LogOutput.memory();
    private final AgentLog log = new AgentLog(LogFormat.LOGFMT, LogLevel.INFO, out);

    /** A decision of the synthetic kind. */
    private record Change(String actionName, long from, long to) implements SizeChange {
        @Override
        public boolean reverts() {
            return actionName.equals("revert");
        }

        @Override
        public String reason() {
            return "synthetic";
        }

        @Override
        public String evidence() {
            return "figure=1";
        }
    }

    /** A resource of the synthetic kind: a size, an actuator that may refuse, and what the step told it. */
    private static final class Widget extends TunedResource<Change> {
        long size;
        final long own;
        boolean refuses;
        TunerMode configured;
        String untuned;
        final List<Change> notApplied = new ArrayList<>();
        int interruptions;
        String shown;

        Widget(String name, long size) {
            super("widget");
            named(name);
            this.size = size;
            this.own = size;
        }

        @Override
        protected TunerMode configuredMode() {
            return configured;
        }

        @Override
        protected String notTunedBecause() {
            return untuned;
        }

        @Override
        protected Resize resizeTo(long to) {
            if (refuses) {
                return new Resize(Resize.Outcome.FAILED, size, size, size, size);
            }
            long from = size;
            size = to;
            return new Resize(from == to ? Resize.Outcome.UNCHANGED : Resize.Outcome.APPLIED, from, to, from, to);
        }

        @Override
        protected Resize advised(Change d) {
            return Resize.advised(d.from(), d.to(), d.from(), d.to());
        }

        @Override
        protected Resize revertToOwn() {
            return resizeTo(own);
        }

        @Override
        protected String ownSizes() {
            return Long.toString(own);
        }

        @Override
        protected String pinRefused(long pin) {
            return pin > 100 ? pin + " is above 100" : null;
        }

        @Override
        protected void notApplied(Change d) {
            notApplied.add(d);
        }

        @Override
        protected void interrupted() {
            interruptions++;
        }

        @Override
        protected String refusal() {
            return "the widget refused";
        }

        @Override
        protected void describe(AgentLog.Line line, Resize r) {
            line.kv("old_size", r.from()).kv("new_size", r.to());
        }

        @Override
        protected String sizeKey() {
            return "size";
        }

        @Override
        protected void show(String decision, String reason, TunerMode mode, boolean enabled, long pinned) {
            shown = decision + " | " + mode.key() + " | " + enabled + " | " + pinned;
        }
    }

    private ControlStep step(TunerMode mode, Widget... widgets) {
        ControlStep step = new ControlStep(mode, false, 10, log);
        step.addKind("widget", List.of(widgets));
        step.publishNames();
        return step;
    }

    private static CommandAnswer carryOut(ControlStep step, TunerCommand command) {
        return step.carryOut(command); // as the agent thread does with each request the view queues
    }

    private List<String> lines(String event) {
        return out.lines().stream().filter(l -> l.contains(" event=" + event + " ")).toList();
    }

    @Test
    void autoAppliesAChangeAndAuditsIt() {
        Widget w = new Widget("w1", 4);
        ControlStep step = step(TunerMode.AUTO, w);
        step.control(w, decides -> decides ? new Change("grow", 4, 8) : null);
        assertEquals(8, w.size);
        assertEquals(1, lines("widget_resize").size(), out.lines().toString());
        assertTrue(lines("widget_resize").get(0).contains("widget=w1 action=grow old_size=4 new_size=8 mode=auto"),
                lines("widget_resize").get(0));
        assertEquals(1, step.audit().lines().size());
        assertEquals("grow 4 -> 8 | auto | true | 0", w.shown);
    }

    @Test
    void adviseChangesNothingAndSaysTheSameAdviceOnce() {
        Widget w = new Widget("w1", 4);
        ControlStep step = step(TunerMode.ADVISE, w);
        for (int i = 0; i < 3; i++) {
            step.control(w, decides -> new Change("grow", 4, 8));
        }
        assertEquals(4, w.size);
        assertEquals(1, lines("widget_advice").size(), out.lines().toString());
        assertEquals(3, w.notApplied.size(), "never verified: it was not applied");
        step.control(w, decides -> new Change("grow", 4, 6));
        assertEquals(2, lines("widget_advice").size(), "new advice is said");
    }

    @Test
    void offPinnedAndUntunedResourcesAreMeasuredButNotDecided() {
        Widget off = new Widget("off", 4);
        off.configured = TunerMode.OFF;
        Widget untuned = new Widget("untuned", 1);
        untuned.untuned = "single thread";
        ControlStep step = step(TunerMode.AUTO, off, untuned);
        List<Boolean> asked = new ArrayList<>();
        step.control(off, decides -> {
            asked.add(decides);
            return null;
        });
        step.control(untuned, decides -> {
            asked.add(decides);
            return null;
        });
        assertEquals(List.of(false, false), asked);
        assertEquals("off | off | true | 0", off.shown);
        assertTrue(untuned.shown.startsWith("not tuned"), untuned.shown);
    }

    @Test
    void aRefusedResizeIsNotVerifiedAndIsSaid() {
        Widget w = new Widget("w1", 4);
        w.refuses = true;
        ControlStep step = step(TunerMode.AUTO, w);
        Change grow = new Change("grow", 4, 8);
        step.control(w, decides -> grow);
        assertEquals(List.of(grow), w.notApplied);
        assertEquals(1, lines("widget_resize_failed").size(), out.lines().toString());
        assertTrue(step.audit().lines().isEmpty());
    }

    @Test
    void aKindThatThrowsLosesOnlyThatResourceAndSaysItOnce() {
        Widget bad = new Widget("bad", 4);
        Widget good = new Widget("good", 4);
        ControlStep step = step(TunerMode.AUTO, bad, good);
        for (int i = 0; i < 3; i++) {
            step.control(bad, decides -> {
                if (decides) {
                    throw new IllegalStateException("a bug");
                }
                return null;
            });
        }
        step.control(good, decides -> new Change("grow", 4, 5));
        assertEquals(1, lines("widget_tuning_failed").size(), out.lines().toString());
        assertEquals(5, good.size);
    }

    @Test
    void commandsAreTypedAndAnsweredForAnyKind() {
        Widget w = new Widget("w1", 4);
        ControlStep step = step(TunerMode.AUTO, w);

        assertEquals(CommandAnswer.done("tuning of w1 off"), carryOut(step, new TunerCommand.Disable("widget", "w1")));
        assertTrue(w.shown.endsWith(" | off | false | 0"), w.shown);
        assertEquals(CommandAnswer.done("tuning of w1 on"), carryOut(step, new TunerCommand.Enable("widget", "w1")));

        CommandAnswer tooBig = carryOut(step, new TunerCommand.Pin("widget", "w1", 101));
        assertFalse(tooBig.done());
        assertEquals("refused: 101 is above 100", tooBig.message());
        assertEquals(CommandAnswer.done("w1 pinned at 9"), carryOut(step, new TunerCommand.Pin("widget", "w1", 9)));
        assertEquals(9, w.size);
        List<Boolean> asked = new ArrayList<>();
        step.control(w, decides -> {
            asked.add(decides);
            return null;
        });
        assertEquals(List.of(false), asked, "a pinned resource is not decided for");

        assertEquals(CommandAnswer.done("w1 back to 4"), carryOut(step, new TunerCommand.Revert("widget", "w1")));
        assertEquals(4, w.size);
        assertEquals(0, w.pinned());
        assertEquals(CommandAnswer.done("w1 already at 4"), carryOut(step, new TunerCommand.Revert("widget", "w1")));

        CommandAnswer unknown = carryOut(step, new TunerCommand.Revert("widget", "nonesuch"));
        assertEquals("refused: no widget named 'nonesuch'; widgets: [w1]", unknown.message());
        CommandAnswer otherKind = carryOut(step, new TunerCommand.Revert("pool", "w1"));
        assertFalse(otherKind.done(), "names are looked up within their kind");

        assertEquals(CommandAnswer.done("mode advise"), carryOut(step, new TunerCommand.SetMode(TunerMode.ADVISE)));
        assertEquals(TunerMode.ADVISE, step.modeOf(w));
        List<String> audit = step.audit().lines();
        assertTrue(audit.get(0).contains("event=widget_tuning widget=w1 enabled=false"), audit.toString());
        assertTrue(audit.get(audit.size() - 1).contains("event=tuner_mode old=auto new=advise"), audit.toString());
        assertTrue(w.interruptions >= 4, "every switch, pin and revert voids a change under verification");
    }
}
