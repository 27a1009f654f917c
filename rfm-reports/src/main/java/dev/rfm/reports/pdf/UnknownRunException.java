package dev.rfm.reports.pdf;

/** Asked for the report of a run that does not exist, or of the current run when no run has succeeded yet. */
public class UnknownRunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownRunException(String message) {
        super(message);
    }
}
