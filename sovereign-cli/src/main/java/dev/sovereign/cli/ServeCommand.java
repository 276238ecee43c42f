package dev.sovereign.cli;

import dev.sovereign.config.ConfigException;
import dev.sovereign.config.GatewayConfig;
import dev.sovereign.gateway.Gateway;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sovereign serve}: runs the gateway until it is stopped (SIGTERM or Ctrl-C drain it first). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the gateway.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions config;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Listen on this port instead of the configured one (0: any free port).")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Listen on this address instead of the configured one.")
    String host;

    @Option(
            names = "--event-loops",
            paramLabel = "N",
            defaultValue = "0",
            description = "Event loops to run (0: one per core).")
    int eventLoops;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        GatewayConfig loaded;
        try {
            loaded = config.load();
            if (port != null || host != null) {
                loaded = loaded.withListener(host == null ? loaded.host() : host, port == null ? loaded.port() : port);
            }
        } catch (ConfigException e) {
            err.println("sovereign: invalid configuration: " + e.getMessage());
            err.flush();
            return 2;
        }
        err.println(loaded.describe());
        // SIGHUP is handled from before the gateway answers: the JVM's own handler would stop the process.
        Hangups hangups = new Hangups(err);
        Gateway gateway;
        try {
            gateway = Gateway.start(loaded, eventLoops);
        } catch (ConfigException e) {
            err.println("sovereign: " + e.getMessage());
            err.flush();
            return 2;
        } catch (IllegalStateException e) {
            err.println("sovereign: could not start: " + e.getMessage());
            err.flush();
            return 1;
        }
        // The drain hook goes first: a SIGTERM that arrives while providers are probed still drains.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            err.println("sovereign: draining in-flight requests, then stopping");
                            err.flush();
                            gateway.close();
                            stopped.countDown();
                        },
                        "sovereign-shutdown"));
        hangups.started(gateway);
        err.println("Sovereign AI Gateway listening on " + gateway.baseUrl() + "  (Anthropic SDKs: base URL "
                + gateway.baseUrl() + "; OpenAI SDKs: " + gateway.baseUrl() + "/v1)");
        err.println("Dashboard: " + gateway.adminBaseUrl() + "/ui/"
                + (loaded.keys().isEmpty() ? " (this machine only: no client keys)" : " (sign in with an admin key)")
                + (loaded.adminListener().isPresent() ? "; admin API on the same listener" : ""));
        try {
            for (String line : gateway.probeProviders()) err.println("  " + line);
        } catch (RuntimeException e) {
            // Stopped while probing: the drain hook is already at work.
        }
        err.flush();
        stopped.await();
        return 0;
    }

    /**
     * SIGHUP reloads the policy file, as daemons reload their configuration. The handler is installed before the
     * gateway starts, because it answers readiness probes before {@code serve} has printed its banner; a SIGHUP that
     * comes while it starts reloads once it has started.
     */
    private static final class Hangups {
        private final PrintWriter err;
        private final AtomicReference<Gateway> gateway = new AtomicReference<>();
        private final AtomicBoolean pending = new AtomicBoolean();

        Hangups(PrintWriter err) {
            this.err = err;
            try {
                sun.misc.Signal.handle(
                        new sun.misc.Signal("HUP"),
                        signal -> Thread.ofPlatform().name("sovereign-reload").start(this::hangup));
            } catch (IllegalArgumentException e) {
                // No SIGHUP on this platform: file changes and the admin API still reload.
            }
        }

        void started(Gateway started) {
            gateway.set(started);
            if (pending.getAndSet(false)) reload(started);
        }

        private void hangup() {
            Gateway g = gateway.get();
            if (g == null) {
                pending.set(true);
                g = gateway.get(); // started meanwhile: whichever of the two sees the flag reloads, once
                if (g == null || !pending.getAndSet(false)) return;
            }
            reload(g);
        }

        private void reload(Gateway g) {
            var result = g.reloadPolicy();
            err.println("sovereign: SIGHUP: policy " + (result.accepted() ? "" : "NOT reloaded: ") + result.message());
            err.flush();
        }
    }
}
