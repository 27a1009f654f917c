package dev.rfm.domain.ingest;

import java.io.IOException;

/**
 * A fatal problem with the uploaded bytes, found while decoding them. An {@link IOException} so that it
 * can travel through the CSV parser's {@link java.io.Reader} calls; the importer turns it into an {@link
 * ImportFailedException}.
 */
public final class InputProblem extends IOException {

    private static final long serialVersionUID = 1L;

    private final ImportFailedException.Code code;
    private final long line;

    InputProblem(ImportFailedException.Code code, long line, String message) {
        super(message);
        this.code = code;
        this.line = line;
    }

    /**
     * A source system that feeds an import failed while it was read ({@link ImportFailedException.Code#SOURCE_ERROR}):
     * the import fails as a whole with this message, nothing of it is written.
     */
    public static InputProblem sourceFailed(String message) {
        return new InputProblem(ImportFailedException.Code.SOURCE_ERROR, 0, message);
    }

    ImportFailedException toFailure() {
        return new ImportFailedException(code, line, getMessage(), null);
    }
}
