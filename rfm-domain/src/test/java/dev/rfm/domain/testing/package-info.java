/**
 * Test fixtures for every module (published in the {@code rfm-domain} test-jar): migrated databases and
 * helpers around them. Start with {@link dev.rfm.domain.testing.TestDatabases}.
 */
package dev.rfm.domain.testing;
