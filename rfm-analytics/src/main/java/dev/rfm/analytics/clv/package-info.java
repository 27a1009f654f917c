/**
 * Customer lifetime value models: BG/NBD for the purchase process and Gamma-Gamma for spend.
 *
 * <ul>
 *   <li>{@link dev.rfm.analytics.clv.BgNbdModel}: Fader, Hardie &amp; Lee (2005), "Counting Your
 *       Customers the Easy Way: An Alternative to the Pareto/NBD Model", <i>Marketing Science</i>
 *       24(2), 275-284. Fitted on {@link dev.rfm.analytics.clv.BgNbdData}: customers grouped by
 *       identical (x, t_x, T) with weights, so fit cost does not grow with the customer count.
 *   <li>{@link dev.rfm.analytics.clv.GammaGammaModel}: Fader &amp; Hardie (2013), "The
 *       Gamma-Gamma Model of Monetary Value", note 025, after Colombo &amp; Jiang (1999).
 *   <li>{@link dev.rfm.analytics.clv.ClvSettings}: predicted CLV over a horizon with margin and
 *       discounting, following the {@code lifetimes} library's {@code customer_lifetime_value}.
 * </ul>
 *
 * <p>Fits run by maximum likelihood in log-parameter space with analytic gradients (see {@code
 * docs/decisions/0002-clv-optimiser.md}); a {@link dev.rfm.analytics.clv.ModelFit} carries the
 * fit's health so that a failed fit is reported, never silently dropped. {@code double} is used
 * only here, inside the models.
 */
package dev.rfm.analytics.clv;
