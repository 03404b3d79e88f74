package dev.attune.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class AgentMetricsReportTest {

    /** Stands in for the agent's MBeans: only the given attributes exist. */
    private static DynamicMBean bean(Map<String, Object> attributes) {
        return new DynamicMBean() {
            @Override
            public Object getAttribute(String name) throws AttributeNotFoundException {
                if (!attributes.containsKey(name)) {
                    throw new AttributeNotFoundException(name);
                }
                return attributes.get(name);
            }

            @Override
            public void setAttribute(Attribute attribute) {
                throw new UnsupportedOperationException();
            }

            @Override
            public AttributeList getAttributes(String[] names) {
                return new AttributeList();
            }

            @Override
            public AttributeList setAttributes(AttributeList attributes) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Object invoke(String action, Object[] params, String[] signature) {
                throw new UnsupportedOperationException();
            }

            @Override
            public MBeanInfo getMBeanInfo() {
                return new MBeanInfo(getClass().getName(), "test", null, null, null, null);
            }
        };
    }

    private static String print(MBeanServer server) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AgentMetricsReport(server).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noAttuneBeansPrintsTheOneLine() {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        assertEquals(AgentMetricsReport.ABSENT_LINE + System.lineSeparator(), print(server));
    }

    @Test
    void printsTotalsAndDashesForMissingAttributes() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(bean(Map.of("TotalCount", 1234L, "TotalP99Micros", 5678L, "TotalThroughputPerSec", 61.25,
                        "Count", 1L)),
                new ObjectName("dev.attune:type=Method,name=" + ObjectName.quote("OrderService#place")));
        server.registerMBean(bean(Map.of("EventsRecorded", 99L, "EventsDropped", 0L)),
                new ObjectName("dev.attune:type=Agent"));
        String printed = print(server);
        String row = printed.lines().filter(l -> l.startsWith("OrderService#place")).findFirst().orElseThrow();
        assertEquals(java.util.List.of("OrderService#place", "1234", "61.3", "-", "-", "-", "5678", "-", "-"),
                java.util.List.of(row.trim().split("\\s+")));
        assertTrue(printed.contains("agent: EventsRecorded=99 EventsDropped=0"), printed);
    }
}
