/**
 * Segments in the dashboard and the API: the Segments page (every scheme's segments with sizes, shares, averages,
 * change since the previous run and the editable recommended actions) and the users' own segments (ordered rules,
 * edited with a preview of how many customers each would take, and an audit trail of who changed what).
 */
package dev.rfm.web.segment;
