package dev.rfm.domain.snapshot;

/**
 * One line of the run history: the run as stored and the health of the models it fitted (converged, parameters,
 * log-likelihood). Read in one query, page by page ({@link Snapshots#runHistory}).
 */
public record RunHistoryRow(RunRecord run, ModelFit model) {}
