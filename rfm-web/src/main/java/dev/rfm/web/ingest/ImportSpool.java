package dev.rfm.web.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An import body on disk, read to its end before the importer takes the import lock and a pooled connection: a slow or
 * stalled upload then holds only its own request, never the imports of others. The limit is counted while writing, so
 * a body over it stops at the first byte too many and its file is deleted at once.
 *
 * <p>Usage: {@code try (ImportSpool spool = ImportSpool.write(body, dir, maxBytes)) { importer.importCsv(spool.open(),
 * spool.size(), ...); }} &mdash; closing deletes the file.
 */
final class ImportSpool implements AutoCloseable {

    /** A body larger than the configured limit ({@code rfm.import.max-bytes}). */
    static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLargeException(long limit) {
            super("The body is larger than the import limit of " + limit + " bytes");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    /** The body could not be read to its end: the client went away or stalled past the server's timeout. */
    static final class ReadException extends IOException {
        private static final long serialVersionUID = 1L;

        ReadException(IOException cause) {
            super(cause);
        }
    }

    private final Path file;
    private final long size;

    private ImportSpool(Path file, long size) {
        this.file = file;
        this.size = size;
    }

    /**
     * Copies {@code body} to a new file in {@code directory}.
     *
     * @throws TooLargeException when the body has more than {@code maxBytes} bytes (nothing stays on disk)
     * @throws IOException when reading the body or writing the file fails (nothing stays on disk)
     */
    static ImportSpool write(InputStream body, Path directory, long maxBytes) throws IOException, TooLargeException {
        return write(body, -1, directory, maxBytes);
    }

    /**
     * Copies {@code body}, which declared {@code declaredBytes} ({@code -1}: unknown), to a new file in {@code
     * directory}; a body that ends before its declared length was cut off ({@link ReadException}).
     */
    static ImportSpool write(InputStream body, long declaredBytes, Path directory, long maxBytes)
            throws IOException, TooLargeException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "import-", ".csv");
        return new ImportSpool(file, copy(body, declaredBytes, file, maxBytes));
    }

    /**
     * Copies {@code body} to {@code file}, at most {@code maxBytes}; on any failure the file is deleted.
     *
     * @return the number of bytes copied
     */
    static long copy(InputStream body, Path file, long maxBytes) throws IOException, TooLargeException {
        return copy(body, -1, file, maxBytes);
    }

    private static long copy(InputStream body, long declaredBytes, Path file, long maxBytes)
            throws IOException, TooLargeException {
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = read(body, buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            if (declaredBytes >= 0 && total != declaredBytes) {
                throw new ReadException(new EOFException(
                        "the body ended after " + total + " of its declared " + declaredBytes + " bytes"));
            }
            kept = true;
            return total;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static int read(InputStream body, byte[] buffer) throws ReadException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new ReadException(e);
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
