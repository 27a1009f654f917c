package dev.rfm.domain.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes an upload as strict UTF-8 for the CSV parser and watches the text go by.
 *
 * <p>{@link java.io.InputStreamReader} would silently turn bad bytes into U+FFFD, so a Latin-1 file would
 * import with garbled names; this reader stops at the first invalid byte sequence and names its line. It
 * also stops at a NUL character (binary content: no CSV text contains one, and PostgreSQL cannot store
 * it), drops a leading byte order mark, counts the bytes consumed for progress reports and follows the
 * RFC 4180 quoting the way the parser does, so that the importer can tell at the end whether the file was
 * cut off inside a line or a quoted field.
 *
 * <p>Line numbers count a line break as {@code \n}, {@code \r\n} or a lone {@code \r}, like FastCSV does.
 */
final class CheckedCsvText extends Reader {

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Undecoded bytes between position and limit ("read mode"). */
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);

    private final char[] small = new char[2];
    private int smallPos;
    private int smallLen;

    private long bytesRead;
    private boolean endOfInput;
    private boolean flushed;
    private boolean firstChars = true;

    private long line = 1;
    private boolean previousCr;
    private int state = FIELD_START;
    private long quotedFieldLine;
    private boolean anyText;
    private boolean lastWasLineBreak;

    CheckedCsvText(InputStream in) {
        this.in = in;
        bytes.flip();
    }

    /** Bytes taken from the upload so far (a little ahead of the parser, which buffers). */
    long bytesRead() {
        return bytesRead;
    }

    /** Whether the text seen so far ends with a line break. */
    boolean endsWithLineBreak() {
        return lastWasLineBreak;
    }

    /** Whether the text seen so far ends inside a quoted field (an opening quote never closed). */
    boolean endsInsideQuotedField() {
        return state == QUOTED;
    }

    /** The line on which the quoted field open at the end of the text started. */
    long openQuotedFieldLine() {
        return quotedFieldLine;
    }

    /** Whether any character other than a byte order mark was decoded. */
    boolean anyText() {
        return anyText;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (length < small.length || smallLen > 0) {
            return readThroughSmallBuffer(target, offset, length);
        }
        return decodeInto(target, offset, length);
    }

    /** A 4-byte UTF-8 sequence decodes to two chars, which a one-char read cannot take at once. */
    private int readThroughSmallBuffer(char[] target, int offset, int length) throws IOException {
        if (smallPos == smallLen) {
            int n = decodeInto(small, 0, small.length);
            if (n < 0) {
                return -1;
            }
            smallPos = 0;
            smallLen = n;
        }
        int n = Math.min(length, smallLen - smallPos);
        System.arraycopy(small, smallPos, target, offset, n);
        smallPos += n;
        if (smallPos == smallLen) {
            smallPos = 0;
            smallLen = 0;
        }
        return n;
    }

    private int decodeInto(char[] target, int offset, int length) throws IOException {
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (true) {
            if (flushed) {
                return -1;
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            int produced = out.position() - offset;
            if (result.isError()) {
                watch(target, offset, produced);
                throw badEncoding(result.length());
            }
            if (produced > 0) {
                int kept = watch(target, offset, produced);
                if (kept > 0) {
                    return kept;
                }
                out.position(offset); // it was only the byte order mark
                continue;
            }
            if (result.isOverflow()) {
                throw new IllegalStateException("read buffer too small for one character");
            }
            if (endOfInput) {
                flushed = true;
                decoder.flush(out); // UTF-8 keeps no state beyond the bytes already decoded
                return -1;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
            bytesRead += n;
        }
        bytes.flip();
    }

    private InputProblem badEncoding(int badLength) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < badLength && bytes.position() + i < bytes.limit(); i++) {
            if (i > 0) {
                hex.append(' ');
            }
            hex.append(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        String what = endOfInput && bytes.position() + badLength >= bytes.limit()
                ? "ends in the middle of a UTF-8 character (" + hex + ")"
                : "is not valid UTF-8 (" + hex + ")";
        return new InputProblem(
                ImportFailedException.Code.BAD_ENCODING,
                line,
                "Line " + line + " " + what + ": the file must be saved as UTF-8");
    }

    /**
     * Follows the freshly decoded chars: drops a leading byte order mark, counts lines, tracks quoting and
     * rejects NUL. Returns how many chars remain.
     */
    private int watch(char[] buf, int offset, int count) throws InputProblem {
        int n = count;
        if (firstChars && n > 0) {
            firstChars = false;
            if (buf[offset] == '\uFEFF') {
                System.arraycopy(buf, offset + 1, buf, offset, n - 1);
                n--;
            }
        }
        int end = offset + n;
        for (int i = offset; i < end; i++) {
            char c = buf[i];
            if (c == '\n') {
                if (!previousCr) {
                    line++;
                }
                previousCr = false;
                if (state != QUOTED) {
                    state = FIELD_START;
                }
            } else if (c == '\r') {
                line++;
                previousCr = true;
                if (state != QUOTED) {
                    state = FIELD_START;
                }
            } else {
                previousCr = false;
                if (c == '"') {
                    if (state == FIELD_START) {
                        state = QUOTED;
                        quotedFieldLine = line;
                    } else if (state == QUOTED) {
                        state = QUOTE_IN_QUOTED;
                    } else if (state == QUOTE_IN_QUOTED) {
                        state = QUOTED; // an escaped quote ""
                    }
                } else if (c == ',') {
                    if (state != QUOTED) {
                        state = FIELD_START;
                    }
                } else if (c == 0) {
                    throw new InputProblem(
                            ImportFailedException.Code.NOT_CSV,
                            line,
                            "Line " + line + " contains a NUL character: this is binary data, not a CSV text file");
                } else if (state == FIELD_START || state == QUOTE_IN_QUOTED) {
                    state = UNQUOTED;
                }
            }
        }
        if (n > 0) {
            anyText = true;
            char last = buf[end - 1];
            lastWasLineBreak = last == '\n' || last == '\r';
        }
        return n;
    }

    /** Leaves the upload open: it belongs to the caller. */
    @Override
    public void close() {
        // nothing to release
    }
}
