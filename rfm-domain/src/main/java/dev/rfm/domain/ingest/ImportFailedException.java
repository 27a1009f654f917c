package dev.rfm.domain.ingest;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * An import that stopped without importing anything: nothing of the file was written, and the attempt is
 * recorded in {@code data_import} with status {@code FAILED}, {@link #code()} and {@link #getMessage()}.
 *
 * <p>The message is for people and names the line, field and reason where there is one, e.g. {@code "Line
 * 7 is not valid UTF-8 (byte 0xE9): save the file as UTF-8"}. {@link #code()} is stable for programs; the
 * codes with {@link Code#isInputError()} are the uploader's to fix (HTTP 400), the others are the server's
 * (HTTP 500).
 */
public class ImportFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an import failed as a whole. */
    public enum Code {
        /** No bytes, or only a byte order mark, blanks and empty lines. */
        EMPTY_FILE(true),
        /** The first line is not a header: it names none of the required columns. */
        NO_HEADER(true),
        /** The header lacks some required columns; the message names them. */
        MISSING_COLUMNS(true),
        /** The header names a column twice. */
        DUPLICATE_COLUMNS(true),
        /** Not CSV text at all: binary content (NUL bytes), JSON, or a field beyond any sensible size. */
        NOT_CSV(true),
        /** Not valid UTF-8; the message names the line. */
        BAD_ENCODING(true),
        /** The file ends in the middle of a line or a quoted field: the upload was cut off. */
        TRUNCATED(true),
        /** A source system could not be read (connection, query, a column it lacks): fix the data source. */
        SOURCE_ERROR(true),
        /** Another import held the import lock longer than this one waits (HTTP 409 fits). */
        BUSY(false),
        /** Reading the upload failed (e.g. the client went away). */
        READ_ERROR(false),
        /** The database refused or failed; nothing was written. */
        DATABASE_ERROR(false),
        /** A bug: an unexpected exception; nothing was written. */
        INTERNAL_ERROR(false);

        private final boolean inputError;

        Code(boolean inputError) {
            this.inputError = inputError;
        }

        /** Whether the file is at fault (fix the file and retry) rather than the server. */
        public boolean isInputError() {
            return inputError;
        }
    }

    private final Code code;
    private final long line;
    private final long importId;

    ImportFailedException(Code code, long line, String message, Throwable cause) {
        this(code, line, message, cause, 0);
    }

    private ImportFailedException(Code code, long line, String message, Throwable cause, long importId) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
        this.line = line;
        this.importId = importId;
    }

    /** The same failure, now recorded in {@code data_import} under {@code importId}. */
    ImportFailedException recordedAs(long id) {
        ImportFailedException recorded = new ImportFailedException(code, line, getMessage(), getCause(), id);
        for (Throwable suppressed : getSuppressed()) {
            recorded.addSuppressed(suppressed);
        }
        recorded.setStackTrace(getStackTrace());
        return recorded;
    }

    public Code code() {
        return code;
    }

    /** The line of the file the failure was found on (the header is line 1), if it is tied to one. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /**
     * The id of the {@code FAILED} record in {@code data_import}; empty only when even that could not be
     * written (the database is down).
     */
    public OptionalLong importId() {
        return importId > 0 ? OptionalLong.of(importId) : OptionalLong.empty();
    }
}
