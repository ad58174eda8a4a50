package io.presencegrid;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The schema module is what every other module builds on: it knows no behaviour of theirs, and its own
 * packages depend on one another one way only.
 */
class ArchitectureTest {

    private static final JavaClasses SCHEMA_MODULE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.presencegrid.schema", "io.presencegrid.security", "io.presencegrid.topology");

    @Test
    void theSchemaModuleKnowsNothingOfTheCodeThatRunsOnIt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.presencegrid.tasks..", "io.presencegrid.api..",
                        "io.presencegrid.node..")
                .check(SCHEMA_MODULE);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("io.presencegrid.(*)..").should().beFreeOfCycles().check(SCHEMA_MODULE);
    }
}
