package dev.sovereign.cli;

import dev.sovereign.testing.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway ({@code sovereign.jar serve}) as a child process, in front of a {@link FakeUpstream}: the
 * {@code anthropic} provider serves {@code claude-*} and {@code openai} every other model, both at the fake. It
 * runs in its own working directory (so the default {@code ./data} is there) with {@code --config DIR}; its
 * standard output and error go to numbered files in the working directory, one pair per start.
 *
 * <p>Stopping: {@link #kill()} is SIGKILL (no shutdown hook runs), {@link #terminate()} is SIGTERM (the gateway
 * drains and closes its audit trail); {@link #close()} kills a process still alive.
 */
final class GatewayProcess implements AutoCloseable {
    static final String REQUEST_ID = "x-sovereign-request-id";
    static final String ERROR = "x-sovereign-error";
    /** The exit value Java reports for a process ended by SIGKILL (128 + 9). */
    static final int KILLED = 137;
    /** The exit value of a JVM that ran its shutdown hooks after SIGTERM (128 + 15). */
    static final int TERMINATED = 143;

    private static final AtomicInteger STARTS = new AtomicInteger();
    private static final Pattern WRITER = Pattern.compile("\\(writer ([A-Za-z0-9._-]+), key ");

    private final Process process;
    private final int port;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** Kills the process if the test JVM goes down before {@link #close()}: no gateway outlives its test run. */
    private final Thread reaper;

    private GatewayProcess(Process process, int port, Path stdout, Path stderr) {
        this.process = process;
        this.port = port;
        this.stdout = stdout;
        this.stderr = stderr;
        this.reaper = new Thread(process::destroyForcibly, "gateway-reaper-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts the gateway; it is not ready yet ({@link #awaitReady}). */
    static GatewayProcess start(Path workDir, Path configDir, FakeUpstream upstream) {
        Path jar = Path.of(System.getProperty("sovereign.jar", "target/sovereign.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist; run the package phase first");
        }
        int port = freePort();
        int n = STARTS.incrementAndGet();
        try {
            Files.createDirectories(workDir);
            Path out = workDir.resolve("gateway-" + n + ".out");
            Path err = workDir.resolve("gateway-" + n + ".err");
            ProcessBuilder pb = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "--enable-native-access=ALL-UNNAMED",
                            "-jar",
                            jar.toAbsolutePath().toString(),
                            "serve",
                            "--config",
                            configDir.toAbsolutePath().toString(),
                            "--port",
                            Integer.toString(port)))
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().put("ANTHROPIC_API_KEY", "sk-ant-process-test");
            pb.environment().put("ANTHROPIC_BASE_URL", upstream.baseUrl());
            pb.environment().put("OPENAI_API_KEY", "sk-openai-process-test");
            pb.environment().put("OPENAI_BASE_URL", upstream.baseUrl() + "/v1");
            pb.environment().put("SOVEREIGN_LOCAL_BASE_URL", "http://127.0.0.1:1/v1");
            return new GatewayProcess(pb.start(), port, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until {@code /readyz} answers 200; fails early when the process exits. */
    GatewayProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("gateway exited with " + process.exitValue() + ": " + stderr());
            }
            if (get("/readyz").status() == 200) return this;
            pause(100);
        }
        throw new AssertionError("gateway not ready within " + timeout + ": " + stderr());
    }

    /** {@code GET path}: the status and body, or status 0 and the exception when there is no answer. */
    Answer get(String path) {
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A status and body. */
    record Answer(int status, String body) {}

    /** The id of this process's audit chain, from its start-up log line. */
    String writerId() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = WRITER.matcher(stdout());
            if (m.find()) return m.group(1);
            pause(50);
        }
        throw new AssertionError("no audit trail line in the gateway's output: " + stdout());
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()} on Linux); returns the exit value once the process is gone, {@link
     * #KILLED} when the signal ended it.
     */
    int kill() {
        process.destroyForcibly();
        return exitValue(Duration.ofSeconds(30));
    }

    /** SIGTERM: the gateway drains and closes its audit trail; returns the exit value once it is gone. */
    int terminate() {
        process.destroy();
        return exitValue(Duration.ofSeconds(60));
    }

    /** SIGHUP: the gateway reloads its policy file. */
    void hangup() {
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -HUP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    @Override
    public void close() {
        client.close();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is going down: the hook kills the process
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "gateway pid " + process.pid() + " on " + baseUrl();
    }

    private int exitValue(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("gateway pid " + process.pid() + " still runs after " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
