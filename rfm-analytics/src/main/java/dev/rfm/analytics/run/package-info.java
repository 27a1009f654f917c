/**
 * Scoring runs in the container: the nightly EJB timer and manual requests start a run under a database guard (one
 * run at a time, even with several servers); the job streams the orders, runs the plain-Java computation and writes
 * the snapshot in one transaction that also makes it current; {@link dev.rfm.domain.snapshot.RunSucceeded} follows.
 */
package dev.rfm.analytics.run;
