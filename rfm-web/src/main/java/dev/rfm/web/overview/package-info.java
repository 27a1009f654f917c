/** The overview page: the customer base at a glance. */
package dev.rfm.web.overview;
