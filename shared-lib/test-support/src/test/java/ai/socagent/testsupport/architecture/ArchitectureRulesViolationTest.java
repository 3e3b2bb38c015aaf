package ai.socagent.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Proves that each rule catches what it is meant to catch, using fixture classes that break it
 * on purpose (src/test/java/ai/socagent/fixturelib and ai/socagent/services/fixture*).
 */
class ArchitectureRulesViolationTest {

    private static final JavaClasses FIXTURES = new ClassFileImporter()
            .importPackages(
                    "ai.socagent.fixturelib", "ai.socagent.services.fixturealpha", "ai.socagent.services.fixturebeta");

    @Test
    void domainRule_domainTypeUsingAwsSdk_isReported() {
        assertViolation(
                ArchitectureRules.DOMAIN_AND_APPLICATION_ARE_FRAMEWORK_FREE,
                "LeakyDomainObject",
                "software.amazon.awssdk.regions.Region");
    }

    @Test
    void applicationRule_useCaseUsingConcreteAdapter_isReported() {
        assertViolation(
                ArchitectureRules.APPLICATION_DOES_NOT_DEPEND_ON_ADAPTERS,
                "UseCaseCallingAnAdapter",
                "DynamoDbAdapter");
    }

    @Test
    void adapterRule_adapterImportingAnotherAdapter_isReported() {
        assertViolation(
                ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                "ControllerCallingAnotherAdapter",
                "DynamoDbAdapter");
    }

    @Test
    void serviceRule_serviceImportingAnotherService_isReported() {
        assertViolation(
                ArchitectureRules.SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER,
                "ControllerCallingAnotherAdapter",
                "BetaService");
    }

    @Test
    void sharedLibraryRule_libraryImportingAService_isReported() {
        assertViolation(
                ArchitectureRules.SHARED_LIBRARIES_DO_NOT_DEPEND_ON_SERVICES, "DomainKnowingAService", "BetaService");
    }

    @Test
    void testSupportItself_followsEveryRule() {
        JavaClasses own = ArchitectureRulesTest.importProductionClasses(ArchitectureRulesTest.PRODUCTION_CLASSES);
        assertThat(own.size()).isPositive();
        ArchitectureRules.all().forEach(rule -> rule.check(own));
    }

    @Test
    void importProductionClasses_missingDirectory_failsWithAClearMessage() {
        assertThatThrownBy(() -> ArchitectureRulesTest.importProductionClasses(Path.of("no", "such", "dir")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No compiled classes");
    }

    private static void assertViolation(ArchRule rule, String offendingClass, String offendingDependency) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains(offendingClass).contains(offendingDependency));
    }
}
