package dev.rfm.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private final PasswordHashing hashing = new PasswordHashing();

    @Test
    void newHashesUseTheCurrentWorkFactorAndAFreshSalt() {
        String first = hashing.hash("correct horse battery".toCharArray());
        String second = hashing.hash("correct horse battery".toCharArray());

        assertThat(first).startsWith("PBKDF2WithHmacSHA256:600000:");
        assertThat(first.split(":")[2]).isNotEqualTo(second.split(":")[2]);
        assertThat(hashing.verify("correct horse battery".toCharArray(), first)).isTrue();
        assertThat(hashing.verify("correct horse batterY".toCharArray(), first)).isFalse();
        assertThat(hashing.verify(new char[0], first)).isFalse();
        assertThat(hashing.isWeak(first)).isFalse();
    }

    /** Hashes of Jakarta Security's Pbkdf2PasswordHash defaults (2,048 iterations) still verify, and are weak. */
    @Test
    void olderWeakerHashesVerifyAndAreToldApart() {
        String old = new PasswordHashing(2048).hash("s3cret-password".toCharArray());

        assertThat(old).startsWith("PBKDF2WithHmacSHA256:2048:");
        assertThat(hashing.verify("s3cret-password".toCharArray(), old)).isTrue();
        assertThat(hashing.isWeak(old)).isTrue();
    }

    @Test
    void storedValuesOfAnotherFormMatchNothing() {
        assertThat(hashing.verify("x".toCharArray(), null)).isFalse();
        assertThat(hashing.verify("x".toCharArray(), "plain")).isFalse();
        assertThat(hashing.verify("x".toCharArray(), "PBKDF2WithHmacSHA256:abc:AA==:AA=="))
                .isFalse();
        assertThat(hashing.verify("x".toCharArray(), "PBKDF2WithHmacSHA256:999999999:AA==:AA=="))
                .isFalse();
        assertThat(hashing.verify("x".toCharArray(), "MD5:1:AA==:AA==")).isFalse();
    }

    @Test
    void newPasswordsNeedTwelveCharactersAndNotTheUserName() {
        assertThat(PasswordHashing.weakness("short", "ann")).isEqualTo("A password needs at least 12 characters.");
        assertThat(PasswordHashing.weakness("annabelle-lee", "Annabelle-Lee"))
                .isEqualTo("A password cannot be the user name.");
        assertThat(PasswordHashing.weakness(" ".repeat(12), "ann")).isEqualTo("A password cannot be only spaces.");
        assertThat(PasswordHashing.weakness("x".repeat(257), "ann"))
                .isEqualTo("A password has at most 256 characters.");
        assertThat(PasswordHashing.weakness("twelve chars", "ann")).isNull();
    }
}
