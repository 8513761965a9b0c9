package org.musicrfm;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Dependencies between the library's packages point one way: no package reaches itself through
 * others (each package, subpackages apart, is its own slice; class literals in annotations count).
 */
class PackageCyclesTest {

    @Test
    void libraryPackagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().importPath(classes());
        slices().matching("org.musicrfm.(**)").should().beFreeOfCycles().check(classes);
    }

    /** This module's compiled main classes (target/classes), read directly rather than found on the classpath. */
    private static Path classes() {
        try {
            return Path.of(org.musicrfm.Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
