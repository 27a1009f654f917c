/**
 * Seeded demo and benchmark data: a synthetic retailer's order history in the import CSV format.
 *
 * <p>{@link dev.rfm.domain.demo.DemoDataGenerator} streams the rows a new user's first dashboard is built from (the
 * {@code RFM_DEMO_DATA} setting) and the large files the benchmarks import. The purchase process follows the models the
 * product fits (BG/NBD and Gamma-Gamma), so the fitted parameters can be compared with the ones the data was drawn
 * from. {@link dev.rfm.domain.demo.DemoDataCli} writes a file from the command line.
 */
package dev.rfm.domain.demo;
