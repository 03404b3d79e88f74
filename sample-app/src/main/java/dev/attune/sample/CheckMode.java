package dev.attune.sample;

import dev.attune.sample.load.HttpRequestSender;
import dev.attune.sample.load.LoadReport;
import dev.attune.sample.load.OpenLoopLoad;
import dev.attune.sample.load.Phase;
import dev.attune.sample.load.PhaseResult;
import dev.attune.sample.load.Reply;
import dev.attune.sample.load.TrafficMix;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

/**
 * {@code check}: a short fixed-seed run whose stdout is deterministic (counts and a checksum of response bodies,
 * nothing timing-dependent), so integration tests can diff it with and without the agent attached.
 */
final class CheckMode implements Mode {

    static final int REQUESTS = 300;
    static final List<Phase> PHASES = List.of(new Phase(Duration.ofSeconds(3), REQUESTS / 3.0));
    static final long SEED = 20_240_601;

    @Override
    public int run(PrintStream out, PrintStream err) throws IOException {
        LongAdder checksum = new LongAdder();
        LoadReport report;
        try (OrdersServer server = OrdersServer.start(ServiceConfig.defaults())) {
            err.println("check: server on 127.0.0.1:" + server.port());
            Duration timeout = Duration.ofSeconds(10);
            OpenLoopLoad load = new OpenLoopLoad(new HttpRequestSender(server.port(), timeout),
                    new TrafficMix(20, DemoMode.KEYSPACE, 20_000, SEED), REQUESTS, timeout.plusSeconds(1));
            // Sum of per-reply CRCs: replies complete in any order, and a sum does not care.
            report = load.run(PHASES, (path, reply) -> checksum.add(crc(path, reply)));
        }
        report.printTable(err);
        PhaseResult total = report.total();
        long failed = REQUESTS - total.ok();
        out.printf("requests=%d ok=%d failed=%d checksum=%016x%n", REQUESTS, total.ok(), failed, checksum.sum());
        return failed == 0 ? 0 : 1;
    }

    private static long crc(String path, Reply reply) {
        CRC32 crc = new CRC32();
        crc.update((path + "\n" + reply.status() + "\n" + reply.body()).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
