/** The reports module. */
package dev.rfm.reports;
