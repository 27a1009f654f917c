/**
 * Customers and their orders as the source systems delivered them: the facts every score, segment and model is
 * computed from. Heavy reads (scoring over millions of orders) go through JDBC in the analytics module; the entities
 * here serve look-ups and the dashboard.
 */
package dev.rfm.domain.customer;
