package org.musicrfm;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between the library's packages point one way: no package reaches itself through
 * others (each package, subpackages apart, is its own slice; class literals in annotations count).
 */
class PackageCyclesTest {

    @Test
    void libraryPackagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.musicrfm");
        slices().matching("org.musicrfm.(**)").should().beFreeOfCycles().check(classes);
    }
}
