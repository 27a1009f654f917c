package dev.rfm.domain.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Stages lines with PostgreSQL's {@code COPY ... FROM STDIN} in text format, encoding each line straight
 * into a byte buffer that is sent whenever it fills: the file is never held in memory.
 */
final class CopyStager implements LineStager {

    private static final int BUFFER_SIZE = 1 << 18;
    private static final int FLUSH_AT = BUFFER_SIZE - 4096;

    private final CopyManager copyManager;
    private final String copySql;
    private byte[] buffer = new byte[BUFFER_SIZE];
    private int length;
    private CopyIn copy;
    private long staged;

    CopyStager(Connection connection, String table) throws SQLException {
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        this.copySql = "copy " + table + " (line_no, line_count, customer_ext, order_ext, ordered_at, amount, quantity,"
                + " channel, customer_name, customer_email) from stdin";
    }

    @Override
    public void add(OrderLine line) throws SQLException {
        appendLong(line.lineNo);
        tab();
        appendLong(line.lineCount);
        tab();
        appendText(line.customerId);
        tab();
        appendText(line.orderId);
        tab();
        appendText(line.orderedAtText);
        tab();
        appendText(line.amountText);
        tab();
        if (line.quantity == null) {
            appendNull();
        } else {
            appendLong(line.quantity);
        }
        tab();
        appendText(line.channel);
        tab();
        appendText(line.customerName);
        tab();
        appendText(line.customerEmail);
        buffer[length++] = '\n';
        staged++;
        if (length >= FLUSH_AT) {
            send();
        }
    }

    private void tab() {
        buffer[length++] = '\t';
    }

    private void appendNull() {
        ensure(2);
        buffer[length++] = '\\';
        buffer[length++] = 'N';
    }

    private void appendLong(long value) {
        ensure(20);
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        if (value == 0) {
            buffer[length++] = '0';
            return;
        }
        int start = length;
        while (value > 0) {
            buffer[length++] = (byte) ('0' + value % 10);
            value /= 10;
        }
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte swap = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = swap;
        }
    }

    /** Appends UTF-8 with COPY text escapes; {@code null} as {@code \N}. */
    private void appendText(String value) {
        if (value == null) {
            appendNull();
            return;
        }
        int n = value.length();
        ensure(n * 3 + 2);
        byte[] out = buffer;
        int pos = length;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                    out[pos++] = '\\';
                    out[pos++] = (byte) (c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\r' ? 'r' : 't');
                } else {
                    out[pos++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xC0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out[pos++] = (byte) (0xF0 | (cp >> 18));
                out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                // the text came through a strict UTF-8 decoder, so lone surrogates cannot occur
                out[pos++] = (byte) (0xE0 | (c >> 12));
                out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        length = pos;
    }

    /** Room for long values (a line is normally far below the flush margin). */
    private void ensure(int bytes) {
        if (length + bytes > buffer.length) {
            byte[] larger = new byte[Math.max(buffer.length * 2, length + bytes)];
            System.arraycopy(buffer, 0, larger, 0, length);
            buffer = larger;
        }
    }

    private void send() throws SQLException {
        if (length == 0) {
            return;
        }
        if (copy == null) {
            copy = copyManager.copyIn(copySql);
        }
        copy.writeToCopy(buffer, 0, length);
        length = 0;
        if (buffer.length > BUFFER_SIZE) {
            buffer = new byte[BUFFER_SIZE];
        }
    }

    @Override
    public void pause() throws SQLException {
        send();
        if (copy != null) {
            CopyIn ending = copy;
            copy = null;
            ending.endCopy();
        }
    }

    @Override
    public long finish() throws SQLException {
        pause();
        return staged;
    }

    @Override
    public void abort() {
        length = 0;
        if (copy != null && copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException e) {
                // the transaction is rolled back anyway
            }
        }
        copy = null;
    }
}
