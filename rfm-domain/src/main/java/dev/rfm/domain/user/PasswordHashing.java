package dev.rfm.domain.user;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with {@value #ITERATIONS} iterations (OWASP's 2023 advice), a 16-byte
 * random salt and a 32-byte key, stored as {@code PBKDF2WithHmacSHA256:iterations:salt:hash} (Base64) — the format
 * of Jakarta Security's {@code Pbkdf2PasswordHash}, so hashes written before (2,048 iterations) still verify and
 * are replaced by a stronger one at their owner's next sign-in ({@link #isWeak}).
 *
 * <p>Plain JDK cryptography: the same on every server.
 */
public final class PasswordHashing {

    /** The work factor of new hashes. */
    public static final int ITERATIONS = 600_000;

    /** Shortest password a user may choose. */
    public static final int MIN_LENGTH = 12;

    /** Longest password accepted: long enough for any passphrase, short enough to bound the work. */
    public static final int MAX_LENGTH = 256;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    /** Hashing with the product's work factor. */
    public PasswordHashing() {
        this(ITERATIONS);
    }

    /** Hashing with another work factor (tests only: a weak factor makes a weak hash). */
    PasswordHashing(int iterations) {
        this.iterations = iterations;
    }

    /** A new salted hash of {@code password}. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = pbkdf2(password, salt, iterations);
        Base64.Encoder base64 = Base64.getEncoder();
        return ALGORITHM + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(key);
    }

    /**
     * Whether {@code password} matches {@code stored}, in time that does not depend on where they differ. A stored
     * value that is not a hash of this format matches nothing.
     */
    public boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":");
        if (parts.length != 4 || !parts[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            int storedIterations = Integer.parseInt(parts[1]);
            if (storedIterations < 1 || storedIterations > 10 * ITERATIONS) {
                return false;
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            boolean empty = password.length == 0; // the JDK refuses an empty password: the same work, then no
            byte[] actual = pbkdf2(empty ? new char[] {'\0'} : password, salt, storedIterations);
            return MessageDigest.isEqual(expected, actual) && !empty;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} was made with a smaller work factor than new hashes get. */
    public boolean isWeak(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":");
        try {
            return parts.length != 4 || Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Why a password cannot be a new password; {@link #message()} in English, the name for other languages. */
    public enum Weakness {
        TOO_SHORT("A password needs at least " + MIN_LENGTH + " characters."),
        TOO_LONG("A password has at most " + MAX_LENGTH + " characters."),
        ONLY_SPACES("A password cannot be only spaces."),
        USER_NAME("A password cannot be the user name.");

        private final String message;

        Weakness(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /**
     * Why {@code password} cannot be a new password, or {@code null} when it can.
     *
     * @param username the user's name, which the password must not be
     */
    public static Weakness check(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) return Weakness.TOO_SHORT;
        if (password.length() > MAX_LENGTH) return Weakness.TOO_LONG;
        if (password.isBlank()) return Weakness.ONLY_SPACES;
        if (password.equalsIgnoreCase(username)) return Weakness.USER_NAME;
        return null;
    }

    /** {@link #check} in words, or {@code null} when the password can be used. */
    public static String weakness(String password, String username) {
        Weakness weakness = check(password, username);
        return weakness == null ? null : weakness.message();
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }
}
