package dev.sovereign.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK discovery shared by {@code ./sovereign} and {@code ./verify} ({@code tools/find-jdk.sh}), run by bash over
 * fake JDKs whose {@code java -version} prints a chosen version.
 */
class FindJdkScriptTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void picksTheNewestJdkOfAtLeast21AmongJavaHomeThePathAndTheParents() throws Exception {
        Path parents = Files.createDirectories(tmp.resolve("jvm"));
        fakeJdk(parents.resolve("jdk-17"), "17.0.15", true);
        fakeJdk(parents.resolve("jdk-21"), "21.0.5", true);
        fakeJdk(parents.resolve("jre-26"), "26", false); // no javac: a runtime cannot build
        Path home = fakeJdk(tmp.resolve("home-22"), "22.0.1", true);

        Result r = bash(
                ". tools/find-jdk.sh; find_jdk",
                Map.of("JAVA_HOME", home.toString(), "SOVEREIGN_JDK_PARENTS", parents.toString()));

        assertThat(r.out()).isEqualTo(home.toString());
    }

    @Test
    void readsOldStyleVersionNumbersAndFindsNothingBelow21() throws Exception {
        Path parents = Files.createDirectories(tmp.resolve("jvm"));
        fakeJdk(parents.resolve("jdk8"), "1.8.0_402", true);
        fakeJdk(parents.resolve("jdk17"), "17.0.15", true);

        Result r = bash(
                ". tools/find-jdk.sh; find_jdk",
                Map.of("JAVA_HOME", parents.resolve("jdk17").toString(), "SOVEREIGN_JDK_PARENTS", parents.toString()));

        assertThat(r.out()).isEmpty();
    }

    @Test
    void verifyStopsBeforeBuildingAndSaysHowToGetAJdkWhenThereIsNone() throws Exception {
        Path parents = Files.createDirectories(tmp.resolve("jvm"));
        Path jdk17 = fakeJdk(parents.resolve("jdk17"), "17.0.15", true);

        Result r = bash("./verify", Map.of("JAVA_HOME", jdk17.toString(), "SOVEREIGN_JDK_PARENTS", parents.toString()));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .contains("verify: no JDK 21 or newer found")
                .contains("apt-get install openjdk-21-jdk")
                .doesNotContain("[INFO]");
    }

    private Path fakeJdk(Path home, String version, boolean withCompiler) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        String script = "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2025-01-01' >&2\n";
        executable(home.resolve("bin/java"), script);
        if (withCompiler) {
            executable(home.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        }
        return home;
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exit, String out, String err) {}

    /** Runs a bash command in the repository root with the system's PATH (whose java, if any, is not the one chosen). */
    private Result bash(String command, Map<String, String> env) throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(List.of("/bin/bash", "-c", command))
                .directory(ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("HOME", tmp.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bash finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out).strip(), Files.readString(err));
    }
}
