package dev.sovereign.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages follow the request's stages, and no stage reaches into a later one: a later stage plugs into
 * an earlier one only through interfaces the earlier one declares ({@code provider.AnswerReading}, implemented in
 * {@code egress}; {@code provider.AttemptMetrics}, kept by {@code ops}). The modules below the gateway (core, store)
 * know nothing of it nor of Vert.x.
 */
class ArchitectureTest {
    private static final String GATEWAY = "dev.sovereign.gateway";

    /** The stages in the order a request meets them; each may use the ones before it, none the ones after. */
    static final List<List<String>> STAGES = List.of(
            List.of(GATEWAY + ".wire..", GATEWAY + ".sse.."), // ground types: JSON, errors, the exchange, SSE frames
            List.of(GATEWAY + ".ingress.."), // reading, framing, authenticating a request
            List.of(GATEWAY + ".policy.."), // the policy in force (classification and decision are in core)
            List.of(GATEWAY + ".audit.."), // the decision made durable, the completion recorded
            List.of(GATEWAY + ".limits.."), // usage limits of keys, teams and workloads
            List.of(GATEWAY + ".translate.."), // a request in another provider's format
            List.of(GATEWAY + ".provider.."), // route attempts, forwarding, adapters, resilience
            List.of(GATEWAY + ".egress.."), // reading answers and errors back into the client's format
            List.of(GATEWAY + ".ops.."), // metrics and the access log
            List.of(GATEWAY + ".admin..", GATEWAY + ".dashboard.."), // the admin API and the dashboard
            List.of(GATEWAY)); // the wiring: the server, the pipeline, the runtime

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar")) // core's test classes
                .importPackages("dev.sovereign");
    }

    @Test
    void theClassesOfEveryStageAndModuleAreRead() {
        for (List<String> stage : STAGES) {
            for (String pkg : stage) {
                String name = pkg.replace("..", "");
                assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(name)))
                        .as(pkg)
                        .isTrue();
            }
        }
        assertThat(classes.containPackage("dev.sovereign.classify")).isTrue();
        assertThat(classes.containPackage("dev.sovereign.store")).isTrue();
    }

    @Test
    void noStageDependsOnALaterOne() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < STAGES.size() - 1; i++) {
            String[] stage = STAGES.get(i).toArray(String[]::new);
            String[] later = STAGES.subList(i + 1, STAGES.size()).stream()
                    .flatMap(List::stream)
                    .toArray(String[]::new);
            ArchRule rule = noClasses()
                    .that()
                    .resideInAnyPackage(stage)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(later)
                    .because("a stage may use the stages before it, and later ones only through interfaces it"
                            + " declares");
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) failures.add(Arrays.toString(stage) + ": " + result.getFailureReport());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theGatewaysPackagesHaveNoCycles() {
        slices().matching(GATEWAY + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** An {@code internal} package is used only by the package it belongs to (and that package's subpackages). */
    @Test
    void internalPackagesAreUsedOnlyByTheirOwnPackage() {
        Set<String> internals = new TreeSet<>();
        classes.forEach(c -> {
            String name = c.getPackageName();
            int at = name.indexOf(".internal");
            if (name.startsWith("dev.sovereign.") && at > 0) internals.add(name.substring(0, at));
        });
        assertThat(internals).contains("dev.sovereign.classify", "dev.sovereign.policy", "dev.sovereign.residency");
        List<String> failures = new ArrayList<>();
        for (String owner : internals) {
            EvaluationResult result = noClasses()
                    .that()
                    .resideOutsideOfPackage(owner + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(owner + ".internal..")
                    .evaluate(classes);
            if (result.hasViolation()) failures.add(result.getFailureReport().toString());
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void coreAndStoreKnowNeitherTheGatewayNorVertx() {
        noClasses()
                .that()
                .resideOutsideOfPackages(GATEWAY + "..", "dev.sovereign.testing..", "dev.sovereign.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(GATEWAY + "..", "io.vertx..", "io.netty..")
                .check(classes);
        // the store's Redis client (Lettuce) runs on Netty: Netty is the store's own business, Vert.x is not
        noClasses()
                .that()
                .resideInAPackage("dev.sovereign.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(GATEWAY + "..", "io.vertx..")
                .check(classes);
    }
}
