package dev.sovereign.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for one test: its own cluster in a temporary directory, listening on
 * 127.0.0.1 and a free port, with trust authentication for the user {@code postgres}. A test may
 * {@link #stop()} it and {@link #start()} it again on the same directory and port (the database
 * going away and coming back), or {@link #freeze()} and {@link #thaw()} it (the database hanging),
 * without disturbing any other server on the machine; {@link #close()} stops it and deletes the
 * directory.
 *
 * <p>The binaries are found under {@code /usr/lib/postgresql/<version>/bin} (the newest version)
 * or on the {@code PATH}. PostgreSQL refuses to run as root, so when the test runs as root every
 * command runs as the {@code postgres} user through {@code runuser}, and the directory is given to
 * that user.
 *
 * <p>Threading: not thread-safe; one test thread drives it. A JVM shutdown hook stops a server
 * that was not closed, so an aborted test run leaves no server behind (unless it is killed).
 */
public final class PostgresServer implements AutoCloseable {
    private static final String SUPERUSER = "postgres";
    private static final int TIMEOUT_SECONDS = 60;
    private static final Pattern BIND_FAILURE =
            Pattern.compile("(?i)could not (bind|create listen socket)|address already in use");

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final Thread shutdownHook;
    private boolean running;
    private boolean frozen;

    private PostgresServer(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-server-shutdown");
    }

    /** Whether PostgreSQL's server binaries ({@code initdb}, {@code pg_ctl}) are installed. */
    public static boolean installed() {
        return binaries().isPresent();
    }

    /**
     * Creates a cluster in a new temporary directory and starts it on a free port; returns once it
     * accepts connections.
     *
     * @throws IllegalStateException when the binaries are missing or a command fails (with its
     *     output)
     */
    public static PostgresServer create() {
        Path bin = binaries()
                .orElseThrow(
                        () -> new IllegalStateException(
                                "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on the PATH"));
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory("sovereign-pg-");
            if (asRoot) giveToSuperuser(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for PostgreSQL", e);
        }
        PostgresServer server = null;
        try {
            server = initialise(bin, dir, asRoot);
            return server;
        } finally {
            if (server == null) deleteTree(dir);
        }
    }

    private static PostgresServer initialise(Path bin, Path dir, boolean asRoot) {
        Path data = dir.resolve("data");
        run(
                asRoot,
                dir,
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-U",
                        SUPERUSER,
                        "--auth=trust",
                        "--encoding=UTF8",
                        "--locale=C",
                        "--no-sync"),
                "initdb");
        run(asRoot, dir, List.of("mkdir", "-p", dir.resolve("socket").toString()), "mkdir");
        // A free port can be taken between the probe and the bind: try a few.
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            PostgresServer server = new PostgresServer(bin, dir, freePort(), asRoot);
            int logBefore = server.log().length();
            try {
                server.start();
                return server;
            } catch (IllegalStateException e) {
                if (!BIND_FAILURE.matcher(server.log().substring(logBefore)).find()) throw e;
                last = e;
            }
        }
        throw last;
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The cluster's directory (data files, socket, log). */
    public Path dir() {
        return dir;
    }

    public boolean running() {
        return running;
    }

    /** {@code postgresql://postgres@127.0.0.1:<port>/<database>}, as the gateway's configuration names a store. */
    public String url(String database) {
        return "postgresql://" + SUPERUSER + "@" + host() + ":" + port + "/" + database;
    }

    /** The JDBC URL of {@code database}, with the user. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** Creates an empty database. */
    public void createDatabase(String name) {
        run(
                List.of(
                        bin.resolve("createdb").toString(),
                        "-h",
                        host(),
                        "-p",
                        Integer.toString(port),
                        "-U",
                        SUPERUSER,
                        name),
                "createdb " + name);
    }

    /**
     * Starts the server (again) on its directory and port; returns once it accepts connections.
     *
     * @throws IllegalStateException when it does not start, with the end of its log
     */
    public void start() {
        if (running) return;
        if (port == 0) throw new IllegalStateException("no port chosen");
        try {
            run(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dataDir().toString(),
                            "-l",
                            logFile().toString(),
                            "-w",
                            "-t",
                            Integer.toString(TIMEOUT_SECONDS),
                            "-o",
                            "-p " + port + " -c listen_addresses=" + host() + " -k " + socketDir()
                                    + " -c shared_buffers=16MB -c max_connections=40",
                            "start"),
                    "pg_ctl start");
        } catch (IllegalStateException e) {
            // pg_ctl may have given up waiting on a server that still starts: make sure it is gone.
            stopImmediately();
            throw new IllegalStateException(e.getMessage() + "\nserver log:\n" + tail(log()), e);
        }
        running = true;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Stops the server with a fast shutdown (open transactions are rolled back, clients are
     * disconnected) and returns once it is down; {@link #start()} brings it back.
     */
    public void stop() {
        if (!running) return;
        thaw();
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        dataDir().toString(),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        Integer.toString(TIMEOUT_SECONDS),
                        "stop"),
                "pg_ctl stop");
        markStopped();
    }

    /**
     * Freezes the running server: SIGSTOP to the postmaster and every backend. Connections stay open but nothing
     * answers, as when the database host hangs or the network drops packets; {@link #thaw()} resumes it.
     */
    public void freeze() {
        if (!running || frozen) return;
        signal("STOP");
        frozen = true;
    }

    /** Resumes a frozen server (SIGCONT), where it stopped. */
    public void thaw() {
        if (!frozen) return;
        signal("CONT");
        frozen = false;
    }

    private void signal(String signal) {
        long postmaster;
        try {
            postmaster = Long.parseLong(Files.readAllLines(dataDir().resolve("postmaster.pid"))
                    .get(0)
                    .trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no postmaster.pid in " + dataDir() + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).stream()
                .flatMap(ProcessHandle::descendants)
                .forEach(p -> command.add(Long.toString(p.pid())));
        run(command, "kill -" + signal);
    }

    /** The server's log so far. */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server at once if it runs and deletes its directory. Idempotent. */
    @Override
    public void close() {
        stopQuietly();
        deleteTree(dir);
    }

    @Override
    public String toString() {
        return "PostgresServer[" + host() + ":" + port + ", " + dir + (running ? "" : ", stopped") + "]";
    }

    private void stopQuietly() {
        if (!running) return;
        try {
            thaw();
        } catch (RuntimeException e) {
            // stopping it is what matters
        }
        stopImmediately();
        markStopped();
    }

    private void stopImmediately() {
        try {
            run(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dataDir().toString(),
                            "-m",
                            "immediate",
                            "-w",
                            "-t",
                            "30",
                            "stop"),
                    "pg_ctl stop");
        } catch (RuntimeException e) {
            // Best effort: the server may already be gone.
        }
    }

    private void markStopped() {
        running = false;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
    }

    private Path dataDir() {
        return dir.resolve("data");
    }

    private Path socketDir() {
        return dir.resolve("socket");
    }

    private Path logFile() {
        return dir.resolve("server.log");
    }

    private String run(List<String> command, String what) {
        return run(asRoot, dir, command, what);
    }

    /** Runs a command in {@code dir}, as the superuser when the test runs as root, and fails with its output. */
    private static String run(boolean asRoot, Path dir, List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (asRoot) full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("PGDATA");
        pb.environment().remove("PGPORT");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // pg_ctl sends the server's output to its log file, so the pipe closes when the command ends.
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "): " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions.filter(
                                v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingDouble(
                                v -> Double.parseDouble(v.getFileName().toString())))
                        .map(v -> v.resolve("bin"));
                if (newest.isPresent()) return newest;
            } catch (IOException e) {
                // fall back to the PATH
            }
        }
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry);
            if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void giveToSuperuser(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(SUPERUSER));
        GroupPrincipal group = users.lookupPrincipalByGroupName(SUPERUSER);
        view.setGroup(group);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        int from = Math.max(0, lines.length - 20);
        return String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
