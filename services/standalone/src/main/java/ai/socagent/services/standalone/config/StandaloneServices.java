package ai.socagent.services.standalone.config;

import ai.socagent.services.socapi.config.SocApiConfiguration;
import ai.socagent.services.threatclassifier.config.ThreatClassifierConfiguration;
import java.util.List;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The services the standalone application runs, each by its configuration, imported explicitly
 * (nothing is found by scanning another service's packages). The shared libraries come from their
 * auto-configurations. The four agents still to come (ThreatIntelligence, Investigation,
 * RootCauseAnalysis, ResponseOrchestration) have no configuration yet: each adds its own here when
 * it gets one.
 *
 * <p>No bean depends on the order of this list: no service configuration backs off for another's
 * bean ({@code @ConditionalOnMissingBean} is for auto-configurations), and the test that starts the
 * fleet with the list reversed gets the same beans.
 */
public final class StandaloneServices implements ImportSelector {

    /** The configuration classes of the services, then the standalone mode's own. */
    public static final List<Class<?>> CONFIGURATIONS =
            List.of(SocApiConfiguration.class, ThreatClassifierConfiguration.class, StandaloneConfiguration.class);

    @Override
    public String[] selectImports(AnnotationMetadata importingClassMetadata) {
        return CONFIGURATIONS.stream().map(Class::getName).toArray(String[]::new);
    }
}
