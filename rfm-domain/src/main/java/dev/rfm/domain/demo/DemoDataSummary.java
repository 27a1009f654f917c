package dev.rfm.domain.demo;

/**
 * What a generator run wrote.
 *
 * @param customers customers written, each with at least one purchase
 * @param purchases purchase orders (amount &gt; 0), each one or more rows
 * @param refunds refund orders (negative amount), one row each
 * @param rows data rows written, the header not counted
 */
public record DemoDataSummary(int customers, long purchases, long refunds, long rows) {}
