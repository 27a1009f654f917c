package dev.rfm.domain.ingest;

/** The steps of an import, in order, as reported to {@link ImportProgress}. */
public enum ImportPhase {
    /** Waiting for another import to finish (imports run one at a time across all servers). */
    WAITING("waiting"),
    /** Reading and checking the file line by line and staging the good lines in the database. */
    READING("reading"),
    /** Adding up item lines and looking for duplicates and order-id clashes. */
    CHECKING("checking"),
    /** Creating the new customers and orders. */
    MERGING("merging"),
    /** Committed. */
    DONE("done");

    private final String label;

    ImportPhase(String label) {
        this.label = label;
    }

    /** The lower-case name shown to users, e.g. {@code "reading"}. */
    public String label() {
        return label;
    }
}
