package ai.socagent.testsupport.architecture;

import static ai.socagent.testsupport.architecture.ArchitectureRules.ANY_CONFIGURATION;
import static ai.socagent.testsupport.architecture.ArchitectureRules.INFRASTRUCTURE;
import static ai.socagent.testsupport.architecture.ArchitectureRules.LIBRARY_WIRING;
import static ai.socagent.testsupport.architecture.ArchitectureRules.SERVICES;
import static ai.socagent.testsupport.architecture.ArchitectureRules.SHARED_DOMAIN;
import static ai.socagent.testsupport.architecture.ArchitectureRules.anyOf;
import static ai.socagent.testsupport.architecture.ArchitectureRules.checked;
import static ai.socagent.testsupport.architecture.ArchitectureRules.inPackages;
import static ai.socagent.testsupport.architecture.ArchitectureRules.notPackageInfo;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.conditions.ArchConditions.be;
import static com.tngtech.archunit.lang.conditions.ArchConditions.containNumberOfElements;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of one shared library. A library has a framework-free core (its port and its logic), and,
 * where it talks to the outside, adapters and the Spring configuration that chooses between them: the
 * context store (embedded or DynamoDB), the event bus (in-process or EventBridge/SQS), the knowledge
 * base (Lucene or OpenSearch), the agent runtime (offline or Bedrock).
 *
 * <pre>{@code
 * LibraryArchitecture.library("ai.socagent.knowledgebase")
 *         .withCore("", "analysis", "attack", "feed", "ranking")  // "" is the base package itself
 *         .withAdapters("adapter.out.lucene", "adapter.out.opensearch")
 *         .withConfiguration("config")
 *         .mustNotDependOn("ai.socagent.agentruntime..", "the knowledge base serves every agent ...");
 * }</pre>
 *
 * <p>Package names are relative to the base package; {@code ""} is the base package without its
 * subpackages, any other name the package and its subpackages. As for a service, every declared part
 * must hold classes and every class must lie in a declared part.
 */
public final class LibraryArchitecture implements Architecture {

    private enum Role {
        DOMAIN("domain"),
        CORE("core"),
        ADAPTER("adapter"),
        CONFIGURATION("configuration"),
        TOOLING("tooling");

        final String label;

        Role(String label) {
            this.label = label;
        }
    }

    private record Part(Role role, String pattern) {
        DescribedPredicate<JavaClass> classes() {
            return inPackages("reside in the " + role.label, List.of(pattern));
        }
    }

    private record Independence(String pattern, String because) {}

    private final String basePackage;
    private final List<Part> parts = new ArrayList<>();
    private final List<Independence> independences = new ArrayList<>();

    private LibraryArchitecture(String basePackage) {
        if (basePackage.startsWith(SERVICES + ".") || basePackage.equals(SERVICES)) {
            throw new IllegalArgumentException(basePackage + " is a service: declare it as a HexagonalArchitecture");
        }
        this.basePackage = basePackage;
    }

    /** Starts the declaration of the library whose classes live in {@code basePackage}. */
    public static LibraryArchitecture library(String basePackage) {
        return new LibraryArchitecture(basePackage);
    }

    /** Domain model packages: the JDK and the domain only. */
    public LibraryArchitecture withDomain(String... packageNames) {
        return add(Role.DOMAIN, packageNames);
    }

    /** The library's port and logic: no framework, no infrastructure client, no adapter. */
    public LibraryArchitecture withCore(String... packageNames) {
        return add(Role.CORE, packageNames);
    }

    /** One package per adapter: each independent of the others and of configuration. */
    public LibraryArchitecture withAdapters(String... packageNames) {
        return add(Role.ADAPTER, packageNames);
    }

    /** The Spring configuration that chooses and wires the adapters. */
    public LibraryArchitecture withConfiguration(String... packageNames) {
        return add(Role.CONFIGURATION, packageNames);
    }

    /**
     * Packages bound by no layer rule (test-support: the test backends' endpoints, fault injection,
     * contract tests and these rules themselves), still declared so that nothing is left out.
     */
    public LibraryArchitecture withTooling(String... packageNames) {
        return add(Role.TOOLING, packageNames);
    }

    /** A dependency particular to this library that must not exist, and why. */
    public LibraryArchitecture mustNotDependOn(String packagePattern, String because) {
        independences.add(new Independence(packagePattern, because));
        return this;
    }

    private LibraryArchitecture add(Role role, String... packageNames) {
        for (String packageName : packageNames) {
            parts.add(new Part(role, ArchitectureRules.pattern(basePackage, packageName)));
        }
        return this;
    }

    @Override
    public String basePackage() {
        return basePackage;
    }

    @Override
    public List<CheckedRule> rules() {
        if (parts.isEmpty()) {
            throw new IllegalStateException(basePackage + " declares no package");
        }
        List<CheckedRule> rules = new ArrayList<>();
        for (Part part : parts) {
            rules.add(checked(
                    RuleKind.DECLARED_PARTS_EXIST,
                    classes().that(part.classes()).should(containNumberOfElements(DescribedPredicate.greaterThan(0)))));
        }
        rules.add(checked(
                RuleKind.EVERY_CLASS_IN_A_DECLARED_PART,
                classes()
                        .that(notPackageInfo())
                        .should(be(anyOf(
                                "in a part the module declares",
                                parts.stream().map(Part::classes).toList())))));
        List<String> domain = patterns(Role.DOMAIN);
        List<String> core = patterns(Role.CORE);
        List<String> adapters = patterns(Role.ADAPTER);
        List<String> configuration = patterns(Role.CONFIGURATION);
        if (!domain.isEmpty()) {
            List<String> allowed = new ArrayList<>(domain);
            allowed.add("java..");
            allowed.add(SHARED_DOMAIN);
            rules.add(checked(
                    RuleKind.DOMAIN_IS_PLAIN_JAVA,
                    noClasses()
                            .that(inPackages("reside in the domain", domain))
                            .should()
                            .dependOnClassesThat(not(resideInAnyPackage(allowed.toArray(String[]::new)))
                                    .as("reside outside of " + allowed))));
        }
        List<String> inner = new ArrayList<>(domain);
        inner.addAll(core);
        if (!inner.isEmpty()) {
            DescribedPredicate<JavaClass> innerClasses = inPackages("reside in the library's core", inner);
            rules.add(checked(
                    RuleKind.NO_FRAMEWORK_IN_DOMAIN_AND_APPLICATION,
                    noClasses()
                            .that(innerClasses)
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(INFRASTRUCTURE.toArray(String[]::new))));
            List<String> outer = new ArrayList<>(adapters);
            outer.addAll(configuration);
            outer.addAll(LIBRARY_WIRING);
            rules.add(checked(
                    RuleKind.CORE_DOES_NOT_DEPEND_ON_ADAPTERS_OR_CONFIG,
                    noClasses()
                            .that(innerClasses)
                            .should()
                            .dependOnClassesThat(inPackages("reside in an adapter or configuration", outer))));
        }
        for (String adapter : adapters) {
            // Other adapters: this library's, and any other library's.
            List<String> others = new ArrayList<>(adapters);
            others.remove(adapter);
            LIBRARY_WIRING.stream()
                    .filter(wiring -> !wiring.endsWith(".config.."))
                    .forEach(others::add);
            rules.add(checked(
                    RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                    noClasses()
                            .that(inPackages("reside in adapter", List.of(adapter)))
                            .should()
                            .dependOnClassesThat(inPackages("reside in another adapter", others)
                                    .and(not(resideInAnyPackage(adapter)))
                                    .as("reside in another adapter " + others))));
        }
        if (!adapters.isEmpty()) {
            List<String> anyConfiguration = new ArrayList<>(configuration);
            anyConfiguration.addAll(ANY_CONFIGURATION);
            rules.add(checked(
                    RuleKind.ADAPTERS_DO_NOT_DEPEND_ON_CONFIG,
                    noClasses()
                            .that(inPackages("reside in an adapter", adapters))
                            .should()
                            .dependOnClassesThat(inPackages("reside in a configuration package", anyConfiguration))));
        }
        DescribedPredicate<JavaClass> library = inPackages("reside in the library", List.of(basePackage + ".."));
        rules.add(checked(
                RuleKind.LIBRARIES_DO_NOT_DEPEND_ON_SERVICES,
                noClasses().that(library).should().dependOnClassesThat().resideInAPackage(SERVICES + "..")));
        for (Independence independence : independences) {
            // Its own reason, not the kind's generic one.
            rules.add(new CheckedRule(
                    RuleKind.DECLARED_INDEPENDENCE,
                    noClasses()
                            .that(library)
                            .should()
                            .dependOnClassesThat()
                            .resideInAPackage(independence.pattern())
                            .because(independence.because())
                            .allowEmptyShould(false)));
        }
        return List.copyOf(rules);
    }

    private List<String> patterns(Role role) {
        return parts.stream()
                .filter(part -> part.role() == role)
                .map(Part::pattern)
                .toList();
    }
}
