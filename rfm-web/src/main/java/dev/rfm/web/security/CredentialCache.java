package dev.rfm.web.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers recently verified passwords briefly, so that an API client sending HTTP Basic on every call pays the
 * slow password hash once per {@link #TIME_TO_LIVE}, not per call. What is kept per user is an HMAC-SHA256 of the
 * password under a random key that never leaves this server's memory (no password, nothing that can be brute-forced
 * offline without the key), together with the stored hash it was checked against: when the user's password changes
 * on any server, the stored hash differs and the entry no longer matches.
 */
final class CredentialCache {

    static final Duration TIME_TO_LIVE = Duration.ofMinutes(5);
    private static final int MAX_USERS = 10_000;

    private record Entry(byte[] mac, String storedHash, Instant expires) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Clock clock;

    CredentialCache(Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    /** Whether {@code password} was verified against {@code storedHash} for this user within the time to live. */
    boolean matches(String username, String password, String storedHash) {
        Entry entry = entries.get(username);
        if (entry == null || !entry.storedHash().equals(storedHash)) {
            return false;
        }
        if (entry.expires().isBefore(clock.instant())) {
            entries.remove(username, entry);
            return false;
        }
        return MessageDigest.isEqual(entry.mac(), mac(username, password));
    }

    void remember(String username, String password, String storedHash) {
        if (entries.size() >= MAX_USERS) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> e.expires().isBefore(now));
            if (entries.size() >= MAX_USERS) {
                entries.clear();
            }
        }
        entries.put(
                username,
                new Entry(mac(username, password), storedHash, clock.instant().plus(TIME_TO_LIVE)));
    }

    void forget(String username) {
        entries.remove(username);
    }

    private byte[] mac(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK lacks HmacSHA256", e);
        }
    }
}
