package dev.rfm.web;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The product as users run it: {@code java -jar rfm-microbundle.jar} in a process of its own, with the environment of
 * the failsafe execution (database, admin password) and settings of its own. Unlike Arquillian's container, a test
 * can kill it (SIGKILL, as a crash or the OOM killer would), restart it, or run two of them on one database.
 */
final class BundleProcess implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private final Path log;

    private BundleProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a bundle on a free port and waits until {@code /health/ready} is UP. */
    static BundleProcess start(String name, Path dataDir, Map<String, String> settings) throws IOException {
        return start(name, dataDir, settings, "768m");
    }

    /** As {@link #start(String, Path, Map)}, with the server's maximum heap, e.g. {@code 2g}. */
    static BundleProcess start(String name, Path dataDir, Map<String, String> settings, String heap)
            throws IOException {
        int port = freePort();
        Path bundle = Path.of(System.getProperty("rfm.bundle"));
        Path log = bundle.resolveSibling("bundle-" + name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-jar",
                bundle.toString(),
                "--port",
                Integer.toString(port),
                "--nocluster")); // two servers share only their database, as on two hosts
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("RFM_DATA_DIR", dataDir.toString());
        // a setting mapped to null is removed from what the test's own environment passes on
        settings.forEach((key, value) -> {
            if (value == null) builder.environment().remove(key);
            else builder.environment().put(key, value);
        });
        BundleProcess started = new BundleProcess(builder.start(), port, log);
        started.awaitReady();
        return started;
    }

    URL base() {
        try {
            return new URL("http://localhost:" + port + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiClient api() {
        return new ApiClient(base());
    }

    /** The server's own log so far. */
    String log() throws IOException {
        return Files.readString(log);
    }

    /** Ends the process with SIGKILL: no shutdown hook, no clean-up, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) kill();
    }

    private void awaitReady() {
        ApiClient api = api();
        await("bundle on port " + port + " ready (log: " + log + ")")
                .atMost(BOOT_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsMatching(e -> e instanceof IOException)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "the bundle exited with " + process.exitValue() + "; its log: " + log + "\n" + tail());
                    }
                    HttpResponse<String> ready = api.getAnonymous("health/ready");
                    return ready.statusCode() == 200;
                });
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
