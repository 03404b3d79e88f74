package dev.attune.tuner.report.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.tuner.aggregate.MethodAggregator;
import dev.attune.tuner.aggregate.SyntheticEvents;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.OpenType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What JConsole, VisualVM and JMC need from the console: the names in domain {@code dev.attune}, open types
 * only, a description on every attribute, and units in the attribute names.
 */
class JmxConsoleTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private JmxConsole console;

    @AfterEach
    void unregister() {
        if (console != null) {
            console.unregisterAll();
        }
    }

    @Test
    void agentAndMethodBeansAreOpenTypedDescribedAndCarryUnits() throws Exception {
        MethodIds ids = new MethodIds(8);
        int place = ids.idFor("com.acme.OrderService#place");
        MethodAggregator aggregator = new MethodAggregator(ids, 0);
        new SyntheticEvents().exit(aggregator, place, 1_000, false); // figures come with the first call
        AgentView agent = new AgentView("test", "none", List.of(), List.of("com.acme.OrderService#place"), 10,
                1 << 20, () -> 5, () -> 1, () -> 1, () -> 1, () -> 0);

        console = JmxConsole.onPlatformServer();
        ObjectName agentName = console.registerAgent(agent);
        ObjectName methodName = console.registerMethod(aggregator.figures().get(0));

        assertEquals(new ObjectName("dev.attune:type=Agent"), agentName);
        assertEquals(new ObjectName("dev.attune:type=Method,name=com.acme.OrderService#place"), methodName);
        assertEquals(5L, server.getAttribute(agentName, "EventsRecorded"));
        assertEquals(1L, server.getAttribute(agentName, "EventsDropped"));
        assertEquals(0L, server.getAttribute(methodName, "TotalCount"));

        for (ObjectName name : List.of(agentName, methodName)) {
            assertOpenTypedAndDescribed(server, name);
        }
        for (MBeanAttributeInfo a : server.getMBeanInfo(methodName).getAttributes()) {
            assertTrue(a.getName().matches(".*(Micros|PerSec|Count|Errors)|Method"),
                    "the unit is in the name: " + a.getName());
        }
    }

    /** Every attribute has an open type and a description of its own, and the type has one. */
    static void assertOpenTypedAndDescribed(MBeanServer server, ObjectName name) throws Exception {
        MBeanInfo info = server.getMBeanInfo(name);
        assertFalse(info.getDescription().isBlank(), name + " has a description");
        for (MBeanAttributeInfo a : info.getAttributes()) {
            Object openType = a.getDescriptor().getFieldValue("openType");
            assertNotNull(openType, name + "." + a.getName() + " has an open type");
            assertTrue(openType instanceof OpenType<?>, name + "." + a.getName());
            assertFalse(a.getDescription() == null || a.getDescription().isBlank()
                    || a.getDescription().equals(a.getName()), name + "." + a.getName() + " is described");
        }
    }

    @Test
    void methodNamesWithReservedCharactersAreQuoted() throws Exception {
        ObjectName name = JmxConsole.methodName("com.acme.Odd#with,comma");
        assertEquals("com.acme.Odd#with,comma", ObjectName.unquote(name.getKeyProperty("name")));
    }
}
