package dev.attune.tuner.report.jmx;

/** {@code dev.attune:type=Tuner}: the thread-pool tuner's mode, its switches and its audit trail. */
@Description("Attune tuner: mode (off, advise, auto), per-pool switches, pins, reverts and the audit trail of changes")
public interface TunerMXBean {

    /** The global mode. */
    @Description("Global tuning mode: off, advise (log what it would do, change nothing) or auto")
    String getMode();

    /** Sets the global mode. */
    void setMode(String mode);

    /** True when every write and operation is refused. */
    @Description("True when attune.jmx.readOnly=true: every attribute write and operation is refused")
    boolean isReadOnly();

    /** Names of the pools found. */
    @Description("Names of the thread pools found (each has a dev.attune:type=ThreadPool MBean)")
    String[] getPools();

    /** The last changes, oldest first. */
    @Description("The last changes made or advised, oldest first: one log-format line each")
    String[] getAuditTrail();

    /** Turns tuning of one pool on. */
    @Description("Turn tuning of one pool on (the pool follows the global or its configured mode)")
    String enablePool(String pool);

    /** Turns tuning of one pool off. */
    @Description("Turn tuning of one pool off: its size stays as it is now")
    String disablePool(String pool);

    /** Pins one pool's core size. */
    @Description("Pin one pool's core size: set it now and keep it until unpinned")
    String pinPool(String pool, int coreSize);

    /** Unpins one pool. */
    @Description("Unpin one pool: tuning resumes from its current size")
    String unpinPool(String pool);

    /** Reverts one pool to its original sizes. */
    @Description("Revert one pool to the core and maximum sizes the application gave it")
    String revertPool(String pool);

    /** Reverts every pool to its original sizes. */
    @Description("Revert every pool to the sizes the application gave it")
    String revertAll();
}
