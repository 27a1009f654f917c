package dev.rfm.domain.ingest;

import java.sql.SQLException;

/** Writes checked lines into the staging table, in bulk. */
interface LineStager {

    void add(OrderLine line) throws SQLException;

    /**
     * Sends what is buffered, so that other statements can run on the connection (a COPY in progress
     * blocks it). Adding again resumes.
     */
    void pause() throws SQLException;

    /** Sends the rest; returns how many lines were staged in all. */
    long finish() throws SQLException;

    /** Gives up after an error (the transaction will be rolled back); never throws. */
    void abort();
}
