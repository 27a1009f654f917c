/**
 * Importing transactions from the outside: {@code POST /api/imports} streams the request body straight into the
 * importer; the Import page uploads a file, imports it in the background and shows a progress bar.
 */
package dev.rfm.web.ingest;
