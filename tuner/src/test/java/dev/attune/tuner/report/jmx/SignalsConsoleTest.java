package dev.attune.tuner.report.jmx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import dev.attune.tuner.act.SignalsSwitch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.attune.instrumentation.encode.MethodIds;
import dev.attune.instrumentation.encode.Signal;
import dev.attune.instrumentation.encode.SignalCodec;
import dev.attune.tuner.aggregate.ResourceSample;
import dev.attune.tuner.aggregate.RightSizingWindow;
import dev.attune.tuner.aggregate.SignalAggregator;
import dev.attune.tuner.aggregate.SignalSnapshot;
import dev.attune.tuner.decide.RightSizingRule;
import dev.attune.tuner.decide.StressBreakerRule;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.ArrayType;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeType;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.attune:type=Signals}, {@code HotMethods} and {@code RightSizing} on the platform MBeanServer: open
 * types, a description on every attribute, units in the names, "not measured" as NaN or -1, and the hot frames
 * through a real RMI connector as a client sees them.
 */
class SignalsConsoleTest {

    private static final long SECOND = 1_000_000_000L;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final MethodIds frames = new MethodIds(16);
    private final SignalAggregator signals = new SignalAggregator(frames, 0);
    private final UnsafeBuffer sample = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
    private JmxConsole console;

    @AfterEach
    void unregister() {
        if (console != null) {
            console.unregisterAll();
        }
    }

    /** A 2-second interval: CPU, two 10 ms GC pauses, heap, and 4 execution samples on two frames. */
    private SignalSnapshot interval() {
        signals.record(Signal.PROCESS_CPU_CORES, 1.5);
        signals.record(Signal.CORES_AVAILABLE, 4);
        signals.record(Signal.GC_PAUSE, 10e6);
        signals.record(Signal.GC_PAUSE, 10e6);
        signals.record(Signal.HEAP_AFTER_GC, 256 << 20);
        signals.record(Signal.HEAP_MAX, 1 << 30);
        signals.record(Signal.ALLOCATED, 64 << 20);
        int hot = frames.idFor("com.acme.PriceCalculator#price");
        int warm = frames.idFor("com.acme.OrderService#place");
        for (int frame : new int[] {hot, hot, hot, warm}) {
            sample.putLong(0, frame);
            signals.onMessage(SignalCodec.EXECUTION_SAMPLE, sample, 0, 8);
        }
        return signals.roll(2 * SECOND);
    }

    private ObjectName[] registerAll(StressBreakerRule breaker) throws Exception {
        RightSizingRule rule = new RightSizingRule(30);
        RightSizingView rightSizing = new RightSizingView(rule.recommend(new RightSizingWindow(3600 * SECOND)
                .figures(0)), rule.minSamples());
        console = JmxConsole.onPlatformServer();
        return new ObjectName[] {
            console.registerSignals(new SignalsView(signals::snapshot, breaker, () -> rightSizing.last().text())),
            console.registerHotMethods(new HotMethodsView(signals::snapshot)),
            console.registerRightSizing(rightSizing)};
    }

    @Test
    void everyAttributeIsOpenTypedDescribedReadableAndCarriesItsUnit() throws Exception {
        interval();
        ObjectName[] names = registerAll(StressBreakerRule.defaults());
        assertEquals(new ObjectName("dev.attune:type=Signals"), names[0]);
        assertEquals(new ObjectName("dev.attune:type=HotMethods"), names[1]);
        assertEquals(new ObjectName("dev.attune:type=RightSizing"), names[2]);
        for (ObjectName name : names) {
            JmxConsoleTest.assertOpenTypedAndDescribed(server, name);
            for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                server.getAttribute(name, a.getName()); // readable, whatever was measured
            }
        }
        for (MBeanAttributeInfo a : server.getMBeanInfo(names[0]).getAttributes()) {
            assertTrue(a.getName().matches(".*(Cores|Ratio|Millis|PerSec|Count|Bytes|Seconds|1Min)"
                    + "|BreakerOpen|BreakerReason|RightSizingRecommendation|Enabled"), "the unit is in the name: " + a.getName());
        }
        assertEquals(16, server.getMBeanInfo(names[2]).getAttributes().length);
    }

    @Test
    void signalsShowTheLastIntervalAndSayWhatWasNotMeasured() throws Exception {
        interval();
        ObjectName name = registerAll(StressBreakerRule.defaults())[0];
        assertEquals(2.0, server.getAttribute(name, "IntervalSeconds"));
        assertEquals(1.5, server.getAttribute(name, "ProcessCpuCores"));
        assertEquals(4.0, server.getAttribute(name, "AvailableCores"));
        assertEquals(0.375, server.getAttribute(name, "ProcessCpuOfAvailableRatio"));
        assertEquals(2L, server.getAttribute(name, "GcPauseCount"));
        assertEquals(10.0, (double) server.getAttribute(name, "GcPauseMillisPerSec"), 1e-9);
        assertEquals(10.0, (double) server.getAttribute(name, "GcPauseMaxMillis"), 1e-9);
        assertEquals(256L << 20, server.getAttribute(name, "HeapAfterGcBytes"));
        assertEquals(0.25, server.getAttribute(name, "HeapAfterGcOfMaxRatio"));
        assertEquals((double) (32 << 20), server.getAttribute(name, "AllocationBytesPerSec"));
        assertEquals(4L, server.getAttribute(name, "ExecutionSampleCount"));
        // Never reported: NaN for decimals, -1 for whole numbers.
        assertTrue(Double.isNaN((double) server.getAttribute(name, "ContextSwitchesInvoluntaryPerSec")));
        assertTrue(Double.isNaN((double) server.getAttribute(name, "SafepointMillisPerSec")));
        assertEquals(-1L, server.getAttribute(name, "SafepointCount"));
        assertEquals(-1L, server.getAttribute(name, "OpenFileDescriptorCount"));
        assertEquals(-1L, server.getAttribute(name, "MemoryLimitBytes"));
        // Reported before but not this interval: a counter is 0, a gauge holds, a rate-like gauge is NaN.
        signals.roll(4 * SECOND);
        assertEquals(0L, server.getAttribute(name, "GcPauseCount"));
        assertEquals(256L << 20, server.getAttribute(name, "HeapAfterGcBytes"));
        assertTrue(Double.isNaN((double) server.getAttribute(name, "ProcessCpuCores")));

        assertEquals(false, server.getAttribute(name, "BreakerOpen"));
        assertEquals("closed", server.getAttribute(name, "BreakerReason"));
        assertEquals("not enough data yet: 0 of 30 samples", server.getAttribute(name, "RightSizingRecommendation"));
    }

    @Test
    void theBreakerStateIsShownAsSoonAsItOpens() throws Exception {
        StressBreakerRule breaker = StressBreakerRule.defaults();
        ObjectName name = registerAll(breaker)[0];
        for (int i = 0; i < 3; i++) {
            breaker.evaluate(new ResourceSample(4, 4, 100, 1000));
        }
        assertEquals(true, server.getAttribute(name, "BreakerOpen"));
        assertTrue(((String) server.getAttribute(name, "BreakerReason")).startsWith("process CPU at or above 95%"));
        assertEquals(1L, server.getAttribute(name, "BreakerOpenCount"));
    }

    @Test
    void hotMethodsAreCompositeRowsThatAClientReadsThroughARealConnector() throws Exception {
        interval();
        ObjectName name = registerAll(StressBreakerRule.defaults())[1];
        MBeanAttributeInfo top = List.of(server.getMBeanInfo(name).getAttributes()).stream()
                .filter(a -> a.getName().equals("TopFrames")).findFirst().orElseThrow();
        ArrayType<?> type = (ArrayType<?>) top.getDescriptor().getFieldValue("openType");
        assertTrue(type.getElementOpenType() instanceof CompositeType, "rows are CompositeData");

        JMXConnectorServer connector = JMXConnectorServerFactory.newJMXConnectorServer(
                new JMXServiceURL("service:jmx:rmi://127.0.0.1"), null, server);
        connector.start();
        try (JMXConnector client = JMXConnectorFactory.connect(connector.getAddress())) {
            MBeanServerConnection remote = client.getMBeanServerConnection();
            CompositeData[] rows = (CompositeData[]) remote.getAttribute(name, "TopFrames");
            assertEquals(2, rows.length);
            assertEquals("com.acme.PriceCalculator#price", rows[0].get("frame"));
            assertEquals(3L, rows[0].get("samples"));
            assertEquals(75.0, rows[0].get("sharePercent"));

            HotMethodsMXBean proxy = JMX.newMXBeanProxy(remote, name, HotMethodsMXBean.class);
            HotFrameRow second = proxy.getTopFrames()[1];
            assertEquals("com.acme.OrderService#place", second.getFrame());
            assertEquals(1, second.getSamples());
            assertEquals(25.0, second.getSharePercent());
            assertEquals(" 75.0% com.acme.PriceCalculator#price (3 samples)", proxy.getTopFrameLines()[0]);
            assertEquals(4, proxy.getExecutionSampleCount());
            List<Attribute> all = remote.getAttributes(name, new String[] {"TopFrames", "TopFrameLines",
                    "ExecutionSampleCount", "IntervalSeconds"}).asList();
            assertEquals(4, all.size());
        } finally {
            connector.stop();
        }
        signals.roll(4 * SECOND);
        assertEquals(0, ((CompositeData[]) server.getAttribute(name, "TopFrames")).length, "a quiet interval");
    }

    @Test
    void theSignalsAreSwitchedOffAndOnOverJmxUnlessReadOnly() throws Exception {
        SignalsSwitch onOff = new SignalsSwitch(false);
        console = JmxConsole.onPlatformServer();
        ObjectName name = console.registerSignals(
                new SignalsView(signals::snapshot, StressBreakerRule.defaults(), () -> "", onOff));
        assertEquals(true, server.getAttribute(name, "Enabled"));
        assertTrue(server.getMBeanInfo(name).getAttributes()[0].isReadable());
        server.setAttribute(name, new Attribute("Enabled", false));
        assertFalse(onOff.isOn());
        assertEquals(false, server.getAttribute(name, "Enabled"));
        server.setAttribute(name, new Attribute("Enabled", true));
        assertTrue(onOff.isOn());

        SignalsView readOnly = new SignalsView(signals::snapshot, StressBreakerRule.defaults(), () -> "",
                new SignalsSwitch(true));
        assertThrows(SecurityException.class, () -> readOnly.setEnabled(false));
        assertTrue(readOnly.isEnabled(), "a refused switch changes nothing");
    }

    @Test
    void anEmptySnapshotReadsAsNotMeasured() throws Exception {
        SignalsView view = new SignalsView(() -> null, StressBreakerRule.defaults(), () -> "");
        assertTrue(Double.isNaN(view.getProcessCpuCores()));
        assertEquals(-1, view.getHeapAfterGcBytes());
        assertEquals(0, new HotMethodsView(() -> null).getTopFrames().length);
        assertNotNull(view.getBreakerReason());
    }
}
