package dev.sovereign.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the npm SDK scripts in {@code src/test/node} ({@code node --test}), installed by the build from the pinned
 * {@code package-lock.json}, with only {@code PATH} and the given variables in the environment, so that no provider
 * key leaks from the build.
 */
final class NodeTests {
    static final Path NODE_DIR = moduleDir().resolve("src/test/node");
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(2);

    private NodeTests() {}

    /** Fails with how to install it when an npm package is missing. */
    static void requirePackage(String name) {
        assertThat(NODE_DIR.resolve("node_modules").resolve(name))
                .as(
                        "npm packages are missing; the build installs them in generate-test-resources"
                                + " (or run `node install.mjs` in %s)",
                        NODE_DIR)
                .isDirectory();
    }

    /** Runs {@code node --test target} with {@code env} and fails with node's output unless it passes. */
    static void assertPass(String target, Map<String, String> variables) {
        String output;
        int exit;
        try {
            Path log = Files.createTempFile("node-sdk-test", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", target)
                        .directory(NODE_DIR.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                Map<String, String> env = pb.environment();
                String path = env.get("PATH");
                env.clear();
                if (path != null) env.put("PATH", path);
                env.putAll(variables);
                env.put("NO_COLOR", "1");
                Process node = pb.start();
                if (!node.waitFor(NODE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    node.descendants().forEach(ProcessHandle::destroyForcibly);
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    fail("node --test %s did not finish within %s; output:%n%s", target, NODE_TIMEOUT, read(log));
                }
                exit = node.exitValue();
                output = read(log);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run node (is Node.js 20+ on PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running node --test " + target, e);
        }
        System.out.println("node --test " + target + " (exit " + exit + "):\n" + output);
        assertThat(exit)
                .as("node --test %s exited with %d; output:%n%s", target, exit, output)
                .isZero();
        assertThat(output).as("node ran no test:%n%s", output).containsPattern("(?m)^ℹ pass [1-9]");
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Surefire runs in the module directory and says so in {@code basedir}. */
    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }
}
