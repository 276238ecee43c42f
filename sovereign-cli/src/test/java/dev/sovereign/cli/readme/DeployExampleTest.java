package dev.sovereign.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sovereign.cli.SovereignCommand;
import dev.sovereign.config.ConfigException;
import dev.sovereign.config.ConfigLoader;
import dev.sovereign.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes example in {@code deploy/kubernetes/sovereign.yaml}, without a cluster: its ConfigMap's {@code
 * sovereign.yaml} is refused while its key hashes are placeholders and loads with the real configuration loader once
 * they are filled in (the passwords from the Deployment's environment), what the Deployment mounts, probes and exposes
 * agrees with that configuration, and every {@code ./sovereign} command its header shows parses. {@code
 * ContainerImageIT} runs the example's container.
 */
class DeployExampleTest {
    private static final Path EXAMPLE = Path.of("..", "deploy", "kubernetes", "sovereign.yaml");

    @TempDir
    Path tmp;

    @Test
    void configMapLoadsOnceItsKeysAreFilledInAndTheDeploymentAgreesWithIt() throws Exception {
        List<JsonNode> objects = objects();
        JsonNode configMap = kind(objects, "ConfigMap");
        JsonNode deployment = kind(objects, "Deployment");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        String yaml = configMap.path("data").path("sovereign.yaml").asText();

        Map<String, String> env = new java.util.HashMap<>();
        for (JsonNode e : container.path("env")) env.put(e.path("name").asText(), "from-a-secret");
        Path dir = Files.createDirectories(tmp.resolve("placeholders"));
        Files.writeString(dir.resolve("sovereign.yaml"), yaml);
        assertThatThrownBy(() -> new ConfigLoader(env).load(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sha256");

        Path filled = Files.createDirectories(tmp.resolve("filled"));
        Files.writeString(
                filled.resolve("sovereign.yaml"),
                yaml.replace("CHANGE-ME-app", "a".repeat(64)).replace("CHANGE-ME-dpo", "b".repeat(64)));
        GatewayConfig config = new ConfigLoader(env).load(filled);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.keys()).hasSize(2);
        assertThat(config.keys()).anySatisfy(k -> assertThat(k.admin()).isTrue());
        assertThat(config.usageLimits().redis()).isPresent();
        assertThat(config.audit().store()).startsWith("postgresql://");

        // the Deployment: the configured port exposed and probed, the paths it reads and writes mounted
        JsonNode port = container.path("ports").get(0);
        assertThat(port.path("containerPort").asInt()).isEqualTo(config.port());
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asText())
                    .as(probe)
                    .isEqualTo(port.path("name").asText());
        }
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/readyz");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/healthz");
        List<String> mounted = new ArrayList<>();
        for (JsonNode m : container.path("volumeMounts"))
            mounted.add(m.path("mountPath").asText());
        assertThat(mounted).contains("/etc/sovereign", "/tmp");
        for (Path written : List.of(config.audit().checkpoints(), config.dataDir())) {
            assertThat(mounted).as("a mount holds %s", written).anyMatch(m -> written.startsWith(m));
        }
        for (Path read : List.of(config.audit().signingKey(), config.audit().verifyKey())) {
            assertThat(mounted).as("a mount holds %s", read).anyMatch(m -> read.startsWith(m));
        }
        assertThat(container
                        .path("securityContext")
                        .path("readOnlyRootFilesystem")
                        .asBoolean())
                .isTrue();
        assertThat(pod.path("terminationGracePeriodSeconds").asLong())
                .as("the grace period outlasts the drain")
                .isGreaterThan(config.drainTimeout().toSeconds());
    }

    @Test
    void everySovereignCommandInItsHeaderParses() throws Exception {
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(EXAMPLE)) {
            int at = line.indexOf("./sovereign ");
            if (line.startsWith("#") && at >= 0) commands.add(line.substring(at));
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(2);
        for (String command : commands) {
            List<String> args = ReadmeExamplesTest.words(command);
            args.remove(0);
            SovereignCommand.commandLine().parseArgs(args.toArray(String[]::new));
        }
    }

    private static List<JsonNode> objects() throws Exception {
        List<JsonNode> objects = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (var docs = yaml.readValues(yaml.createParser(EXAMPLE.toFile()), JsonNode.class)) {
            while (docs.hasNextValue()) objects.add(docs.nextValue());
        }
        return objects;
    }

    private static JsonNode kind(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + EXAMPLE));
    }
}
