package dev.rfm.domain.ingest;

import java.io.IOException;

/**
 * A fatal problem with the uploaded bytes, found while decoding them. An {@link IOException} so that it
 * can travel through the CSV parser's {@link java.io.Reader} calls; the importer turns it into an {@link
 * ImportFailedException}.
 */
final class InputProblem extends IOException {

    private static final long serialVersionUID = 1L;

    private final ImportFailedException.Code code;
    private final long line;

    InputProblem(ImportFailedException.Code code, long line, String message) {
        super(message);
        this.code = code;
        this.line = line;
    }

    ImportFailedException toFailure() {
        return new ImportFailedException(code, line, getMessage(), null);
    }
}
