package dev.rfm.domain.incident;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The id under which a server-side failure is logged with all its details, and the only trace of those details that a
 * client is shown: exception and SQL texts can name tables, constraints, file paths and data, so they stay in the log.
 *
 * <p>Usage:
 *
 * <pre>{@code
 * ErrorReference ref = ErrorReference.log(LOG, "Import of orders.csv failed", e);
 * throw new ImportFailedException(DATABASE_ERROR, "The database failed, nothing was imported" + ref.sentence());
 * }</pre>
 */
public record ErrorReference(String id) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ErrorReference {
        Objects.requireNonNull(id, "id");
    }

    /** A fresh id: eight hex digits, enough to find one failure in a log. */
    public static ErrorReference next() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return new ErrorReference(HexFormat.of().formatHex(bytes));
    }

    /** Logs {@code what} and the cause with its stack trace under a fresh id, and returns that id. */
    public static ErrorReference log(Logger log, String what, Throwable cause) {
        ErrorReference reference = next();
        log.log(Level.ERROR, what + " [error id " + reference.id + "]", cause);
        return reference;
    }

    /** What a message for people ends with: {@code " (error id 1a2b3c4d; the details are in the server log)"}. */
    public String sentence() {
        return " (error id " + id + "; the details are in the server log)";
    }

    @Override
    public String toString() {
        return id;
    }
}
