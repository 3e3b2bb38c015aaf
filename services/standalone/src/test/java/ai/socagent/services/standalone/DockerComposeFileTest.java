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
 * conventions are checked here: every service healthy-checked, memory-limited, pinned, bound to
 * loopback, and the fleet in compose is the fleet in services/.
 */
class DockerComposeFileTest {

    private static final Path REPOSITORY = Path.of("..", "..");
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
        assertThat(services.keySet()).containsAll(modules).contains("localstack", "redis", "opensearch");
    }

    @Test
    void everyService_hasAHealthcheckAndAMemoryLimit() {
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKey("healthcheck").containsKey("mem_limit");
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
    void dependencies_waitForHealthyBackends() {
        services.forEach((name, service) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            if (dependsOn != null) {
                dependsOn.forEach((dependency, condition) -> assertThat(condition.get("condition"))
                        .as(name + " -> " + dependency)
                        .isEqualTo("service_healthy"));
            }
        });
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
