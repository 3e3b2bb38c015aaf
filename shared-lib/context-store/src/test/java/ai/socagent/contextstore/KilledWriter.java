package ai.socagent.contextstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The kill tests' child: a real JVM running {@code main} on {@code location}, which prints "open"
 * and then a line per acknowledged write without pause; once it acknowledged more than {@code
 * writes} it is killed with SIGKILL (no shutdown hook, no close, no flush).
 */
public final class KilledWriter {

    private KilledWriter() {}

    /** The writes the child acknowledged before it was killed (the "open" line checked and dropped). */
    public static List<String> acknowledgedBeforeKill(Class<?> main, Path location, int writes) throws Exception {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        main.getName(),
                        location.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    acknowledged.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() > writes || !child.isAlive());
            assertThat(child.isAlive())
                    .as("the child still writing when killed")
                    .isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        reader.join(Duration.ofSeconds(30));
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        assertThat(acknowledged.getFirst()).isEqualTo("open");
        List<String> written = new ArrayList<>(acknowledged.subList(1, acknowledged.size()));
        assertThat(written).hasSizeGreaterThan(writes);
        return written;
    }
}
