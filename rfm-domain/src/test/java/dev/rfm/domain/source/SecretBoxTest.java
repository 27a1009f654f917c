package dev.rfm.domain.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords of data sources: sealed with AES-GCM, opened only with the same key, the key kept owner-only. */
class SecretBoxTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aSealedPasswordOpensWithTheSameKeyOnly() {
        SecretBox box = SecretBox.ofBase64(KEY);
        String sealed = box.seal("s3cret pässword");

        assertThat(sealed).startsWith("v1:").doesNotContain("s3cret");
        assertThat(box.open(sealed)).isEqualTo("s3cret pässword");
        assertThat(box.seal("s3cret pässword")).as("a fresh nonce each time").isNotEqualTo(sealed);

        byte[] other = new byte[32];
        other[0] = 1;
        SecretBox otherBox = SecretBox.ofBase64(Base64.getEncoder().encodeToString(other));
        assertThatThrownBy(() -> otherBox.open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be decrypted with this RFM_SECRET_KEY");

        byte[] tampered = Base64.getDecoder().decode(sealed.substring(3));
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open("v1:" + Base64.getEncoder().encodeToString(tampered)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedByName() {
        assertThatThrownBy(() -> SecretBox.ofBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessage("RFM_SECRET_KEY must be the base64 of 32 bytes (AES-256); it decodes to 16 bytes");
        assertThatThrownBy(() -> SecretBox.ofBase64("not base64!")).hasMessage("RFM_SECRET_KEY is not base64");
    }

    @Test
    void withoutASetKeyOneIsGeneratedOnceOwnerOnlyAndKept(@TempDir Path dataDir) throws Exception {
        SecretBox first = SecretBox.fromSettings(Optional.empty(), dataDir);
        Path file = dataDir.resolve(SecretBox.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        SecretBox again = SecretBox.fromSettings(Optional.of(" "), dataDir);
        assertThat(again.open(first.seal("pw"))).isEqualTo("pw");

        SecretBox configured = SecretBox.fromSettings(Optional.of(KEY), dataDir);
        assertThat(configured.open(SecretBox.ofBase64(KEY).seal("pw"))).isEqualTo("pw");
    }
}
