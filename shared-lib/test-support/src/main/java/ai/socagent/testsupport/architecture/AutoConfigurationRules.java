package ai.socagent.testsupport.architecture;

import static ai.socagent.testsupport.architecture.ArchitectureRules.checked;
import static ai.socagent.testsupport.architecture.ArchitectureRules.notPackageInfo;
import static com.tngtech.archunit.lang.conditions.ArchConditions.containNumberOfElements;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rules on Spring Boot auto-configuration, the same for every module: {@code @ConditionalOnMissingBean}
 * only in an {@code @AutoConfiguration} class (or a class nested in one), and the module's {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports} lists exactly its
 * {@code @AutoConfiguration} classes. {@link ArchitectureRulesTest} runs them in every module; the second
 * rule finds the listed classes, so in a library that has auto-configurations neither passes on nothing.
 */
public final class AutoConfigurationRules {

    static final String AUTO_CONFIGURATION = "org.springframework.boot.autoconfigure.AutoConfiguration";
    static final String CONDITIONAL_ON_MISSING_BEAN =
            "org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean";

    /** Where a module lists its auto-configurations, relative to its compiled classes. */
    public static final Path IMPORTS =
            Path.of("META-INF", "spring", "org.springframework.boot.autoconfigure.AutoConfiguration.imports");

    private AutoConfigurationRules() {}

    /** The class names listed in {@code classes}' imports file (none when there is no file). */
    public static List<String> listedIn(Path classes) {
        Path imports = classes.resolve(IMPORTS);
        if (!Files.isRegularFile(imports)) {
            return List.of();
        }
        try {
            return Files.readAllLines(imports).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rules for a module whose imports file lists {@code listed} (empty: the module has no auto-configuration). */
    public static List<CheckedRule> rules(List<String> listed) {
        List<CheckedRule> rules = new ArrayList<>();
        rules.add(checked(
                RuleKind.CONDITIONAL_ON_MISSING_BEAN_ONLY_IN_AUTO_CONFIGURATIONS,
                classes().that(notPackageInfo()).should(useConditionalOnMissingBeanOnlyInAnAutoConfiguration())));
        if (listed.isEmpty()) {
            rules.add(checked(
                    RuleKind.AUTO_CONFIGURATIONS_ARE_LISTED,
                    noClasses()
                            .that(notPackageInfo())
                            .should()
                            .beAnnotatedWith(AUTO_CONFIGURATION)
                            .because("this module lists no auto-configuration in " + IMPORTS)));
        } else {
            Set<String> names = Set.copyOf(listed);
            DescribedPredicate<JavaClass> isListed = DescribedPredicate.describe(
                    "are listed in " + IMPORTS + " " + listed,
                    (JavaClass javaClass) -> names.contains(javaClass.getName()));
            rules.add(checked(
                    RuleKind.AUTO_CONFIGURATIONS_ARE_LISTED,
                    classes()
                            .that(isListed)
                            .should()
                            .beAnnotatedWith(AUTO_CONFIGURATION)
                            .andShould(containNumberOfElements(DescribedPredicate.equalTo(names.size())))));
            rules.add(checked(
                    RuleKind.AUTO_CONFIGURATIONS_ARE_LISTED,
                    classes().that().areAnnotatedWith(AUTO_CONFIGURATION).should(be(isListed))));
        }
        return List.copyOf(rules);
    }

    private static ArchCondition<JavaClass> be(DescribedPredicate<JavaClass> predicate) {
        return com.tngtech.archunit.lang.conditions.ArchConditions.be(predicate);
    }

    static ArchCondition<JavaClass> useConditionalOnMissingBeanOnlyInAnAutoConfiguration() {
        return new ArchCondition<>(
                "use @ConditionalOnMissingBean only in an @AutoConfiguration or a class nested in one") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                if (withinAnAutoConfiguration(javaClass)) {
                    return;
                }
                if (javaClass.isAnnotatedWith(CONDITIONAL_ON_MISSING_BEAN)) {
                    events.add(SimpleConditionEvent.violated(
                            javaClass,
                            javaClass.getName() + " is annotated with @ConditionalOnMissingBean but is no"
                                    + " auto-configuration"));
                }
                for (JavaMethod method : javaClass.getMethods()) {
                    if (method.isAnnotatedWith(CONDITIONAL_ON_MISSING_BEAN)) {
                        events.add(SimpleConditionEvent.violated(
                                method,
                                method.getFullName() + " is annotated with @ConditionalOnMissingBean but "
                                        + javaClass.getName() + " is no auto-configuration"));
                    }
                }
            }
        };
    }

    private static boolean withinAnAutoConfiguration(JavaClass javaClass) {
        for (Optional<JavaClass> current = Optional.of(javaClass);
                current.isPresent();
                current = current.get().getEnclosingClass()) {
            if (current.get().isAnnotatedWith(AUTO_CONFIGURATION)) {
                return true;
            }
        }
        return false;
    }
}
