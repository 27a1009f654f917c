/** Test data shared by the tests of several packages (the CDNOW sample from the shared directory). */
package dev.rfm.analytics.testdata;
