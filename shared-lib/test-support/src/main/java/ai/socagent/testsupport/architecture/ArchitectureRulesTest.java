package ai.socagent.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@link ArchitectureRules} against the production classes of the module under test.
 *
 * <p>This class ships in the test-support jar and surefire's {@code dependenciesToScan} (root
 * pom) runs it in every module that has test-support on its test classpath, so the rules are
 * written once and no module can forget them. Surefire runs each module from its own base
 * directory, hence the relative {@code target/classes}.
 */
public class ArchitectureRulesTest {

    static final Path PRODUCTION_CLASSES = Path.of("target", "classes");

    @TestFactory
    Stream<DynamicTest> productionClasses_followEveryArchitectureRule() {
        JavaClasses classes = importProductionClasses(PRODUCTION_CLASSES);
        return ArchitectureRules.all().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> rule.check(classes)));
    }

    static JavaClasses importProductionClasses(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("No compiled classes at " + directory.toAbsolutePath()
                    + ": the architecture rules must run after the module compiles (surefire, test phase)");
        }
        return new ClassFileImporter().importPath(directory);
    }
}
