package dev.sovereign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sovereign.audit.AuditSigner;
import dev.sovereign.gateway.ingress.KeyAuthenticator;
import dev.sovereign.testing.FakeUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image the build writes ({@code target/sovereign-image.tar}), loaded into podman and run as the
 * Kubernetes example in {@code deploy/kubernetes/sovereign.yaml} runs it: its ConfigMap's {@code sovereign.yaml}
 * mounted read-only (only the addresses of PostgreSQL and Redis, the listening port and the client keys' hashes
 * replaced by this machine's), the audit key as its Secret would be, the Deployment's user, read-only root file
 * system, dropped capabilities and empty volumes, its environment with the Secrets' values. The container becomes
 * ready on the readiness probe's path, serves a request to the provider with the key's limit counted in a Redis that
 * asks for a password and the request's events in PostgreSQL, and drains on SIGTERM.
 */
class ContainerImageIT {
    private static final String ADMIN_DB = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_KEY = "sk-image-app";
    private static final String DPO_KEY = "sk-image-dpo";
    private static final String REDIS_PASSWORD = "image-test-redis-password";

    private final String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    private final String container = "sovereign-image-it-" + run;

    @TempDir
    Path tmp;

    private String database;
    private Process redis;
    private String image;

    @BeforeEach
    void services() throws Exception {
        database = "sovereign_image_" + run;
        adminSql("CREATE DATABASE " + database);
    }

    @AfterEach
    void cleanUp() throws Exception {
        podman(Duration.ofSeconds(60), "rm", "-f", container);
        if (image != null) podman(Duration.ofSeconds(60), "rmi", image);
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
        if (database != null) adminSql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void runsAsTheKubernetesExampleSaysAndServesARequest() throws Exception {
        assumeThat(Boolean.getBoolean("sovereign.image.skip"))
                .as("the build was told not to make the image (-Dimage.skip)")
                .isFalse();
        Path imageTar = Path.of(System.getProperty("sovereign.image", "target/sovereign-image.tar"));
        Path manifests = Path.of(System.getProperty("sovereign.deploy", "../deploy/kubernetes/sovereign.yaml"));
        assertThat(imageTar)
                .as("the build writes the image at pre-integration-test")
                .isRegularFile();

        // The example's objects.
        List<JsonNode> objects = new ArrayList<>();
        try (var docs =
                new YAMLMapper().readValues(new YAMLMapper().createParser(manifests.toFile()), JsonNode.class)) {
            while (docs.hasNextValue()) objects.add(docs.nextValue());
        }
        JsonNode configMap = only(objects, "ConfigMap");
        JsonNode deployment = only(objects, "Deployment");
        JsonNode service = only(objects, "Service");
        JsonNode spec = deployment.path("spec").path("template").path("spec");
        JsonNode gateway = spec.path("containers").get(0);
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(service.path("spec").path("selector"))
                .isEqualTo(deployment.path("spec").path("selector").path("matchLabels"));

        // The image: loaded under the name the Deployment uses, as a user without privileges.
        String loaded = podman(Duration.ofMinutes(3), "load", "-i", imageTar.toString());
        image = gateway.path("image").asText();
        assertThat(loaded).contains("sovereign-gateway:");
        assertThat(loaded).as("the image name the example deploys").contains(image);
        String user = podman(Duration.ofSeconds(30), "image", "inspect", "--format", "{{.Config.User}}", image)
                .strip();
        JsonNode pod = spec.path("securityContext");
        assertThat(user)
                .isEqualTo(pod.path("runAsUser").asInt() + ":"
                        + pod.path("runAsGroup").asInt());
        assertThat(user).doesNotStartWith("0");

        // The ConfigMap's configuration, with this machine's services, a free port and the keys' hashes.
        int port = freePort();
        int redisPort = freePort();
        int containerPort = gateway.path("ports").get(0).path("containerPort").asInt();
        String config = configMap.path("data").path("sovereign.yaml").asText();
        config = replace(config, "port: " + containerPort + "}", "port: " + port + "}");
        config = replace(config, "CHANGE-ME-app", KeyAuthenticator.sha256(APP_KEY));
        config = replace(config, "CHANGE-ME-dpo", KeyAuthenticator.sha256(DPO_KEY));
        config = replace(config, "redis://redis:6379", "redis://127.0.0.1:" + redisPort);
        config = replace(
                config,
                "postgresql://sovereign@postgres:5432/sovereign",
                "postgresql://postgres@127.0.0.1:5432/" + database);
        Path configDir = Files.createDirectories(tmp.resolve("config"));
        Files.writeString(configDir.resolve("sovereign.yaml"), config);

        // The Secrets: the audit key pair as keygen makes it, readable by the pod's group only.
        Path auditKey = Files.createDirectories(tmp.resolve("audit-key"));
        AuditSigner.generate(auditKey.resolve("audit-signing.key"), auditKey.resolve("audit-signing.pub"));
        for (Path f : List.of(auditKey.resolve("audit-signing.key"), auditKey.resolve("audit-signing.pub"))) {
            Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
        Map<String, String> secrets = Map.of(
                "anthropic-api-key", "sk-ant-image-test",
                "audit-db-password", "unused-with-trust-authentication",
                "redis-password", REDIS_PASSWORD);
        redis = startRedis(redisPort);

        try (FakeUpstream upstream = FakeUpstream.start()) {
            List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", container, "--network", "host"));
            cmd.addAll(List.of("--user", user, "--ulimit", "nofile=" + limit("Max open files", 65536)));
            cmd.addAll(List.of("--ulimit", "nproc=" + limit("Max processes", 4096)));
            JsonNode security = gateway.path("securityContext");
            if (security.path("readOnlyRootFilesystem").asBoolean()) cmd.add("--read-only");
            for (JsonNode cap : security.path("capabilities").path("drop"))
                cmd.addAll(List.of("--cap-drop", cap.asText()));
            if (!security.path("allowPrivilegeEscalation").asBoolean(true))
                cmd.addAll(List.of("--security-opt", "no-new-privileges"));
            for (JsonNode mount : gateway.path("volumeMounts")) {
                JsonNode volume = volume(spec, mount.path("name").asText());
                String at = mount.path("mountPath").asText();
                String ro = mount.path("readOnly").asBoolean() ? ":ro" : "";
                if (volume.has("configMap")) cmd.addAll(List.of("-v", configDir + ":" + at + ro));
                else if (volume.has("secret")) cmd.addAll(List.of("-v", auditKey + ":" + at + ro));
                else if (volume.has("emptyDir"))
                    cmd.addAll(List.of("--mount", "type=tmpfs,destination=" + at + ",tmpfs-mode=1777"));
                else throw new AssertionError("a volume the test does not know: " + volume);
            }
            for (JsonNode env : gateway.path("env")) {
                String value = env.has("value")
                        ? env.path("value").asText()
                        : secrets.get(env.path("valueFrom")
                                .path("secretKeyRef")
                                .path("key")
                                .asText());
                assertThat(value).as("the value of %s", env).isNotNull();
                cmd.addAll(List.of("-e", env.path("name").asText() + "=" + value));
            }
            // the provider is played here: the same credential, the fake's address
            cmd.addAll(List.of("-e", "ANTHROPIC_BASE_URL=" + upstream.baseUrl()));
            cmd.add(image);
            podman(Duration.ofSeconds(60), cmd.toArray(String[]::new));

            String base = "http://127.0.0.1:" + port;
            String ready =
                    gateway.path("readinessProbe").path("httpGet").path("path").asText();
            String live =
                    gateway.path("livenessProbe").path("httpGet").path("path").asText();
            assertThat(List.of(ready, live)).containsExactlyInAnyOrder("/readyz", "/healthz");
            awaitStatus(base + ready, 200, Duration.ofSeconds(90));
            assertThat(GatewayCalls.get(base + live).statusCode()).isEqualTo(200);

            HttpResponse<String> answer = GatewayCalls.messages(
                    base,
                    APP_KEY,
                    "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello from a container\"}]}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(upstream.requests()).anySatisfy(r -> {
                assertThat(r.path()).isEqualTo("/v1/messages");
                assertThat(r.bodyAsString()).contains("Hello from a container");
            });

            // the key's per-minute limit, counted in the Redis that asked for the Secret's password
            JsonNode limits =
                    JSON.readTree(GatewayCalls.get(base + "/admin/limits", "authorization", "Bearer " + DPO_KEY)
                            .body());
            assertThat(limits.path("store").asText()).isEqualTo("redis");
            assertThat(used(limits, "app", "requests_per_minute")).isEqualTo(1);

            // the request's events, in the PostgreSQL trail, signed by a writer named after the container's host
            JsonNode events = JSON.readTree(GatewayCalls.get(
                                    base + "/admin/audit/events?key=app&limit=10", "authorization", "Bearer " + DPO_KEY)
                            .body())
                    .path("events");
            List<String> types = new ArrayList<>();
            for (JsonNode e : events)
                types.add(e.path("event").path("type").asText(e.path("type").asText()));
            assertThat(types).contains("decision", "completion");
            assertThat(countRows("audit_event")).isGreaterThanOrEqualTo(2);

            // SIGTERM: drains and exits within the grace period
            long grace = spec.path("terminationGracePeriodSeconds").asLong();
            podman(Duration.ofSeconds(grace + 30), "stop", "--time", Long.toString(grace), container);
            String exit = podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}", container)
                    .strip();
            assertThat(exit).isEqualTo(Integer.toString(GatewayProcess.TERMINATED));
            String logs = podman(Duration.ofSeconds(30), "logs", container);
            assertThat(logs).contains("draining in-flight requests");
            assertThat(logs).doesNotContain("Hello from a container").doesNotContain(APP_KEY);
        }
    }

    private static JsonNode only(List<JsonNode> objects, String kind) {
        List<JsonNode> of = objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .toList();
        assertThat(of).as("%s objects in the example", kind).hasSize(1);
        return of.get(0);
    }

    private static JsonNode volume(JsonNode podSpec, String name) {
        for (JsonNode v : podSpec.path("volumes")) if (v.path("name").asText().equals(name)) return v;
        throw new AssertionError("no volume " + name + " in the Deployment");
    }

    /** Replaces text the example must contain; a change to the example that drops it fails here, not silently. */
    private static String replace(String text, String what, String with) {
        assertThat(text).as("the example's sovereign.yaml").contains(what);
        return text.replace(what, with);
    }

    private static long used(JsonNode limits, String key, String which) {
        for (JsonNode holder : limits.path("limits")) {
            if (!holder.path("scope").asText().equals("key")
                    || !holder.path("id").asText().equals(key)) continue;
            for (JsonNode l : holder.path("limits"))
                if (l.path("limit").asText().equals(which))
                    return l.path("used").asLong();
        }
        throw new AssertionError("no " + which + " of key " + key + " in " + limits);
    }

    /** The soft and hard value for podman's --ulimit: this process's own hard limit, at most {@code cap}. */
    private static String limit(String name, long cap) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (!line.startsWith(name)) continue;
            String[] f = line.substring(name.length()).trim().split("\\s+");
            long hard = f[1].equals("unlimited") ? cap : Math.min(cap, Long.parseLong(f[1]));
            return hard + ":" + hard;
        }
        return cap + ":" + cap;
    }

    private Process startRedis(int port) throws Exception {
        Process p = new ProcessBuilder(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--requirepass",
                        REDIS_PASSWORD,
                        "--save",
                        "",
                        "--appendonly",
                        "no")
                .redirectOutput(tmp.resolve("redis.log").toFile())
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new Socket("127.0.0.1", port).close();
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not start: " + Files.readString(tmp.resolve("redis.log")));
    }

    /** Runs podman (runc as its runtime when installed: crun refuses hosts with cgroups v1 and v2 mixed). */
    private String podman(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("podman"));
        if (Files.isExecutable(Path.of("/usr/bin/runc")) || Files.isExecutable(Path.of("/usr/sbin/runc")))
            cmd.addAll(List.of("--runtime", "runc"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("podman is needed to run the image (Debian: apt-get install podman runc)", e);
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("podman " + String.join(" ", args) + " took longer than " + timeout);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && !args[0].startsWith("rm")) {
            throw new AssertionError("podman " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    private void awaitStatus(String url, int status, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = GatewayCalls.get(url);
                if (r.statusCode() == status) return;
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            String running = podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Running}}", container);
            if (!running.strip().equals("true")) {
                last = "the container stopped";
                break;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " did not answer " + status + " (last: " + last + "); container logs:\n"
                + podman(Duration.ofSeconds(30), "logs", container));
    }

    private long countRows(String table) throws SQLException {
        try (Connection c =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void adminSql(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_DB);
                var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
