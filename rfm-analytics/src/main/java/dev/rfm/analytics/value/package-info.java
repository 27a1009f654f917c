/**
 * Customer value classes: ABC (Pareto) classes by net revenue, and historical CLV.
 *
 * <p>ABC: customers sorted by net revenue in the analysis window, descending; A are those that
 * make up the first 80 % of revenue, B the next 15 %, C the rest (see {@link
 * dev.rfm.analytics.value.AbcClassification} for the boundary rule). Historical CLV is the net
 * revenue to date, {@link dev.rfm.analytics.history.CustomerHistories#historicalNetTenThousandths}.
 */
package dev.rfm.analytics.value;
