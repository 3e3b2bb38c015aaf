package ai.socagent.contextstore.adapter.out.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free port, that the test may stop and start again (the
 * shared one of scripts/backends.sh must never be stopped). No persistence: a restart starts empty.
 */
final class OwnRedisServer implements AutoCloseable {

    private static final String BINARY = "/usr/bin/redis-server";

    private final int port;
    private final Path directory;
    private Process process;

    OwnRedisServer() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            directory = Files.createTempDirectory("own-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    OwnRedisServer start() {
        try {
            process = new ProcessBuilder(
                            BINARY,
                            "--port",
                            String.valueOf(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY + " (installed by scripts/backends.sh)", e);
        }
        await().atMost(Duration.ofSeconds(10)).until(this::answers);
        return this;
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !answers());
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
