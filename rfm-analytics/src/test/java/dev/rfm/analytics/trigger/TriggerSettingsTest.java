package dev.rfm.analytics.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** A trigger's rules, each invalid field named at once. */
class TriggerSettingsTest {

    private static final String SECRET = "0123456789abcdef";

    private static TriggerSettings.Draft draft(String scheme, String to, String from, String url, String secret) {
        return new TriggerSettings.Draft("Win back", scheme, to, from, url, secret, null, null);
    }

    @Test
    void aValidWebhookTrigger() {
        TriggerSettings s = TriggerSettings.of(
                draft("standard", "AT_RISK", "CHAMPIONS", "https://crm.example.com/hook", SECRET),
                false,
                false,
                campaign -> false);
        assertThat(s.enabled()).isTrue();
        assertThat(s.column()).isEqualTo("segment_standard");
        assertThat(TriggerSettings.of(
                                draft("lifecycle", "DORMANT", null, "https://x.example", SECRET),
                                false,
                                false,
                                campaign -> false)
                        .column())
                .isEqualTo("lifecycle_stage");
    }

    @Test
    void namesEveryInvalidField() {
        InvalidTrigger e = catchThrowableOfType(
                InvalidTrigger.class,
                () -> TriggerSettings.of(
                        new TriggerSettings.Draft(" ", "rfm", null, "X", "ftp://x", "short", "relative/dir", null, 42L),
                        false,
                        false,
                        campaign -> false));
        assertThat(e.problems())
                .extracting(InvalidTrigger.Problem::field)
                .containsExactly("name", "scheme", "toSegment", "webhookUrl", "secret", "fileDirectory", "campaignId");
        assertThat(e.problems().get(6).message()).isEqualTo("there is no campaign 42");
    }

    @Test
    void segmentsMustBeTheSchemesOwn() {
        InvalidTrigger e = catchThrowableOfType(
                InvalidTrigger.class,
                () -> TriggerSettings.of(
                        draft("cn8", "AT_RISK", "AT_RISK", "https://x.example", SECRET),
                        false,
                        false,
                        campaign -> false));
        assertThat(e.problems())
                .extracting(InvalidTrigger.Problem::field)
                .containsExactly("toSegment", "fromSegment", "fromSegment");
        assertThat(e.problems().get(0).message()).contains("IMPORTANT_VALUE").contains("scheme cn8");
        assertThat(TriggerSettings.of(
                                draft("custom", "My VIPs", null, "https://x.example", SECRET),
                                false,
                                false,
                                campaign -> false)
                        .toSegment())
                .as("custom segments are the users' own names")
                .isEqualTo("My VIPs");
    }

    @Test
    void httpOnlyWhenAllowed() {
        var d = draft("standard", "AT_RISK", null, "http://10.0.0.5:8080/hook", SECRET);
        InvalidTrigger e = catchThrowableOfType(
                InvalidTrigger.class, () -> TriggerSettings.of(d, false, false, campaign -> false));
        assertThat(e.problems())
                .extracting(InvalidTrigger.Problem::message)
                .containsExactly("must use https:// (http:// only with RFM_WEBHOOK_ALLOW_HTTP=true)");
        assertThat(TriggerSettings.of(d, true, false, campaign -> false).webhookUrl())
                .isEqualTo("http://10.0.0.5:8080/hook");
    }

    @Test
    void aSecretIsNeededForAWebhookUnlessOneIsStored() {
        var noSecret = draft("standard", "AT_RISK", null, "https://x.example", null);
        InvalidTrigger e = catchThrowableOfType(
                InvalidTrigger.class, () -> TriggerSettings.of(noSecret, false, false, campaign -> false));
        assertThat(e.problems()).extracting(InvalidTrigger.Problem::field).containsExactly("secret");
        assertThat(TriggerSettings.of(noSecret, false, true, campaign -> false).secret())
                .as("kept on update")
                .isNull();
        var fileOnly = new TriggerSettings.Draft("f", "standard", "LOST", null, null, null, "/srv/pickup", false);
        assertThat(TriggerSettings.of(fileOnly, false, false, campaign -> false).enabled())
                .isFalse();
        var nowhere = new TriggerSettings.Draft("f", "standard", "LOST", null, null, null, null, null);
        InvalidTrigger none = catchThrowableOfType(
                InvalidTrigger.class, () -> TriggerSettings.of(nowhere, false, false, campaign -> false));
        assertThat(none.problems())
                .extracting(InvalidTrigger.Problem::message)
                .containsExactly("is required unless fileDirectory is given");
    }

    @Test
    void aCampaignIsOptionalAndMustExist() {
        var d = new TriggerSettings.Draft(
                "For the spring campaign", "standard", "AT_RISK", null, "https://x.example", SECRET, null, null, 7L);
        assertThat(TriggerSettings.of(d, false, false, campaign -> campaign == 7)
                        .campaignId())
                .isEqualTo(7L);
        assertThat(TriggerSettings.of(
                                draft("standard", "AT_RISK", null, "https://x.example", SECRET),
                                false,
                                false,
                                campaign -> {
                                    throw new AssertionError("no campaign to look up");
                                })
                        .campaignId())
                .isNull();
    }
}
