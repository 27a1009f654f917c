/**
 * Failures that are the server's, not the user's: the details (exception, SQL text) go to the server log under a
 * short error id, and the user is shown words and that id, never the exception text.
 */
package dev.rfm.domain.incident;
