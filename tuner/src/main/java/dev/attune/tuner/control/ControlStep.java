package dev.attune.tuner.control;

import dev.attune.tuner.act.CommandAnswer;
import dev.attune.tuner.act.Resize;
import dev.attune.tuner.act.TunerCommand;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.decide.SizeChange;
import dev.attune.tuner.report.jmx.TunerView;
import dev.attune.tuner.report.log.AgentLog;
import dev.attune.tuner.report.log.LogLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The control step every kind of tuned resource shares, on the agent thread: each control period a kind measures a
 * resource and its rule decides (a {@link SizeChange}); this step resolves the mode in force (global, per resource,
 * switched off, pinned), applies the decision through the kind's actuator or only advises it (said once while it
 * stays the same), writes the log line, the audit trail and the notification, and shows the decision. It also
 * carries out the operators' {@link TunerCommand}s (mode, enable, disable, pin, unpin, revert) for every kind, so a
 * new kind adds its registry, rule and actuator and copies none of this.
 *
 * <p>A resource whose control fails with an exception (a bug, or a library the kind misreads) is no longer tuned,
 * and that is said once; the others go on.
 */
public final class ControlStep {

    /** A kind's measure-and-decide for one resource and period: the rule's decision when it decides, else null. */
    @FunctionalInterface
    public interface Decider<D extends SizeChange> {
        /** @param decides false when only the measurement is wanted (off, pinned, not tuned) */
        D decide(boolean decides);
    }

    private final AgentLog log;
    private final TunerView view;
    private final AuditTrail audit;
    private final BlockingQueue<TunerView.Request> requests = new ArrayBlockingQueue<>(64);
    private final Map<String, Collection<? extends TunedResource<?>>> kinds = new LinkedHashMap<>();
    private volatile Runnable wakeAgent = () -> { };
    private volatile TunerMode mode;
    private volatile Map<String, List<String>> names = Map.of();

    /**
     * Creates the step.
     *
     * @param mode      the global mode at start
     * @param readOnly  true when JMX may only read
     * @param auditSize lines kept in the audit trail
     */
    public ControlStep(TunerMode mode, boolean readOnly, int auditSize, AgentLog log) {
        this.mode = mode;
        this.log = log;
        this.view = new TunerView(readOnly, this::submit, () -> this.mode.key(), () -> namesOf("pool"),
                this::auditLines);
        this.audit = new AuditTrail(auditSize, view::notifyChange);
    }

    private List<String> auditLines() {
        return audit.lines();
    }

    /** Adds a kind's live resources: commands find resources by name among them, and the view lists them. */
    public void addKind(String kind, Collection<? extends TunedResource<?>> resources) {
        kinds.put(kind, resources);
    }

    private List<String> namesOf(String kind) {
        return names.getOrDefault(kind, List.of());
    }

    /** Has each JMX request wake the agent thread, so it is carried out at once rather than after its park. */
    public void wakeAgentWith(Runnable wake) {
        this.wakeAgent = wake;
    }

    private boolean submit(TunerView.Request request) {
        boolean queued = requests.offer(request);
        if (queued) {
            wakeAgent.run();
        }
        return queued;
    }

    /** The JMX view of the tuner. */
    public TunerView view() {
        return view;
    }

    /** The audit trail, for lines a kind writes itself (the application resized a resource). */
    public AuditTrail audit() {
        return audit;
    }

    /** Carries out the JMX requests waiting; returns how many. */
    public int carryOutRequests() {
        int work = 0;
        for (TunerView.Request r; (r = requests.poll()) != null; work++) {
            r.reply().complete(carryOut(r.command()));
        }
        return work;
    }

    /** Publishes the names of the resources shown (named) of every kind; after each control period. */
    public void publishNames() {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        kinds.forEach((kind, resources) -> {
            List<String> named = new ArrayList<>();
            for (TunedResource<?> r : resources) {
                if (r.name() != null) {
                    named.add(r.name());
                }
            }
            shown.put(kind, List.copyOf(named));
        });
        names = Map.copyOf(shown);
    }

    /** The mode in force for {@code r}. */
    public TunerMode modeOf(TunedResource<?> r) {
        if (!r.enabled) {
            return TunerMode.OFF;
        }
        TunerMode own = r.configuredMode();
        return own != null ? own : mode;
    }

    /** One control period of one named resource: decide, then apply or advise, report and show. */
    public <D extends SizeChange> void control(TunedResource<D> r, Decider<D> decider) {
        try {
            TunerMode m = modeOf(r);
            boolean tuned = r.notTunedBecause() == null;
            boolean decides = m != TunerMode.OFF && r.pinned == 0 && tuned && !r.failed;
            D d = decider.decide(decides);
            if (d != null && d.changes()) {
                apply(r, d, m);
            } else if (d != null && log.enabled(LogLevel.DEBUG)) {
                // Why nothing changed, for whoever wants to follow the rule period by period.
                log.debug(r.kind() + "_hold").kv(r.kind(), r.name()).kv(r.sizeKey(), d.from())
                        .kv("reason", d.reason()).pairs(d.evidence()).emit();
            }
            String shown;
            String reason;
            if (d != null) {
                shown = d.changes() ? d.actionName() + " " + d.from() + " -> " + d.to() : "hold at " + d.from();
                reason = d.reason() + " (" + d.evidence() + ")";
            } else {
                shown = !tuned ? "not tuned" : r.pinned > 0 ? "pinned at " + r.pinned : "off";
                reason = !tuned ? r.notTunedBecause() : m == TunerMode.OFF ? "tuning is off for this " + r.kind() : "";
            }
            show(r, shown, reason);
        } catch (RuntimeException e) {
            // A bug here must cost only this resource, and be said once.
            if (!r.failed) {
                r.failed = true;
                log.error(r.kind() + "_tuning_failed").kv(r.kind(), r.name()).kv("error", e.toString())
                        .kv("effect", "this " + r.kind() + " is no longer tuned").emit();
            }
        }
    }

    private void show(TunedResource<?> r, String decision, String reason) {
        r.shownDecision = decision;
        r.shownReason = reason;
        r.show(decision, reason, modeOf(r), r.enabled, r.pinned);
    }

    private <D extends SizeChange> void apply(TunedResource<D> r, D d, TunerMode m) {
        if (m == TunerMode.ADVISE) {
            r.notApplied(d);
            D last = r.lastAdvice;
            r.lastAdvice = d;
            if (d.sameAs(last)) {
                return; // the same advice again: said once, shown on the resource's view every period
            }
            record(LogLevel.INFO, "_advice", r, d.actionName(), r.advised(d), m, d.reason(), d.evidence(), false);
            return;
        }
        Resize done = r.resizeTo(d.to());
        if (done.failed()) {
            r.notApplied(d);
            log.warn(r.kind() + "_resize_failed").kv(r.kind(), r.name()).kv("from", d.from()).kv("to", d.to())
                    .kv("detail", r.refusal()).emit();
            return;
        }
        record(d.reverts() ? LogLevel.WARN : LogLevel.INFO, "_resize", r, d.actionName(), done, m, d.reason(),
                d.evidence(), true);
    }

    private void record(LogLevel level, String event, TunedResource<?> r, String action, Resize sizes, TunerMode m,
                        String reason, String evidence, boolean changed) {
        AgentLog.Line line = log.at(level, r.kind() + event).kv(r.kind(), r.name()).kv("action", action);
        r.describe(line, sizes);
        audit.add(line.kv("mode", m.key()).kv("reason", reason).pairs(evidence).emitAndReturn(), changed);
    }

    // ---- operators' commands, on the agent thread ----

    CommandAnswer carryOut(TunerCommand c) {
        if (c instanceof TunerCommand.SetMode set) {
            TunerMode old = mode;
            mode = set.mode();
            audit.add(log.info("tuner_mode").kv("old", old.key()).kv("new", mode.key()).kv("by", "jmx")
                    .emitAndReturn(), true);
            return CommandAnswer.done("mode " + mode.key());
        }
        if (c instanceof TunerCommand.RevertAll) {
            int n = 0;
            for (Collection<? extends TunedResource<?>> resources : kinds.values()) {
                for (TunedResource<?> r : resources) {
                    if (r.name() != null && revert(r)) {
                        n++;
                    }
                }
            }
            return CommandAnswer.done("reverted " + n + " resource(s)");
        }
        TunerCommand.Targeted t = (TunerCommand.Targeted) c;
        TunedResource<?> r = named(t.kind(), t.resource());
        if (r == null) {
            return CommandAnswer.refused("no " + t.kind() + " named '" + t.resource() + "'; " + t.kind() + "s: "
                    + namesOf(t.kind()));
        }
        if (c instanceof TunerCommand.Enable || c instanceof TunerCommand.Disable) {
            r.enabled = c instanceof TunerCommand.Enable;
            r.interrupted();
            audit.add(log.info(r.kind() + "_tuning").kv(r.kind(), r.name()).kv("enabled", r.enabled)
                    .kv("by", "jmx").emitAndReturn(), true);
            show(r, r.shownDecision, r.shownReason);
            return CommandAnswer.done("tuning of " + r.name() + (r.enabled ? " on" : " off"));
        }
        if (c instanceof TunerCommand.Pin pin) {
            return pin(r, pin.size());
        }
        if (c instanceof TunerCommand.Unpin) {
            r.pinned = 0;
            r.interrupted();
            show(r, r.shownDecision, r.shownReason);
            return CommandAnswer.done(r.name() + " unpinned");
        }
        String before = r.ownSizes();
        return revert(r) ? CommandAnswer.done(r.name() + " back to " + before)
                : CommandAnswer.done(r.name() + " already at " + before);
    }

    private TunedResource<?> named(String kind, String name) {
        for (TunedResource<?> r : kinds.getOrDefault(kind, List.of())) {
            if (r.name() != null && r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private CommandAnswer pin(TunedResource<?> r, long size) {
        if (size < 1) {
            return CommandAnswer.refused("a pinned size must be at least 1");
        }
        if (r.notTunedBecause() != null) {
            return CommandAnswer.refused(r.name() + " is not tuned (" + r.notTunedBecause() + ")");
        }
        String refused = r.pinRefused(size);
        if (refused != null) {
            return CommandAnswer.refused(refused);
        }
        Resize done = r.resizeTo(size);
        if (done.failed()) {
            return CommandAnswer.failed("the " + r.kind() + " refused size " + size);
        }
        r.pinned = size;
        r.interrupted();
        record(LogLevel.INFO, "_resize", r, "pin", done, modeOf(r), "pinned over JMX", "", true);
        show(r, "pinned at " + size, "pinned over JMX");
        return CommandAnswer.done(r.name() + " pinned at " + size);
    }

    private boolean revert(TunedResource<?> r) {
        r.pinned = 0;
        r.interrupted();
        Resize done = r.revertToOwn();
        if (done.outcome() != Resize.Outcome.APPLIED) {
            return false;
        }
        record(LogLevel.INFO, "_resize", r, "revert", done, modeOf(r),
                "reverted over JMX to the application's own sizes", "", true);
        return true;
    }
}
