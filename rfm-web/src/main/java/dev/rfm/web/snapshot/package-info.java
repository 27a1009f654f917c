/** The current snapshot from the outside: segments, their members, customers, the fitted models. */
package dev.rfm.web.snapshot;
