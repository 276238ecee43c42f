package dev.sovereign.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit commands as the packaged jar runs them: standard output carries only the result (the store's
 * libraries log, but not there), standard error only what the command says.
 */
class AuditProcessIT {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {}

    private Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("sovereign.jar")));
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void standardOutputHoldsOnlyTheResult() throws Exception {
        try (Trail trail = Trail.create(Trail.Kind.SQLITE, dir)) {
            trail.write("gw-a", Trail.events(3));
            String config = trail.configDir.toString();

            Result query = run("audit", "query", "--json", "--config", config);
            assertThat(query.exit()).as(query.err()).isZero();
            assertThat(query.err()).isEmpty();
            JsonNode page = new ObjectMapper().readTree(query.out());
            assertThat(page.get("events")).hasSize(3);

            Result export = run("audit", "export", "--format", "jsonl", "--config", config);
            assertThat(export.exit()).as(export.err()).isZero();
            assertThat(export.out().lines())
                    .hasSize(3)
                    .allSatisfy(l -> assertThat(l).startsWith("{\"writer\":"));
            assertThat(export.err()).isEqualTo("exported 3 events\n");

            Result verify = run("audit", "verify", "--config", config);
            assertThat(verify.exit()).as(verify.err()).isZero();
            assertThat(verify.err()).isEmpty();
        }
    }

    @Test
    void anUnreachableStoreIsOneLineOnStandardError() throws Exception {
        try (Trail trail =
                Trail.create(Trail.Kind.SQLITE, dir, "  store: \"postgresql://postgres@127.0.0.1:1/nowhere\"\n")) {
            trail.signer();
            Result r = run("audit", "verify", "--config", trail.configDir.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err())
                    .isEqualTo("sovereign audit verify: cannot prepare the audit database"
                            + " postgresql://postgres@127.0.0.1:1/nowhere: Connection refused\n");
        }
    }
}
