package dev.rfm.web.ingest;

import dev.rfm.domain.ingest.ImportFailedException;
import dev.rfm.domain.ingest.ImportPhase;
import dev.rfm.domain.ingest.ImportProgress;
import dev.rfm.domain.ingest.ImportResult;
import java.io.Serializable;

/**
 * One import started from the page and running in the background: what the progress bar and the summary show. Written
 * by the importing thread, read by page requests: fields are volatile and each is written once per report.
 */
public final class ImportJob implements ImportProgress, Serializable {

    private static final long serialVersionUID = 1L;

    private final String id;
    private final String fileName;
    private volatile ImportPhase phase = ImportPhase.WAITING;
    private volatile long bytesRead;
    private volatile long bytesTotal = -1;
    private volatile long rowsRead;
    private volatile ImportResult result;
    private volatile String failureCode;
    private volatile String failureMessage;

    ImportJob(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    @Override
    public void update(ImportPhase phase, long bytesRead, long bytesTotal, long rowsRead) {
        this.phase = phase;
        this.bytesRead = bytesRead;
        this.bytesTotal = bytesTotal;
        this.rowsRead = rowsRead;
    }

    void succeeded(ImportResult result) {
        this.result = result;
        this.phase = ImportPhase.DONE;
    }

    void failed(ImportFailedException e) {
        failed(e.code().name(), e.getMessage());
    }

    void failed(String code, String message) {
        this.failureCode = code;
        this.failureMessage = message;
        this.phase = ImportPhase.DONE;
    }

    public String getId() {
        return id;
    }

    public String getFileName() {
        return fileName;
    }

    public String getPhase() {
        return phase.label();
    }

    public long getRowsRead() {
        return rowsRead;
    }

    public boolean isFinished() {
        return phase == ImportPhase.DONE;
    }

    public boolean isFailed() {
        return failureCode != null;
    }

    public ImportResult getResult() {
        return result;
    }

    public String getFailureCode() {
        return failureCode;
    }

    public String getFailureMessage() {
        return failureMessage;
    }

    /**
     * Percent done for the progress bar: reading is most of the work (0–90 %), merging the rest; 100 only when
     * finished, so the bar's completion means the summary is ready.
     */
    public int getPercent() {
        if (isFinished()) return 100;
        return switch (phase) {
            case WAITING -> 0;
            case READING, CHECKING -> bytesTotal > 0 ? (int) Math.min(89, 90 * bytesRead / bytesTotal) : 10;
            case MERGING -> 95;
            case DONE -> 100;
        };
    }
}
