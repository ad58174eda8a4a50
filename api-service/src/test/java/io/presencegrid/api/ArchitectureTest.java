package io.presencegrid.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The API's shape, as rules that fail the build: Ignite stays behind the {@code grid} package, so the rest
 * is written and tested against the store interfaces; and no two packages need each other.
 */
class ArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.presencegrid.api");

    @Test
    void onlyTheGridPackageTouchesIgnite() {
        noClasses().that().resideOutsideOfPackage("io.presencegrid.api.grid..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.ignite..")
                .because("every other package works through the store interfaces the grid package implements")
                .check(API);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("io.presencegrid.api.(*)..").should().beFreeOfCycles().check(API);
    }
}
