package dev.attune.tuner.act;

/**
 * The user's live switch for the process signals (JFR stream and OS counters), set over JMX.
 *
 * <p>Why a flag, not a call into the sources: a JMX thread only flips it; the agent thread applies it to the
 * JFR stream in the duty cycle it wakes, so JMX threads never touch the recording. Off pauses every JFR event and
 * the OS sampling; the recording stays open and idle, so switching back on starts nothing.
 */
public final class SignalsSwitch {

    private final boolean readOnly;
    private volatile boolean on = true;
    private volatile Runnable onChange = () -> { };

    /** Creates a switch that is on; {@code readOnly} refuses every change ({@code attune.jmx.readOnly}). */
    public SignalsSwitch(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** True while the signals are on. Any thread. */
    public boolean isOn() {
        return on;
    }

    /** Switches the signals on or off; throws {@link SecurityException} when read-only. Any thread. */
    public void set(boolean on) {
        if (readOnly) {
            throw new SecurityException("attune.jmx.readOnly=true: switching the signals refused");
        }
        this.on = on;
        onChange.run();
    }

    /** Runs {@code wake} after each change, to wake the agent thread that applies it. */
    public void wakeOnChange(Runnable wake) {
        this.onChange = wake;
    }
}
