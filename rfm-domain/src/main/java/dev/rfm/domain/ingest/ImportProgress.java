package dev.rfm.domain.ingest;

/**
 * Receives progress reports of a running import, for a progress bar.
 *
 * <p>Called on the importing thread, a few times per second while the file is read and once at each
 * phase change; keep it quick. The fraction done while reading is {@code bytesRead / bytesTotal} when the
 * size is known.
 *
 * <p>Usage: {@code importer.importCsv(in, size, name, user, (phase, bytes, total, rows) -> status.set(...))}
 */
@FunctionalInterface
public interface ImportProgress {

    /**
     * @param phase the step the import is in
     * @param bytesRead bytes of the file read so far
     * @param bytesTotal the size of the file, or {@code -1} when not known
     * @param rowsRead data lines read so far
     */
    void update(ImportPhase phase, long bytesRead, long bytesTotal, long rowsRead);

    /** A receiver that ignores all reports. */
    static ImportProgress none() {
        return (phase, bytesRead, bytesTotal, rowsRead) -> {};
    }
}
