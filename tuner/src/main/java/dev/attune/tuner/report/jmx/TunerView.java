package dev.attune.tuner.report.jmx;

import dev.attune.tuner.act.CommandAnswer;
import dev.attune.tuner.act.TunerCommand;
import dev.attune.tuner.act.TunerMode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * published values, and every write becomes a {@link TunerCommand} that the agent thread carries out (so pools are
 * only ever changed there); an operation returns once the agent thread has answered, or after two seconds with
 * "queued". With read-only set, every write and operation throws {@link SecurityException}.
 *
 * <p>The broadcaster is made only when the first listener comes (over JMX, long after premain): this view is built
 * in premain, and {@link NotificationBroadcasterSupport}'s class initialisation asks {@code System.getLogger} for
 * a logger, which loads the application's {@code System.LoggerFinder} before the application has set it up.
 * Until then a change has no one to tell, so nothing is sent.
 */
public final class TunerView implements TunerMXBean, NotificationEmitter {

    /** The kind word of thread pools in commands. */
    private static final String POOL = "pool";

    /** Type of the notification sent for every change of a pool or of the mode. */
    public static final String CHANGE = "dev.attune.tuner.change";

    /** A command from JMX and the answer the agent thread gives it. */
    public record Request(TunerCommand command, CompletableFuture<CommandAnswer> reply) {
    }

    private final boolean readOnly;
    private final Function<Request, Boolean> submit;
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
    public TunerView(boolean readOnly, Function<Request, Boolean> submit, Supplier<String> mode,
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
        checkWritable("setMode");
        TunerMode m = TunerMode.parse(newMode);
        if (m == null) {
            throw new IllegalArgumentException("mode must be off, advise or auto, not '" + newMode + "'");
        }
        run(new TunerCommand.SetMode(m));
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
        return run(new TunerCommand.Enable(POOL, pool));
    }

    @Override
    public String disablePool(String pool) {
        return run(new TunerCommand.Disable(POOL, pool));
    }

    @Override
    public String pinPool(String pool, int coreSize) {
        return run(new TunerCommand.Pin(POOL, pool, coreSize));
    }

    @Override
    public String unpinPool(String pool) {
        return run(new TunerCommand.Unpin(POOL, pool));
    }

    @Override
    public String revertPool(String pool) {
        return run(new TunerCommand.Revert(POOL, pool));
    }

    @Override
    public String revertAll() {
        return run(new TunerCommand.RevertAll());
    }

    private void checkWritable(String op) {
        if (readOnly) {
            throw new SecurityException("attune.jmx.readOnly=true: " + op + " refused");
        }
    }

    private String run(TunerCommand command) {
        checkWritable(command.getClass().getSimpleName());
        Request r = new Request(command, new CompletableFuture<>());
        if (!submit.apply(r)) {
            return "refused: too many requests waiting";
        }
        try {
            return r.reply().get(2, TimeUnit.SECONDS).message();
        } catch (TimeoutException e) {
            return "queued: the agent thread will carry it out";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "queued: the agent thread will carry it out";
        } catch (ExecutionException e) {
            return "failed: " + e.getCause();
        }
    }
}
