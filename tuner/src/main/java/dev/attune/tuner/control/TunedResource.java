package dev.attune.tuner.control;

import dev.attune.tuner.act.Resize;
import dev.attune.tuner.act.TunerMode;
import dev.attune.tuner.decide.SizeChange;
import dev.attune.tuner.report.log.AgentLog;

/**
 * One resource under the tuner, of any kind: the control state the shared {@link ControlStep} owns (enabled, pinned,
 * failed, the last advice) and the few things a kind supplies: its actuator, its own sizes to revert to, how its
 * sizes read in a log line, and where its decision is shown. Agent thread only.
 *
 * @param <D> the kind's decision value
 */
public abstract class TunedResource<D extends SizeChange> {

    private final String kind;
    private String name;
    boolean enabled = true;
    long pinned;
    boolean failed;
    D lastAdvice;
    String shownDecision = "none yet";
    String shownReason = "";

    /** @param kind the word for the kind in log events and keys: {@code pool}, {@code cache} */
    protected TunedResource(String kind) {
        this.kind = kind;
    }

    /** The kind's word, as in {@code pool_resize} and {@code pool=orders-io}. */
    public final String kind() {
        return kind;
    }

    /** The resource's unique name, or null until it is named (then it is neither shown nor tuned). */
    public final String name() {
        return name;
    }

    /** Gives the resource its unique name. */
    protected final void named(String unique) {
        this.name = unique;
    }

    /** The size pinned over JMX, or 0. */
    public final long pinned() {
        return pinned;
    }

    /** Forgets a pin and the last advice: the application resized the resource itself. */
    protected final void applicationResized() {
        pinned = 0;
        lastAdvice = null;
    }

    /** The mode configured for this resource alone, or null for the global one. */
    protected abstract TunerMode configuredMode();

    /** Why the resource is observed but never resized, or null when it is tuned. */
    protected abstract String notTunedBecause();

    /** Sets the steered size (its limit following as the kind's actuator does); never throws. */
    protected abstract Resize resizeTo(long size);

    /** What {@code d} would do, for advice: nothing is applied. */
    protected abstract Resize advised(D d);

    /** Puts the resource back at the application's own sizes; never throws. */
    protected abstract Resize revertToOwn();

    /** The application's own sizes, as an operator reads them: {@code 4/8}, {@code 10000}. */
    protected abstract String ownSizes();

    /** Why {@code size} cannot be pinned, or null when it can. */
    protected abstract String pinRefused(long size);

    /** The rule's decision {@code d} was not applied (advise mode, a failed resize): it is not to be verified. */
    protected abstract void notApplied(D d);

    /** Someone else took the resource out of the rule's hands for a while: a change under verification is void. */
    protected abstract void interrupted();

    /** Why the actuator refuses, in a few words, for the {@code _resize_failed} line. */
    protected abstract String refusal();

    /** Adds the old and new sizes of {@code r} to a log line: {@code old_core=4 new_core=8 old_max=8 new_max=8}. */
    protected abstract void describe(AgentLog.Line line, Resize r);

    /** The key of the steered size in a hold line: {@code core}, {@code maximum}. */
    protected abstract String sizeKey();

    /** Publishes the last decision and the control state on the resource's view. */
    protected abstract void show(String decision, String reason, TunerMode mode, boolean enabled, long pinned);
}
