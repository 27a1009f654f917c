/** Scoring runs from the outside: {@code /api/runs} to start, follow and cancel runs; {@code /api/profiles}. */
package dev.rfm.web.run;
