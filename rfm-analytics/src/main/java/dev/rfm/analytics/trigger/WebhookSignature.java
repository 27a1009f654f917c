package dev.rfm.analytics.trigger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The contract's webhook signature: {@code X-RFM-Signature: sha256=} + hex HMAC-SHA256 of {@code timestamp + "." +
 * body} with the trigger's secret, {@code timestamp} being {@code X-RFM-Timestamp} (Unix seconds). Signing the
 * timestamp with the body lets a receiver reject replays of an old, captured request (the shape Stripe and GitHub
 * use).
 */
public final class WebhookSignature {

    public static final String TIMESTAMP_HEADER = "X-RFM-Timestamp";
    public static final String SIGNATURE_HEADER = "X-RFM-Signature";

    private WebhookSignature() {}

    /** The value of {@code X-RFM-Signature} for a body sent at {@code unixSeconds}. */
    public static String of(String secret, long unixSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
