package ai.socagent.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the production classes of the module under test against the architecture the module
 * declares: the one {@link ModuleArchitecture} among its test classes.
 *
 * <p>This class ships in the test-support jar and surefire's {@code dependenciesToScan} (root pom) runs
 * it in every module that has test-support on its test classpath, so the rules are written once and no
 * module can forget them: a module without a declaration fails here. Surefire runs each module from its
 * own base directory, hence the relative {@code target/...} paths. Besides the declaration's rules it
 * runs the {@link AutoConfigurationRules}, with the auto-configurations the module's compiled {@code
 * AutoConfiguration.imports} lists.
 */
public class ArchitectureRulesTest {

    static final Path PRODUCTION_CLASSES = Path.of("target", "classes");
    static final Path TEST_CLASSES = Path.of("target", "test-classes");

    @TestFactory
    Stream<DynamicTest> productionClasses_followTheModulesDeclaredArchitecture() {
        Architecture architecture = declaration(TEST_CLASSES).architecture();
        JavaClasses classes = importProductionClasses(PRODUCTION_CLASSES);
        List<CheckedRule> rules = new java.util.ArrayList<>(architecture.rules());
        rules.addAll(AutoConfigurationRules.rules(AutoConfigurationRules.listedIn(PRODUCTION_CLASSES)));
        return rules.stream()
                .map(rule ->
                        DynamicTest.dynamicTest(rule.name(), () -> rule.rule().check(classes)));
    }

    static JavaClasses importProductionClasses(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("No compiled classes at " + directory.toAbsolutePath()
                    + ": the architecture rules must run after the module compiles (surefire, test phase)");
        }
        return new ClassFileImporter().importPath(directory);
    }

    /** The module's declaration: the one class among its test classes that implements {@link ModuleArchitecture}. */
    static ModuleArchitecture declaration(Path testClasses) {
        List<String> declarations = Files.isDirectory(testClasses)
                ? new ClassFileImporter()
                        .importPath(testClasses).stream()
                                .filter(javaClass -> javaClass.isAssignableTo(ModuleArchitecture.class)
                                        && !javaClass.isInterface()
                                        && !javaClass.getModifiers().contains(JavaModifier.ABSTRACT))
                                .map(JavaClass::getName)
                                .sorted()
                                .toList()
                : List.of();
        if (declarations.size() != 1) {
            throw new AssertionError((declarations.isEmpty()
                            ? "This module declares no architecture"
                            : "This module declares more than one architecture " + declarations)
                    + ": its test sources (src/test/java) must hold exactly one class implementing "
                    + ModuleArchitecture.class.getName()
                    + " (a HexagonalArchitecture for a service, a LibraryArchitecture for a shared library;"
                    + " see docs/architecture.md), found in " + testClasses.toAbsolutePath());
        }
        try {
            return (ModuleArchitecture) Class.forName(declarations.getFirst())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
            throw new IllegalStateException(
                    declarations.getFirst() + " must be a class with a public no-argument constructor", cause);
        }
    }
}
