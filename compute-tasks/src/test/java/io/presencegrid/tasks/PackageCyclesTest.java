package io.presencegrid.tasks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of the code that runs in the grid depend on one another one way only: a cycle (presence
 * and retention each needing the other, as they did for a clock) means neither can be read or changed
 * alone.
 */
class PackageCyclesTest {

    private static final JavaClasses TASKS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.presencegrid.tasks");

    @Test
    void noPackageOfTheGridsCodeDependsOnItselfThroughAnother() {
        slices().matching("io.presencegrid.tasks.(*)..").should().beFreeOfCycles().check(TASKS);
    }

    @Test
    void everyClassLivesInAPackageOfItsJob() {
        noClasses().should().resideInAPackage("io.presencegrid.tasks")
                .because("the root package held seven stats classes nobody looked for there")
                .check(TASKS);
    }
}
