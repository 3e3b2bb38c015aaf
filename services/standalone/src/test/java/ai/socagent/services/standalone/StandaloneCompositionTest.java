package ai.socagent.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.socagent.agentruntime.model.ModelPort;
import ai.socagent.contextstore.ContextStore;
import ai.socagent.eventbus.EventPublisher;
import ai.socagent.eventbus.EventSubscriptions;
import ai.socagent.ingestion.FindingIngestion;
import ai.socagent.knowledgebase.KnowledgeBase;
import ai.socagent.services.socapi.application.port.in.QueryThreatsUseCase;
import ai.socagent.services.socapi.application.port.in.RecordPipelineActivityUseCase;
import ai.socagent.services.socapi.application.port.in.SubmitFindingUseCase;
import ai.socagent.services.socapi.application.port.out.AuditTrailPort;
import ai.socagent.services.socapi.application.port.out.ThreatReadModelPort;
import ai.socagent.services.socapi.application.port.out.ThreatRecordPort;
import ai.socagent.services.socapi.application.port.out.ThreatSubmissionPort;
import ai.socagent.services.standalone.config.StandaloneServices;
import ai.socagent.services.threatclassifier.application.port.in.ClassifyThreatUseCase;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationContextPort;
import ai.socagent.services.threatclassifier.application.port.out.ClassificationEventsPort;
import ai.socagent.services.threatclassifier.application.port.out.TechniqueSearchPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The standalone application composes the services explicitly ({@link StandaloneServices}), and no
 * bean depends on the order: the fleet started with the service configurations imported in their
 * order and in the reverse order has the same beans, of the same types, and the same bean behind
 * every port.
 */
class StandaloneCompositionTest {

    private static final String ORDER = "test.standalone.services-order";

    private static final List<Class<?>> PORTS = List.of(
            SubmitFindingUseCase.class,
            QueryThreatsUseCase.class,
            RecordPipelineActivityUseCase.class,
            ThreatRecordPort.class,
            ThreatSubmissionPort.class,
            ThreatReadModelPort.class,
            AuditTrailPort.class,
            ClassifyThreatUseCase.class,
            ClassificationContextPort.class,
            ClassificationEventsPort.class,
            TechniqueSearchPort.class,
            FindingIngestion.class,
            ModelPort.class,
            ContextStore.class,
            EventPublisher.class,
            EventSubscriptions.class,
            KnowledgeBase.class);

    @TempDir
    Path directory;

    /** The fleet as the standalone application builds it, with the services in the order {@link #ORDER} says. */
    @EnableAutoConfiguration
    @Import(OrderedServices.class)
    static class Fleet {}

    /** {@link StandaloneServices#CONFIGURATIONS}, as listed or reversed. */
    static final class OrderedServices implements ImportSelector, EnvironmentAware {

        private boolean reversed;

        @Override
        public void setEnvironment(Environment environment) {
            reversed = environment.getRequiredProperty(ORDER).equals("reversed");
        }

        @Override
        public String[] selectImports(AnnotationMetadata importingClassMetadata) {
            List<Class<?>> configurations = new ArrayList<>(StandaloneServices.CONFIGURATIONS);
            if (reversed) {
                java.util.Collections.reverse(configurations);
            }
            return configurations.stream().map(Class::getName).toArray(String[]::new);
        }
    }

    private record Beans(Map<String, String> typesByName, Map<String, String> portBeans) {}

    private Beans start(String order) {
        Path data = directory.resolve(order);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Fleet.class)
                .web(WebApplicationType.NONE)
                .properties(
                        ORDER + "=" + order,
                        "soc.standalone.replay-samples=false",
                        "soc.context-store.embedded.file=" + data.resolve("context-store"),
                        "soc.context-store.archive.local-directory=" + data.resolve("archive"),
                        "soc.event-bus.journal.directory=" + data.resolve("event-bus"),
                        "soc.knowledge-base.embedded.directory=" + data.resolve("knowledge-base"))
                .run()) {
            Map<String, String> types = new TreeMap<>();
            for (String name : context.getBeanDefinitionNames()) {
                Class<?> type = context.getType(name);
                types.put(name, type == null ? "?" : type.getName());
            }
            Map<String, String> ports = new TreeMap<>();
            for (Class<?> port : PORTS) {
                String[] candidates = context.getBeanNamesForType(port);
                Object resolved = context.getBeanProvider(port).getIfUnique();
                String chosen = Arrays.stream(candidates)
                        .filter(name -> context.getBean(name) == resolved)
                        .findFirst()
                        .orElse("none of " + Arrays.toString(candidates));
                ports.put(port.getName(), chosen + " " + types.get(chosen));
            }
            return new Beans(types, ports);
        }
    }

    @Test
    void servicesImportedInEitherOrder_giveTheSameBeansAndTheSameBeanBehindEveryPort() {
        Beans listed = start("listed");
        Beans reversed = start("reversed");

        assertThat(listed.typesByName())
                .containsKeys(StandaloneServices.CONFIGURATIONS.stream()
                        .map(Class::getName)
                        .toArray(String[]::new));
        assertThat(reversed.typesByName()).isEqualTo(listed.typesByName());
        assertThat(listed.portBeans())
                .hasSize(PORTS.size())
                .allSatisfy((port, bean) -> assertThat(bean).as(port).doesNotStartWith("none of"));
        assertThat(reversed.portBeans()).isEqualTo(listed.portBeans());
    }
}
