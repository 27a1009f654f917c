package dev.rfm.analytics.trigger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver on a free port (the JDK's HttpServer), as a customer's system would be: it checks each
 * request's signature with its own HMAC code and the timestamp against the one expected, answers 500 to the first
 * {@code failFirst} requests, and keeps the accepted bodies. A request with a bad signature or timestamp is
 * answered 401 and counted in {@link #rejected}.
 */
final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final String secret;
    private final List<JsonObject> accepted = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    volatile int failFirst;
    volatile long expectedTimestamp = -1;

    Receiver(String secret, int port) throws IOException {
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.createContext("/hook", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<JsonObject> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    List<String> acceptedKeys() {
        return accepted().stream().map(b -> b.getString("idempotencyKey")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String timestamp = exchange.getRequestHeaders().getFirst("X-RFM-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-RFM-Signature");
        int status;
        if (timestamp == null
                || signature == null
                || !signature.equals("sha256=" + hmac(timestamp + "." + body))
                || (expectedTimestamp >= 0 && Long.parseLong(timestamp) != expectedTimestamp)) {
            rejected.incrementAndGet();
            status = 401;
        } else if (n <= failFirst) {
            status = 500;
        } else {
            accepted.add(Json.createReader(new StringReader(body)).readObject());
            status = 204;
        }
        byte[] answer = status == 500 ? "receiver busy".getBytes(StandardCharsets.UTF_8) : new byte[0];
        exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
