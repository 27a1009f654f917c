/** The analytics module. */
package dev.rfm.analytics;
