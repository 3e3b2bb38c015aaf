package ai.socagent.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.services.fixtureshell.FixtureShellApplication;
import ai.socagent.testsupport.TestSupportArchitecture;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that every rule catches what it is meant to catch, with fixture modules that break it on
 * purpose (src/test/java/ai/socagent/services/fixture*, ai/socagent/fixturelib), that clean fixtures of
 * each shape keep every rule, and that no rule passes when it matches nothing.
 */
class ArchitectureRulesViolationTest {

    private static final String CLEAN = "ai.socagent.services.fixtureclean";
    private static final String ALPHA = "ai.socagent.services.fixturealpha";

    private static final JavaClasses CLEAN_SERVICE = importPackage(CLEAN);
    private static final JavaClasses ALPHA_SERVICE = importPackage(ALPHA);
    private static final JavaClasses ASSEMBLY = importPackage("ai.socagent.services.fixtureassembly");
    private static final JavaClasses SHELL = importPackage("ai.socagent.services.fixtureshell");
    private static final JavaClasses CLEAN_LIBRARY = importPackage("ai.socagent.fixturecleanlib");
    private static final JavaClasses LEAKY_LIBRARY = importPackage("ai.socagent.fixturelib");
    private static final JavaClasses UNRELATED = importPackage("ai.socagent.fixtureunrelated");

    /** The clean fixture service, as its module would declare it. */
    private static HexagonalArchitecture cleanService() {
        return HexagonalArchitecture.service(CLEAN)
                .withApplicationClass("FixtureCleanApplication")
                .withDomainLayer("domain")
                .withApplicationLayer("application")
                .incomingPorts("port.in")
                .outgoingPorts("port.out")
                .and()
                .withAdapters("adapter")
                .incoming("http")
                .outgoing("memory")
                .and()
                .withConfiguration("config");
    }

    /** The service that breaks every rule, declared with the same shape. */
    private static HexagonalArchitecture alphaService() {
        return HexagonalArchitecture.service(ALPHA)
                .withApplicationClass("FixtureAlphaApplication")
                .withDomainLayer("domain")
                .withApplicationLayer("application")
                .incomingPorts("port.in")
                .outgoingPorts("port.out")
                .and()
                .withAdapters("adapter")
                .incoming("http")
                .outgoing("dynamodb")
                .and()
                .withConfiguration("config");
    }

    private static HexagonalArchitecture assembly() {
        return HexagonalArchitecture.service("ai.socagent.services.fixtureassembly")
                .withApplicationClass("FixtureAssemblyApplication")
                .withAdapters("adapter")
                .incoming("replay")
                .and()
                .withConfiguration("config")
                .assemblingServices();
    }

    private static HexagonalArchitecture shell() {
        return HexagonalArchitecture.service("ai.socagent.services.fixtureshell")
                .withApplicationClass("FixtureShellApplication");
    }

    private static LibraryArchitecture cleanLibrary() {
        return LibraryArchitecture.library("ai.socagent.fixturecleanlib")
                .withCore("")
                .withDomain("domain")
                .withAdapters("adapter.out.memory", "adapter.out.files")
                .withConfiguration("config");
    }

    private static LibraryArchitecture leakyLibrary() {
        return LibraryArchitecture.library("ai.socagent.fixturelib")
                .withCore("")
                .withDomain("domain")
                .withAdapters("adapter.out.files", "adapter.out.cloud")
                .withConfiguration("config")
                .mustNotDependOn("ai.socagent.agentruntime..", "the fixture library serves every agent");
    }

    @Test
    void cleanFixtures_keepEveryRuleOfTheirShape() {
        assertKeepsEveryRule(cleanService(), CLEAN_SERVICE);
        assertKeepsEveryRule(cleanLibrary(), CLEAN_LIBRARY);
        assertKeepsEveryRule(shell(), new ClassFileImporter().importClasses(FixtureShellApplication.class));
    }

    @Test
    void cleanService_getsARuleOfEveryServiceKind() {
        Set<RuleKind> kinds = kinds(cleanService());

        assertThat(kinds)
                .containsAll(EnumSet.complementOf(EnumSet.of(
                        RuleKind.CORE_DOES_NOT_DEPEND_ON_ADAPTERS_OR_CONFIG,
                        RuleKind.LIBRARIES_DO_NOT_DEPEND_ON_SERVICES,
                        RuleKind.DECLARED_INDEPENDENCE,
                        // not from a declaration: AutoConfigurationRules, run for every module
                        RuleKind.CONDITIONAL_ON_MISSING_BEAN_ONLY_IN_AUTO_CONFIGURATIONS,
                        RuleKind.AUTO_CONFIGURATIONS_ARE_LISTED)));
    }

    static Stream<Arguments> serviceViolations() {
        return Stream.of(
                Arguments.of(RuleKind.APPLICATION_CLASS, "FixtureAlphaApplication", "SpringBootApplication"),
                Arguments.of(RuleKind.EVERY_CLASS_IN_A_DECLARED_PART, "util.Undeclared", "a part the module declares"),
                Arguments.of(
                        RuleKind.DOMAIN_IS_PLAIN_JAVA, "LeakyDomainObject", "software.amazon.awssdk.regions.Region"),
                Arguments.of(
                        RuleKind.NO_FRAMEWORK_IN_DOMAIN_AND_APPLICATION, "UseCaseWithSpring", "org.springframework"),
                Arguments.of(RuleKind.NO_FRAMEWORK_IN_DOMAIN_AND_APPLICATION, "LeakyDomainObject", "software.amazon"),
                Arguments.of(
                        RuleKind.APPLICATION_REACHES_OUTSIDE_ONLY_THROUGH_PORTS,
                        "UseCasePublishingItself",
                        "ai.socagent.eventbus.EventPublisher"),
                Arguments.of(
                        RuleKind.APPLICATION_REACHES_OUTSIDE_ONLY_THROUGH_PORTS,
                        "UseCaseOnTheNetwork",
                        "java.net.http.HttpClient"),
                Arguments.of(
                        RuleKind.APPLICATION_DOES_NOT_DEPEND_ON_ADAPTERS_OR_CONFIG,
                        "UseCaseCallingAnAdapter",
                        "DynamoDbAdapter"),
                Arguments.of(RuleKind.PORTS_DO_NOT_DEPEND_ON_EACH_OTHER, "UseCaseKnowingAnOutboundPort", "AlphaStore"),
                Arguments.of(RuleKind.PORTS_ARE_IMPLEMENTED, "UnimplementedUseCase", "is not implemented"),
                Arguments.of(RuleKind.PORTS_ARE_IMPLEMENTED, "OrphanPort", "is not implemented"),
                Arguments.of(
                        RuleKind.INBOUND_ADAPTERS_CALL_ONLY_INBOUND_PORTS,
                        "ControllerCallingTheService",
                        "AlphaService"),
                Arguments.of(
                        RuleKind.INBOUND_ADAPTERS_CALL_ONLY_INBOUND_PORTS,
                        "ControllerIngestingItself",
                        "ai.socagent.ingestion.FindingIngestion"),
                Arguments.of(
                        RuleKind.NO_SIDE_EFFECTS_IN_INBOUND_ADAPTERS,
                        "ControllerPublishingItself",
                        "ai.socagent.eventbus.EventPublisher"),
                Arguments.of(
                        RuleKind.OUTBOUND_ADAPTERS_SEE_ONLY_OUTBOUND_PORTS, "AdapterDrivingAUseCase", "AlphaUseCase"),
                Arguments.of(
                        RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                        "ControllerCallingAnotherAdapter",
                        "DynamoDbAdapter"),
                Arguments.of(RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_CONFIG, "ControllerReadingConfig", "AlphaProperties"),
                Arguments.of(RuleKind.ONLY_CONFIG_WIRES_ADAPTERS, "AdapterWiringALibrary", "fixturelib.adapter.out"),
                Arguments.of(
                        RuleKind.SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER,
                        "ControllerCallingAnotherAdapter",
                        "fixturebeta.BetaService"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("serviceViolations")
    void serviceRule_deliberateViolation_isReported(RuleKind kind, String offendingClass, String offendingDependency) {
        assertViolation(alphaService(), ALPHA_SERVICE, kind, offendingClass, offendingDependency);
    }

    static Stream<Arguments> libraryViolations() {
        return Stream.of(
                Arguments.of(RuleKind.EVERY_CLASS_IN_A_DECLARED_PART, "misc.Undeclared", "a part the module declares"),
                Arguments.of(
                        RuleKind.DOMAIN_IS_PLAIN_JAVA, "LeakyDomainObject", "software.amazon.awssdk.regions.Region"),
                Arguments.of(RuleKind.NO_FRAMEWORK_IN_DOMAIN_AND_APPLICATION, "CoreWithSpring", "org.springframework"),
                Arguments.of(
                        RuleKind.CORE_DOES_NOT_DEPEND_ON_ADAPTERS_OR_CONFIG, "CoreKnowingAnAdapter", "FileAdapter"),
                Arguments.of(RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER, "CloudAdapterUsingFiles", "FileAdapter"),
                Arguments.of(
                        RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_CONFIG, "CloudAdapterReadingConfig", "LibraryProperties"),
                Arguments.of(
                        RuleKind.LIBRARIES_DO_NOT_DEPEND_ON_SERVICES,
                        "DomainKnowingAService",
                        "fixturebeta.BetaService"),
                Arguments.of(
                        RuleKind.DECLARED_INDEPENDENCE,
                        "CoreUsingTheAgentRuntime",
                        "ai.socagent.agentruntime.model.ModelPort"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("libraryViolations")
    void libraryRule_deliberateViolation_isReported(RuleKind kind, String offendingClass, String offendingDependency) {
        assertViolation(leakyLibrary(), LEAKY_LIBRARY, kind, offendingClass, offendingDependency);
    }

    @Test
    void assembly_drivesOtherServicesThroughInboundPortsAndConfigurationOnly_andLeavesIngestionToThem() {
        assertViolation(
                assembly(),
                ASSEMBLY,
                RuleKind.SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER,
                "AssemblyReachingIntoAnAdapter",
                "fixturebeta.adapter.out.memory.BetaAdapter");
        assertViolation(
                assembly(),
                ASSEMBLY,
                RuleKind.INBOUND_ADAPTERS_CALL_ONLY_INBOUND_PORTS,
                "ReplayIngestingItself",
                "ai.socagent.ingestion.FindingIngestion");
        CheckedRule isolation = rulesOf(assembly(), RuleKind.SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER)
                .getFirst();
        assertThat(isolation.rule().evaluate(ASSEMBLY).getFailureReport().getDetails())
                .as("the inbound port and the configuration are allowed")
                .noneMatch(
                        line -> line.contains("ReplayThroughAnInboundPort") || line.contains("AssemblyConfiguration"));
    }

    @Test
    void shell_thatGrowsALayerItsDeclarationDoesNotName_failsUntilItIsDeclared() {
        assertViolation(
                shell(),
                SHELL,
                RuleKind.EVERY_CLASS_IN_A_DECLARED_PART,
                "fixtureshell.application.FirstUseCase",
                "a part the module declares");
    }

    /** The point of the exercise: no rule of any shape passes when it finds nothing it is about. */
    @Test
    void everyRule_ofEveryShape_failsWhenItMatchesNothing() {
        for (Architecture architecture :
                List.of(cleanService(), alphaService(), assembly(), shell(), cleanLibrary(), leakyLibrary())) {
            for (CheckedRule rule : architecture.rules()) {
                assertThatThrownBy(() -> rule.rule().check(UNRELATED))
                        .as(rule.name())
                        .isInstanceOf(AssertionError.class)
                        .hasMessageContaining(
                                rule.kind() == RuleKind.EVERY_CLASS_IN_A_DECLARED_PART
                                        // its subject is every class: the unrelated one lies in no declared part
                                        ? "a part the module declares"
                                        : "failed to check any classes");
            }
        }
    }

    @Test
    void renamedPortPackage_failsTheBuild() {
        HexagonalArchitecture renamed = HexagonalArchitecture.service(CLEAN)
                .withApplicationClass("FixtureCleanApplication")
                .withDomainLayer("domain")
                .withApplicationLayer("application")
                .incomingPorts("ports.in")
                .outgoingPorts("port.out")
                .and()
                .withAdapters("adapter")
                .incoming("http")
                .outgoing("memory")
                .and()
                .withConfiguration("config");

        assertThat(failing(renamed, CLEAN_SERVICE))
                .contains(RuleKind.DECLARED_PARTS_EXIST, RuleKind.PORTS_ARE_IMPLEMENTED);
    }

    @Test
    void renamedAdapterPackage_failsTheBuild() {
        HexagonalArchitecture renamed = HexagonalArchitecture.service(CLEAN)
                .withApplicationClass("FixtureCleanApplication")
                .withDomainLayer("domain")
                .withApplicationLayer("application")
                .incomingPorts("port.in")
                .outgoingPorts("port.out")
                .and()
                .withAdapters("adapter")
                .incoming("http")
                .outgoing("inmemory")
                .and()
                .withConfiguration("config");

        assertThat(failing(renamed, CLEAN_SERVICE))
                .contains(
                        RuleKind.DECLARED_PARTS_EXIST,
                        RuleKind.EVERY_CLASS_IN_A_DECLARED_PART,
                        RuleKind.PORTS_ARE_IMPLEMENTED);
    }

    @Test
    void renamedLibraryPackage_failsTheBuild() {
        LibraryArchitecture renamed = LibraryArchitecture.library("ai.socagent.fixturecleanlib")
                .withCore("")
                .withDomain("model")
                .withAdapters("adapter.out.memory", "adapter.out.files")
                .withConfiguration("config");

        assertThat(failing(renamed, CLEAN_LIBRARY))
                .contains(RuleKind.DECLARED_PARTS_EXIST, RuleKind.EVERY_CLASS_IN_A_DECLARED_PART);
    }

    @Test
    void declaration_withoutApplicationClassOrInboundPorts_isRefused() {
        assertThatThrownBy(() -> HexagonalArchitecture.service(CLEAN).rules())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no Application class");
        assertThatThrownBy(() -> HexagonalArchitecture.service(CLEAN)
                        .withApplicationClass("FixtureCleanApplication")
                        .withApplicationLayer("application")
                        .and()
                        .rules())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without incoming ports");
        assertThatThrownBy(() -> HexagonalArchitecture.service("ai.socagent.fixturecleanlib"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LibraryArchitecture.library(CLEAN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void testSupportItself_followsItsDeclaration() {
        JavaClasses own = ArchitectureRulesTest.importProductionClasses(ArchitectureRulesTest.PRODUCTION_CLASSES);

        assertKeepsEveryRule(new TestSupportArchitecture().architecture(), own);
    }

    @Test
    void declaration_isTheOneModuleArchitectureAmongTheTestClasses() {
        assertThat(ArchitectureRulesTest.declaration(ArchitectureRulesTest.TEST_CLASSES))
                .isInstanceOf(TestSupportArchitecture.class);
    }

    @Test
    void declaration_missing_failsWithAClearMessage(@TempDir Path noTestClasses) {
        assertThatThrownBy(() -> ArchitectureRulesTest.declaration(noTestClasses))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("declares no architecture")
                .hasMessageContaining(ModuleArchitecture.class.getName());
    }

    @Test
    void importProductionClasses_missingDirectory_failsWithAClearMessage() {
        assertThatThrownBy(() -> ArchitectureRulesTest.importProductionClasses(Path.of("no", "such", "dir")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No compiled classes");
    }

    private static JavaClasses importPackage(String packageName) {
        return new ClassFileImporter().importPackages(packageName);
    }

    private static void assertKeepsEveryRule(Architecture architecture, JavaClasses classes) {
        for (CheckedRule rule : architecture.rules()) {
            assertThatCode(() -> rule.rule().check(classes)).as(rule.name()).doesNotThrowAnyException();
        }
    }

    private static void assertViolation(
            Architecture architecture,
            JavaClasses classes,
            RuleKind kind,
            String offendingClass,
            String offendingDependency) {
        List<CheckedRule> rules = rulesOf(architecture, kind);
        assertThat(rules).as("rules of kind " + kind).isNotEmpty();
        List<String> details = rules.stream()
                .flatMap(rule -> rule.rule().evaluate(classes).getFailureReport().getDetails().stream())
                .toList();
        assertThat(details)
                .as(kind + " reports " + offendingClass + " -> " + offendingDependency)
                .anySatisfy(line -> assertThat(line).contains(offendingClass).contains(offendingDependency));
    }

    private static List<CheckedRule> rulesOf(Architecture architecture, RuleKind kind) {
        return architecture.rules().stream().filter(rule -> rule.kind() == kind).toList();
    }

    private static Set<RuleKind> kinds(Architecture architecture) {
        return architecture.rules().stream().map(CheckedRule::kind).collect(Collectors.toSet());
    }

    /** The kinds of the rules that fail on {@code classes}. */
    private static Set<RuleKind> failing(Architecture architecture, JavaClasses classes) {
        return architecture.rules().stream()
                .filter(rule -> {
                    try {
                        rule.rule().check(classes);
                        return false;
                    } catch (AssertionError failed) {
                        return true;
                    }
                })
                .map(CheckedRule::kind)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleKind.class)));
    }
}
