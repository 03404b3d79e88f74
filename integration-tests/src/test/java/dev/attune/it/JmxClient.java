package dev.attune.it;

import com.sun.tools.attach.VirtualMachine;
import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real JMX connection from the test process to a child JVM, as JConsole makes one: attach, start the
 * child's local management agent, and connect over its RMI connector.
 */
final class JmxClient implements Closeable {

    private final JMXConnector connector;
    final MBeanServerConnection server;

    private JmxClient(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static JmxClient connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return new JmxClient(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    Object get(String objectName, String attribute) throws Exception {
        return server.getAttribute(new ObjectName(objectName), attribute);
    }

    Set<ObjectName> names(String pattern) throws Exception {
        return server.queryNames(new ObjectName(pattern), null);
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
