package io.presencegrid.tasks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.Test;

/**
 * Entry processors take the node from their entry ({@code entry.unwrap(Ignite.class)}), never from an
 * injected resource. Ignite sends a processor with an injected resource wrapped in a proxy that its
 * optimized marshaller writes, nested enums and all through Java serialization: a Java object stream
 * built on the sender and read on the primary for every call, where the bare processor is a binary
 * object of a few dozen bytes. On the refresh path that was about a sixth of the API node's allocation.
 */
class EntryProcessorResourcesTest {

    private static final JavaClasses TASKS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.presencegrid.tasks");

    private static final DescribedPredicate<JavaAnnotation<?>> IGNITE_RESOURCE = DescribedPredicate.describe(
            "an Ignite resource annotation", annotation -> annotation.getRawType().getPackageName().equals("org.apache.ignite.resources"));

    @Test
    void noEntryProcessorHasAResourceInjected() {
        noFields().that().areDeclaredInClassesThat().implement(EntryProcessor.class)
                .should().beAnnotatedWith(IGNITE_RESOURCE).check(TASKS);
        noMethods().that().areDeclaredInClassesThat().implement(EntryProcessor.class)
                .should().beAnnotatedWith(IGNITE_RESOURCE).check(TASKS);
    }
}
