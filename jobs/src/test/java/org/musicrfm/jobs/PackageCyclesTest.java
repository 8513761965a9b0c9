package org.musicrfm.jobs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The jobs' packages depend one way: the command line ({@code jobs.cli}) on the jobs, the jobs on
 * {@code org.musicrfm.jobs} and the library, never back (picocli's subcommand class literals count).
 */
class PackageCyclesTest {

    @Test
    void jobPackagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().importPath(classes());
        slices().matching("org.musicrfm.(**)").should().beFreeOfCycles().check(classes);
    }

    /** This module's compiled main classes (target/classes), read directly rather than found on the classpath. */
    private static Path classes() {
        try {
            return Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
