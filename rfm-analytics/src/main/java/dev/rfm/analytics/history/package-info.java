/**
 * Customer purchase histories as of a reference date, built in one streaming pass.
 *
 * <p>The database hands over orders sorted by customer and date; {@link
 * dev.rfm.analytics.history.CustomerHistories.Builder} folds them into a handful of primitive
 * columns per customer (first and last purchase day, purchase days, orders and net amount in the
 * analysis window, net amount after the first purchase day, net amount to date). Everything
 * downstream (RFM metrics, BG/NBD and Gamma-Gamma inputs, lifecycle stages, historical CLV) is
 * derived from these columns, so memory grows with customers, not with orders.
 *
 * <p>Amounts are exact {@code long} ten-thousandths of the currency unit (the database's {@code
 * numeric(19,4)}); see {@link dev.rfm.analytics.history.Amounts}.
 */
package dev.rfm.analytics.history;
