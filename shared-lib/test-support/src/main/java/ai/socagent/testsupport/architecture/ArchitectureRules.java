package ai.socagent.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The layering rules of the project, written once. Every module runs them against its own
 * classes through {@link ArchitectureRulesTest}; see docs/adr/0004-module-split.md.
 */
public final class ArchitectureRules {

    /** Packages that hold infrastructure: none of them may leak into domain or application code. */
    static final String[] INFRASTRUCTURE_PACKAGES = {
        "org.springframework..",
        "software.amazon..",
        "io.awspring..",
        "io.lettuce..",
        "org.opensearch..",
        "org.apache.lucene..",
        "jakarta.persistence..",
    };

    static final String SERVICES = "ai.socagent.services";

    private ArchitectureRules() {}

    /** Domain and application code stays plain Java: it can be read, tested and reused without a container. */
    public static final ArchRule DOMAIN_AND_APPLICATION_ARE_FRAMEWORK_FREE = noClasses()
            .that()
            .resideInAnyPackage("..domain..", "..application..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INFRASTRUCTURE_PACKAGES)
            .because("domain and application code must not depend on Spring, the AWS SDK, Lettuce or OpenSearch")
            .allowEmptyShould(true);

    /** Use cases talk to the outside world through ports, never through a concrete adapter. */
    public static final ArchRule APPLICATION_DOES_NOT_DEPEND_ON_ADAPTERS = noClasses()
            .that()
            .resideInAnyPackage("..domain..", "..application..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..adapter..")
            .because("use cases reach adapters only through ports")
            .allowEmptyShould(true);

    /** Each adapter (adapter.in.http, adapter.out.dynamodb ...) is replaceable on its own. */
    public static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices().matching("..adapter.(*).(*)..")
            .namingSlices("adapter $1.$2")
            .should()
            .notDependOnEachOther()
            .because("an adapter must not import another adapter")
            .allowEmptyShould(true);

    /**
     * Services coordinate through the event bus only. The standalone module is the one place that
     * assembles all of them in one JVM, so its own dependencies on them are allowed.
     */
    public static final ArchRule SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER = slices().matching(SERVICES + ".(*)..")
            .namingSlices("service $1")
            .should()
            .notDependOnEachOther()
            .ignoreDependency(
                    DescribedPredicate.describe(
                            "the standalone assembly",
                            (JavaClass origin) -> origin.getPackageName().startsWith(SERVICES + ".standalone")),
                    DescribedPredicate.alwaysTrue())
            .because("services coordinate through the event bus, never by importing each other")
            .allowEmptyShould(true);

    /** Shared libraries are reusable by every service, so they cannot know any of them. */
    public static final ArchRule SHARED_LIBRARIES_DO_NOT_DEPEND_ON_SERVICES = noClasses()
            .that()
            .resideOutsideOfPackage(SERVICES + "..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SERVICES + "..")
            .because("shared-lib modules are used by the services, never the other way round")
            .allowEmptyShould(true);

    public static List<ArchRule> all() {
        return List.of(
                DOMAIN_AND_APPLICATION_ARE_FRAMEWORK_FREE,
                APPLICATION_DOES_NOT_DEPEND_ON_ADAPTERS,
                ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                SERVICES_DO_NOT_DEPEND_ON_EACH_OTHER,
                SHARED_LIBRARIES_DO_NOT_DEPEND_ON_SERVICES);
    }
}
