package ai.socagent.services.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run on the build machines (no Docker engine), so its
 * conventions are checked here: every long-running service healthy-checked, every service
 * memory-limited, pinned, bound to loopback, the fleet in compose is the fleet in services/, and
 * the one-shot bootstrap runs before the fleet. {@link LocalFleetIT} runs the local mode's wiring
 * itself against moto.
 */
class DockerComposeFileTest {

    private static final Path REPOSITORY = Path.of("..", "..");

    /** The one-shot service that creates the AWS resources in LocalStack and exits. */
    private static final String BOOTSTRAP = "bootstrap";

    private static final Set<String> BACKENDS = Set.of("localstack", "redis", "opensearch");
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void loadComposeFile() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(REPOSITORY.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml(options).load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void services_matchTheServiceModulesExceptStandalone() throws IOException {
        Set<String> modules;
        try (Stream<Path> dirs = Files.list(REPOSITORY.resolve("services"))) {
            modules = dirs.filter(dir -> Files.exists(dir.resolve("pom.xml")))
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> !name.equals("standalone"))
                    .collect(Collectors.toSet());
        }
        assertThat(services.keySet()).containsAll(modules).containsAll(BACKENDS);
        // Nothing else: the fleet, the backends and the bootstrap one-shot.
        assertThat(services.keySet())
                .allSatisfy(
                        name -> assertThat(modules.contains(name) || BACKENDS.contains(name) || name.equals(BOOTSTRAP))
                                .as(name)
                                .isTrue());
    }

    @Test
    void bootstrap_isAOneShotOfTheStandaloneImageThatEveryServiceWaitsFor() {
        Map<String, Object> bootstrap = services.get(BOOTSTRAP);
        assertThat(bootstrap).as("bootstrap service").isNotNull().doesNotContainKey("healthcheck");
        assertThat(String.valueOf(bootstrap.get("restart"))).isEqualTo("no");
        assertThat(bootstrap.get("command")).isEqualTo(List.of("bootstrap"));
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) bootstrap.get("build");
        assertThat(build.get("args")).isEqualTo(Map.of("SERVICE", "standalone"));
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) bootstrap.get("environment");
        assertThat(environment).containsEntry("SPRING_CLOUD_AWS_ENDPOINT", "http://localstack:4566");
        assertThat(dependsOn(BOOTSTRAP)).containsEntry("localstack", "service_healthy");

        fleet().forEach(service -> {
            assertThat(dependsOn(service)).as(service).containsEntry(BOOTSTRAP, "service_completed_successfully");
            @SuppressWarnings("unchecked")
            Map<String, Object> env =
                    (Map<String, Object>) services.get(service).get("environment");
            assertThat(env).as(service).containsEntry("SPRING_PROFILES_ACTIVE", "local");
            // one spring-cloud-aws endpoint for all of the service's AWS clients
            assertThat(env).as(service).containsEntry("SPRING_CLOUD_AWS_ENDPOINT", "http://localstack:4566");
            // the profile has a file to read in every service module
            assertThat(REPOSITORY.resolve("services/" + service + "/src/main/resources/application-local.yml"))
                    .as(service)
                    .isRegularFile();
        });
    }

    /** The long-running services built from the Dockerfile: everything but the backends and the bootstrap. */
    private static List<String> fleet() {
        return services.keySet().stream()
                .filter(name -> !BACKENDS.contains(name) && !name.equals(BOOTSTRAP))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dependsOn(String service) {
        Map<String, Map<String, String>> dependsOn =
                (Map<String, Map<String, String>>) services.get(service).getOrDefault("depends_on", Map.of());
        return dependsOn.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("condition")));
    }

    @Test
    void everyService_hasAHealthcheckAndAMemoryLimit() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("mem_limit");
            if (name.equals(BOOTSTRAP)) {
                return; // a one-shot: it exits, so there is no health to check; the others wait for its success
            }
            assertThat(service).as(name).containsKey("healthcheck");
            @SuppressWarnings("unchecked")
            Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
            assertThat(healthcheck).as(name + " healthcheck").containsKey("test");
        });
    }

    @Test
    void everyImage_isPinnedToAVersionTag() {
        services.forEach((name, service) -> {
            Object image = service.get("image");
            if (image != null) {
                assertThat(image.toString())
                        .as(name + " image")
                        .matches(".+:[0-9][^:]*")
                        .doesNotEndWith(":latest");
            } else {
                assertThat(service).as(name + " builds from the Dockerfile").containsKey("build");
            }
        });
    }

    @Test
    void dependencies_waitForHealthyBackendsAndTheCompletedBootstrap() {
        services.keySet()
                .forEach(name -> dependsOn(name)
                        .forEach((dependency, condition) -> assertThat(condition)
                                .as(name + " -> " + dependency)
                                .isEqualTo(
                                        dependency.equals(BOOTSTRAP)
                                                ? "service_completed_successfully"
                                                : "service_healthy")));
        assertThat(services.get("threat-classifier")).containsKey("depends_on");
    }

    @Test
    void publishedPorts_bindToLoopbackOnly() {
        services.forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            List<Object> ports = (List<Object>) service.getOrDefault("ports", List.of());
            ports.forEach(port -> assertThat(port.toString()).as(name).startsWith("127.0.0.1:"));
        });
    }
}
