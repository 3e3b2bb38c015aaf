package ai.socagent.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.socagent.fixtureautoconfig.ClassBackingOff;
import ai.socagent.fixtureautoconfig.FixtureAutoConfiguration;
import ai.socagent.fixtureautoconfig.ServiceConfigurationBackingOff;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The auto-configuration rules catch a misplaced {@code @ConditionalOnMissingBean} and a wrong imports file, and pass on nothing. */
class AutoConfigurationRulesTest {

    private static final String LISTED = FixtureAutoConfiguration.class.getName();
    private static final JavaClasses AUTO_CONFIGURATION = new ClassFileImporter()
            .importClasses(FixtureAutoConfiguration.class, nested(FixtureAutoConfiguration.class, "Nested"));

    private static Class<?> nested(Class<?> outer, String name) {
        try {
            return Class.forName(outer.getName() + "$" + name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static void check(List<String> listed, JavaClasses classes) {
        AutoConfigurationRules.rules(listed).forEach(rule -> rule.rule().check(classes));
    }

    @Test
    void autoConfiguration_listedAndBackingOffInItsMethodsAndNestedClasses_keepsTheRules() {
        assertThatCode(() -> check(List.of(LISTED), AUTO_CONFIGURATION)).doesNotThrowAnyException();
    }

    @Test
    void conditionalOnMissingBean_onAServiceConfigurationsMethod_isReported() {
        JavaClasses classes = new ClassFileImporter()
                .importClasses(FixtureAutoConfiguration.class, ServiceConfigurationBackingOff.class);

        assertThatThrownBy(() -> check(List.of(LISTED), classes))
                .hasMessageContaining(RuleKind.CONDITIONAL_ON_MISSING_BEAN_ONLY_IN_AUTO_CONFIGURATIONS.protects())
                .hasMessageContaining("ServiceConfigurationBackingOff.serviceBuilder()")
                .hasMessageNotContaining("fixtureBuilder")
                .hasMessageNotContaining("fixtureBuffer");
    }

    @Test
    void conditionalOnMissingBean_onAConfigurationClass_isReported() {
        assertThatThrownBy(() -> check(List.of(), new ClassFileImporter().importClasses(ClassBackingOff.class)))
                .hasMessageContaining(ClassBackingOff.class.getName() + " is annotated with @ConditionalOnMissingBean");
    }

    @Test
    void listedClassMissingFromTheModule_isReported() {
        assertThatThrownBy(() -> check(List.of(LISTED, "ai.socagent.fixtureautoconfig.Gone"), AUTO_CONFIGURATION))
                .hasMessageContaining(RuleKind.AUTO_CONFIGURATIONS_ARE_LISTED.protects());
    }

    @Test
    void autoConfigurationThatIsNotListed_isReported() {
        assertThatThrownBy(() -> check(List.of(), AUTO_CONFIGURATION))
                .hasMessageContaining(FixtureAutoConfiguration.class.getName());
    }

    @Test
    void listedClassThatIsNoAutoConfiguration_isReported() {
        JavaClasses classes = new ClassFileImporter()
                .importClasses(FixtureAutoConfiguration.class, ServiceConfigurationBackingOff.class);

        assertThatThrownBy(() -> AutoConfigurationRules.rules(
                                List.of(LISTED, ServiceConfigurationBackingOff.class.getName()))
                        .get(1)
                        .rule()
                        .check(classes))
                .hasMessageContaining("ServiceConfigurationBackingOff");
    }

    @Test
    void moduleWithNoClasses_failsInsteadOfPassingOnNothing() {
        JavaClasses none = new ClassFileImporter().importClasses(List.of());

        assertThatThrownBy(() -> check(List.of(), none)).hasMessageContaining("failed to check any classes");
        assertThatThrownBy(() -> check(List.of(LISTED), none)).hasMessageContaining("failed to check any classes");
    }

    @Test
    void importsFile_isReadFromTheCompiledClasses(@TempDir Path classes) throws Exception {
        assertThat(AutoConfigurationRules.listedIn(classes)).isEmpty();
        Path imports = classes.resolve(AutoConfigurationRules.IMPORTS);
        Files.createDirectories(imports.getParent());
        Files.writeString(imports, "# comment\n" + LISTED + "\n\n");

        assertThat(AutoConfigurationRules.listedIn(classes)).containsExactly(LISTED);
    }
}
