package dev.sovereign.config;

import static dev.sovereign.config.SettingValues.duration;
import static dev.sovereign.config.SettingValues.positive;

import dev.sovereign.config.internal.ConfigFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server part of {@code sovereign.yaml}: where the gateway listens (and its admin listener), its data directory,
 * the bounds on what clients send, and how it stops. Read and checked by {@link #read}; immutable.
 */
record ServerSettings(
        String host,
        int port,
        Optional<GatewayConfig.Listener> admin,
        Path dataDir,
        Limits limits,
        Duration drainTimeout,
        boolean accessLog) {
    private static final String FILE = ConfigLoader.SOVEREIGN_FILE;

    /** The settings of {@code main} over the defaults; {@code main} is null when there is no file. */
    static ServerSettings read(ConfigFiles.SovereignFile main) {
        String host = "127.0.0.1";
        int port = 8080;
        GatewayConfig.Listener admin = null;
        Path dataDir = Path.of("data");
        Limits limits = Limits.DEFAULTS;
        Duration drain = Duration.ofSeconds(30);
        boolean accessLog = true;
        if (main != null) {
            if (main.listen() != null) {
                if (main.listen().host() != null) {
                    host = main.listen().host().trim();
                    // An empty name would resolve to loopback on one machine and mean "every address" to a reader.
                    if (host.isEmpty())
                        throw ConfigException.at(
                                FILE, "listen.host", "must not be empty (127.0.0.1 for this machine, 0.0.0.0 for all)");
                }
                if (main.listen().port() != null)
                    port = port("listen.port", main.listen().port());
            }
            if (main.admin() != null) admin = adminListener(main.admin(), host, port);
            if (main.dataDir() != null) dataDir = Path.of(main.dataDir());
            if (main.limits() != null) limits = limits(main.limits());
            if (main.drainTimeout() != null) drain = duration(FILE, "drain_timeout", main.drainTimeout());
            if (main.accessLog() != null) accessLog = main.accessLog();
        }
        return new ServerSettings(host, port, Optional.ofNullable(admin), dataDir, limits, drain, accessLog);
    }

    private static int port(String setting, int port) {
        if (port < 0 || port > 65535) throw ConfigException.at(FILE, setting, port + " is not a TCP port");
        return port;
    }

    /**
     * The admin API and dashboard's own listener: {@code host} defaults to loopback, {@code port} is required and
     * must differ from the client listener's (unless both are 0, any free port).
     */
    private static GatewayConfig.Listener adminListener(ConfigFiles.Listen admin, String host, int port) {
        String adminHost = admin.host() == null ? "127.0.0.1" : admin.host().trim();
        if (adminHost.isEmpty()) throw ConfigException.at(FILE, "admin.host", "must not be empty");
        if (admin.port() == null) {
            throw ConfigException.at(
                    FILE, "admin.port", "required: the port of the admin API and dashboard (for example 9090)");
        }
        int adminPort = port("admin.port", admin.port());
        if (adminPort != 0 && adminPort == port) {
            throw ConfigException.at(
                    FILE,
                    "admin.port",
                    adminPort + " is also listen.port; the admin listener needs a port of its own (or leave admin"
                            + " out to serve /admin and /ui on " + host + ":" + port + ")");
        }
        return new GatewayConfig.Listener(adminHost, adminPort);
    }

    /** The {@code limits} block over {@link Limits#DEFAULTS}. */
    private static Limits limits(ConfigFiles.LimitsDto l) {
        Limits d = Limits.DEFAULTS;
        long body = l.maxBodyBytes() == null ? d.maxBodyBytes() : l.maxBodyBytes();
        int depth = l.maxJsonDepth() == null ? d.maxJsonDepth() : l.maxJsonDepth();
        if (body < 1024) throw ConfigException.at(FILE, "limits.max_body_bytes", "must be at least 1024");
        if (depth < 8 || depth > 10_000)
            throw ConfigException.at(FILE, "limits.max_json_depth", "must be between 8 and 10000");
        Duration header = positive(FILE, "limits.header_timeout", l.headerTimeout(), d.headerTimeout());
        Duration bodyIdle = positive(FILE, "limits.body_idle_timeout", l.bodyIdleTimeout(), d.bodyIdleTimeout());
        Duration keepAlive = positive(FILE, "limits.keep_alive_timeout", l.keepAliveTimeout(), d.keepAliveTimeout());
        int connections = l.maxConnections() == null ? d.maxConnections() : l.maxConnections();
        if (connections < 1) throw ConfigException.at(FILE, "limits.max_connections", "must be at least 1");
        long bodyMemory = l.bodyMemoryBytes() == null ? d.bodyMemoryBytes() : l.bodyMemoryBytes();
        if (bodyMemory != 0 && bodyMemory < Limits.BODY_COPIES * body)
            throw ConfigException.at(
                    FILE,
                    "limits.body_memory_bytes",
                    "must be at least twice max_body_bytes (" + Limits.BODY_COPIES * body
                            + "; a body's bytes are held twice while it is read), or 0 for a quarter of"
                            + " the heap");
        return new Limits(body, depth, header, bodyIdle, keepAlive, connections, bodyMemory);
    }
}
