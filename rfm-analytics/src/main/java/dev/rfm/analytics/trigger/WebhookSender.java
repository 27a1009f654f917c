package dev.rfm.analytics.trigger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts a batch's body to a webhook, signed: {@code X-RFM-Timestamp} and {@code X-RFM-Signature} per the contract.
 * Redirects are not followed (a receiver that moved must be edited in the trigger, not followed blindly with the
 * signed customer list); the timeout covers connecting and the whole answer.
 */
public class WebhookSender {

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The receiver's answer: its status and the start of its body (for the delivery log). */
    public record Answer(int status, String body) {
        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    public Answer post(String url, String secret, long unixSeconds, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(unixSeconds))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.of(secret, unixSeconds, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String answer = response.body() == null ? "" : response.body().strip();
        return new Answer(response.statusCode(), answer.length() > 200 ? answer.substring(0, 200) : answer);
    }
}
