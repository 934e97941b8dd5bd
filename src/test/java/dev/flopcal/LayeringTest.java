package dev.flopcal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages form one stack, bottom to top, and every dependency points down it: a lower layer never names a
 * higher one, whether by import or by fully qualified name (both compile to the same class reference), and no two
 * packages depend on each other. The check reads the compiled main classes; tests may use any layer.
 */
class LayeringTest {
    /** Bottom to top. Each package may use the ones before it, never the ones after. */
    static final List<String> LAYERS = List.of("core", "kernels", "hardware", "benchmarks", "measurement", "fitting",
            "runs", "profiles", "calibration", "fleet", "estimation", "reporting", "cli");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.flopcal");
    }

    @Test
    void everyClassLivesInALayer() {
        noClasses().should().resideOutsideOfPackages(LAYERS.stream().map(l -> "dev.flopcal." + l + "..")
                .toArray(String[]::new)).because("a class outside the stack escapes the layering check")
                .check(classes);
    }

    @Test
    void noLayerNamesAHigherOne() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] higher = LAYERS.subList(i + 1, LAYERS.size()).stream().map(l -> "dev.flopcal." + l + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.flopcal." + LAYERS.get(i) + "..").should()
                    .dependOnClassesThat().resideInAnyPackage(higher)
                    .because(LAYERS.get(i) + " sits below " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size())))
                    .check(classes);
        }
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.flopcal.(*)..").should().beFreeOfCycles().check(classes);
    }
}
