/**
 * The Customers page (the current snapshot's customers, filtered, sorted, paged and exported) and the Customer page
 * (one customer's story and why it is in its segment), over {@link dev.rfm.domain.snapshot.CustomerList}.
 */
package dev.rfm.web.customer;
