package dev.attune.tuner.report.jmx;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationEmitter;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;

/**
 * The {@link TunerMXBean} behind {@code dev.attune:type=Tuner}. JMX calls arrive on RMI threads: reads return
 * published values, and every write becomes a {@link Command} that the agent thread carries out (so pools are
 * only ever changed there); an operation returns once the agent thread has answered, or after two seconds with
 * "queued". With read-only set, every write and operation throws {@link SecurityException}.
 *
 * <p>The broadcaster is made only when the first listener comes (over JMX, long after premain): this view is built
 * in premain, and {@link NotificationBroadcasterSupport}'s class initialisation asks {@code System.getLogger} for
 * a logger, which loads the application's {@code System.LoggerFinder} before the application has set it up.
 * Until then a change has no one to tell, so nothing is sent.
 */
public final class TunerView implements TunerMXBean, NotificationEmitter {

    /** Type of the notification sent for every change of a pool or of the mode. */
    public static final String CHANGE = "dev.attune.tuner.change";

    /** A request from JMX, carried out on the agent thread. */
    public record Command(String op, String pool, int size, java.util.concurrent.CompletableFuture<String> reply) {
    }

    private final boolean readOnly;
    private final Function<Command, Boolean> submit;
    private final Supplier<String> mode;
    private final Supplier<List<String>> pools;
    private final Supplier<List<String>> audit;
    private long sequence;
    private NotificationBroadcasterSupport broadcaster; // null until a listener is added

    /**
     * Creates the view.
     *
     * @param submit hands a command to the agent thread; false when it cannot take more
     */
    public TunerView(boolean readOnly, Function<Command, Boolean> submit, Supplier<String> mode,
                     Supplier<List<String>> pools, Supplier<List<String>> audit) {
        this.readOnly = readOnly;
        this.submit = submit;
        this.mode = mode;
        this.pools = pools;
        this.audit = audit;
    }

    /** Sends one change notification to the listeners, if any; any thread. */
    public synchronized void notifyChange(String message) {
        ++sequence;
        if (broadcaster != null) {
            broadcaster.sendNotification(new Notification(CHANGE, "dev.attune:type=Tuner", sequence,
                    System.currentTimeMillis(), message));
        }
    }

    private synchronized NotificationBroadcasterSupport broadcaster() {
        if (broadcaster == null) {
            broadcaster = new NotificationBroadcasterSupport();
        }
        return broadcaster;
    }

    @Override
    public void addNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback) {
        broadcaster().addNotificationListener(listener, filter, handback);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener) throws ListenerNotFoundException {
        broadcaster().removeNotificationListener(listener);
    }

    @Override
    public void removeNotificationListener(NotificationListener listener, NotificationFilter filter, Object handback)
            throws ListenerNotFoundException {
        broadcaster().removeNotificationListener(listener, filter, handback);
    }

    @Override
    public MBeanNotificationInfo[] getNotificationInfo() {
        return new MBeanNotificationInfo[] {new MBeanNotificationInfo(new String[] {CHANGE},
                Notification.class.getName(), "a pool was resized, pinned, reverted or switched, or the mode changed")};
    }

    @Override
    public String getMode() {
        return mode.get();
    }

    @Override
    public void setMode(String newMode) {
        String answer = run("mode", newMode, 0);
        if (answer.startsWith("refused")) {
            throw new IllegalArgumentException(answer);
        }
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public String[] getPools() {
        return pools.get().toArray(new String[0]);
    }

    @Override
    public String[] getAuditTrail() {
        return audit.get().toArray(new String[0]);
    }

    @Override
    public String enablePool(String pool) {
        return run("enable", pool, 0);
    }

    @Override
    public String disablePool(String pool) {
        return run("disable", pool, 0);
    }

    @Override
    public String pinPool(String pool, int coreSize) {
        return run("pin", pool, coreSize);
    }

    @Override
    public String unpinPool(String pool) {
        return run("unpin", pool, 0);
    }

    @Override
    public String revertPool(String pool) {
        return run("revert", pool, 0);
    }

    @Override
    public String revertAll() {
        return run("revert-all", "", 0);
    }

    private String run(String op, String pool, int size) {
        if (readOnly) {
            throw new SecurityException("attune.jmx.readOnly=true: " + op + " refused");
        }
        Command c = new Command(op, pool == null ? "" : pool, size, new java.util.concurrent.CompletableFuture<>());
        if (!submit.apply(c)) {
            return "refused: too many requests waiting";
        }
        try {
            return c.reply().get(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "queued: the agent thread will carry it out";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "queued: the agent thread will carry it out";
        } catch (java.util.concurrent.ExecutionException e) {
            return "failed: " + e.getCause();
        }
    }
}
