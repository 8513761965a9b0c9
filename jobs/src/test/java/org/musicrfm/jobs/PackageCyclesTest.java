package org.musicrfm.jobs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The jobs' packages depend one way: the command line ({@code jobs.cli}) on the jobs, the jobs on
 * {@code org.musicrfm.jobs} and the library, never back (picocli's subcommand class literals count).
 */
class PackageCyclesTest {

    @Test
    void jobPackagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.musicrfm.jobs");
        slices().matching("org.musicrfm.(**)").should().beFreeOfCycles().check(classes);
    }
}
