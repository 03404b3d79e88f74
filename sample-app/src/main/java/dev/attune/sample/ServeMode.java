package dev.attune.sample;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: runs the service until the JVM is stopped; a shutdown hook closes it cleanly. */
final class ServeMode implements Mode {

    private final ServiceConfig config;

    ServeMode(CliOptions options) {
        this.config = ServiceConfig.from(options);
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws IOException, InterruptedException {
        OrdersServer server = OrdersServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "orders-shutdown"));
        out.println("listening on 127.0.0.1:" + server.port());
        out.flush();
        err.println("serve: " + config.describe() + "; stop with Ctrl-C / SIGTERM");
        // Nothing else to do on this thread: the server and pools do the work until the JVM exits.
        new CountDownLatch(1).await();
        return 0;
    }
}
