/**
 * The product's database: which one (embedded H2 or PostgreSQL, chosen by {@code RFM_DB_URL}), its schema (Flyway
 * migrations run at deployment) and the named guards that keep work single across servers.
 */
package dev.rfm.domain.database;
