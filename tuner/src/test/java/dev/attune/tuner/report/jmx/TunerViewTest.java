package dev.attune.tuner.report.jmx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.tuner.act.CommandAnswer;
import dev.attune.tuner.act.TunerCommand;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.attune:type=Tuner} on the platform MBeanServer: with read-only set, every operation and attribute
 * write is refused and nothing reaches the agent thread; otherwise writes become commands for the agent thread,
 * and changes become notifications.
 */
class TunerViewTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final BlockingQueue<TunerView.Request> commands = new ArrayBlockingQueue<>(16);
    private JmxConsole console;

    @AfterEach
    void unregister() {
        if (console != null) {
            console.unregisterAll();
        }
    }

    private ObjectName register(TunerView view) throws JMException {
        console = JmxConsole.onPlatformServer();
        return console.registerTuner(view);
    }

    private TunerView view(boolean readOnly) {
        return new TunerView(readOnly, commands::offer, () -> "advise", () -> List.of("orders-io"),
                () -> List.of("ts=... event=pool_resize pool=orders-io"));
    }

    @Test
    void readOnlyRefusesEveryOperationAndAttributeWriteButShowsEverything() throws Exception {
        ObjectName name = register(view(true));

        RuntimeMBeanException write = assertThrows(RuntimeMBeanException.class,
                () -> server.setAttribute(name, new Attribute("Mode", "auto")));
        assertTrue(write.getCause() instanceof SecurityException, String.valueOf(write.getCause()));
        String[][] operations = {
            {"enablePool", "orders-io"}, {"disablePool", "orders-io"}, {"unpinPool", "orders-io"},
            {"revertPool", "orders-io"}, {"revertAll"},
        };
        for (String[] op : operations) {
            Object[] args = java.util.Arrays.copyOfRange(op, 1, op.length);
            String[] signature = new String[args.length];
            java.util.Arrays.fill(signature, String.class.getName());
            RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                    () -> server.invoke(name, op[0], args, signature), op[0]);
            assertTrue(refused.getCause() instanceof SecurityException, op[0] + ": " + refused.getCause());
        }
        assertThrows(RuntimeMBeanException.class, () -> server.invoke(name, "pinPool", new Object[] {"orders-io", 4},
                new String[] {String.class.getName(), int.class.getName()}));
        assertTrue(commands.isEmpty(), "nothing reached the agent thread");

        assertEquals("advise", server.getAttribute(name, "Mode"));
        assertEquals(true, server.getAttribute(name, "ReadOnly"));
        assertArrayEquals(new String[] {"orders-io"}, (String[]) server.getAttribute(name, "Pools"));
        assertEquals(1, ((String[]) server.getAttribute(name, "AuditTrail")).length);
    }

    @Test
    void writesBecomeCommandsForTheAgentThreadAndChangesBecomeNotifications() throws Exception {
        TunerView view = view(false);
        ObjectName name = register(view);
        boolean writable = false;
        for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
            writable |= a.getName().equals("Mode") && a.isWritable();
        }
        assertTrue(writable, "Mode is read-write");
        List<Notification> received = new ArrayList<>();
        server.addNotificationListener(name, (n, handback) -> received.add(n), null, null);

        // Stands in for the agent thread: answers each command as it arrives.
        Thread agent = new Thread(() -> {
            try {
                for (int i = 0; i < 2; i++) {
                    TunerView.Request r = commands.poll(10, TimeUnit.SECONDS);
                    r.reply().complete(CommandAnswer.done(r.command().toString()));
                    view.notifyChange("changed " + r.command().getClass().getSimpleName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "agent-stand-in");
        agent.start();
        assertEquals(new TunerCommand.Pin("pool", "orders-io", 6).toString(), server.invoke(name, "pinPool", new Object[] {"orders-io", 6},
                new String[] {String.class.getName(), int.class.getName()}));
        server.setAttribute(name, new Attribute("Mode", "auto"));
        agent.join(10_000);

        assertEquals(2, received.size());
        assertEquals(TunerView.CHANGE, received.get(0).getType());
        assertEquals("changed Pin", received.get(0).getMessage());
        assertEquals("changed SetMode", received.get(1).getMessage());
        assertTrue(received.get(1).getSequenceNumber() > received.get(0).getSequenceNumber());
        assertFalse(agent.isAlive());
    }
}
