package dev.rfm.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.domain.user.PasswordHashing;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The user rules' refusals have a text in both languages, and the English one says what the rule says. Every key
 * is named here as UserDirectory throws it: a refusal without a text would show English on the Chinese pages.
 */
class RefusalTextsTest {

    private static final String BUNDLE = "dev.rfm.web.i18n.messages";

    static Stream<String> reasons() {
        return Stream.concat(
                Stream.of("userName", "userExists", "lastAdmin", "wrongPassword", "samePassword", "unknownRole"),
                Stream.of(PasswordHashing.Weakness.values()).map(w -> "password." + w.name()));
    }

    @ParameterizedTest
    @MethodSource("reasons")
    void everyRefusalHasATextInBothLanguages(String reason) {
        for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE}) {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale);
            assertThat(bundle.getString("refused." + reason))
                    .as("%s in %s", reason, locale)
                    .isNotBlank();
        }
        assertThat(ResourceBundle.getBundle(BUNDLE, Locale.SIMPLIFIED_CHINESE).getString("refused." + reason))
                .as("translated")
                .isNotEqualTo(ResourceBundle.getBundle(BUNDLE, Locale.ROOT).getString("refused." + reason));
    }

    @ParameterizedTest
    @EnumSource(PasswordHashing.Weakness.class)
    void theEnglishPasswordTextsSayWhatTheRuleSays(PasswordHashing.Weakness weakness) {
        String pattern = ResourceBundle.getBundle(BUNDLE, Locale.ROOT).getString("refused.password." + weakness.name());
        assertThat(new MessageFormat(pattern, Locale.ENGLISH)
                        .format(new Object[] {PasswordHashing.MIN_LENGTH, PasswordHashing.MAX_LENGTH}))
                .isEqualTo(weakness.message());
    }
}
