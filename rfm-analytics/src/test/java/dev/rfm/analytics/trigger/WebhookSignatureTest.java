package dev.rfm.analytics.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The signature against values computed outside Java, with {@code openssl dgst -sha256 -hmac}. */
class WebhookSignatureTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256() {
        // printf '%s' '1700000000.{"batch":1}' | openssl dgst -sha256 -hmac 'a-secret-of-16-chars'
        assertThat(WebhookSignature.of("a-secret-of-16-chars", 1_700_000_000L, "{\"batch\":1}"))
                .isEqualTo("sha256=ee4b8fe145035dedc3cc48fa3a4ccac05c59e767e22fec311f089a643f6cad65");
    }

    @Test
    void anotherTimestampOrSecretGivesAnotherSignature() {
        String body = "{\"batch\":1}";
        String signed = WebhookSignature.of("a-secret-of-16-chars", 1_700_000_000L, body);
        assertThat(WebhookSignature.of("a-secret-of-16-chars", 1_700_000_001L, body))
                .isNotEqualTo(signed);
        assertThat(WebhookSignature.of("b-secret-of-16-chars", 1_700_000_000L, body))
                .isNotEqualTo(signed);
    }
}
