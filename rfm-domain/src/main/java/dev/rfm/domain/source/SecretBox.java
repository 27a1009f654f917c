package dev.rfm.domain.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the passwords of data sources for storage: AES-256-GCM with a fresh random 96-bit nonce per value and a
 * 128-bit tag, stored as {@code v1:} + base64(nonce || ciphertext+tag). GCM also authenticates: a value changed in
 * the database, or read with another key, fails to open instead of giving a wrong password.
 *
 * <p>The key: {@code RFM_SECRET_KEY} (base64 of 32 bytes) when set; otherwise {@link #KEY_FILE} in {@code
 * RFM_DATA_DIR}, generated at first start with owner-only permissions ({@link #fromSettings}). Losing the key loses
 * the stored passwords (enter them again), nothing else.
 */
public final class SecretBox {

    /** The generated key's file name in {@code RFM_DATA_DIR}. */
    public static final String KEY_FILE = "secret.key";

    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "rfm data source password".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException(
                    "RFM_SECRET_KEY must be the base64 of 32 bytes (AES-256); it decodes to " + key.length + " bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A box with this base64 key of 32 bytes. */
    public static SecretBox ofBase64(String base64Key) {
        try {
            return new SecretBox(Base64.getDecoder().decode(base64Key.strip()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("RFM_SECRET_KEY")) {
                throw e;
            }
            throw new IllegalArgumentException("RFM_SECRET_KEY is not base64", e);
        }
    }

    /**
     * The box of the settings: {@code configuredKey} ({@code RFM_SECRET_KEY}) when present, else the key in {@code
     * dataDir/secret.key}, created now (owner read/write only where the file system knows POSIX permissions) if there
     * is none. Two servers on one database must share the key: set {@code RFM_SECRET_KEY} on both.
     */
    public static SecretBox fromSettings(Optional<String> configuredKey, Path dataDir) throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        Optional<String> key = configuredKey.filter(k -> !k.isBlank());
        if (key.isPresent()) {
            return ofBase64(key.get());
        }
        Path file = dataDir.resolve(KEY_FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDir);
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            try {
                createOwnerOnly(file);
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException raced) {
                // another start created it first: use that one
            }
        }
        return ofBase64(Files.readString(file, StandardCharsets.US_ASCII));
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** The stored form of {@code secret}. */
    public String seal(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] stored = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The secret of a stored form.
     *
     * @throws IllegalStateException when the value was not sealed with this key or was changed
     */
    public String open(String stored) {
        Objects.requireNonNull(stored, "stored");
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("not a sealed value");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(CONTEXT);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The stored password cannot be decrypted with this RFM_SECRET_KEY: enter the password again", e);
        }
    }
}
