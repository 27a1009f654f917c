package dev.rfm.domain.campaign;

import java.math.BigDecimal;

/**
 * What one group of a campaign did in the measurement window.
 *
 * @param customers the group's size
 * @param buyers customers with at least one purchase (an order with amount &ge; 0) in the window
 * @param orders purchases in the window (refunds are not purchases, as in the RFM frequency)
 * @param revenue net revenue in the window: purchases minus refunds
 * @param revenueSquares the sum over the group's customers of their net revenue squared (zeros included), from
 *     which the spread of revenue per customer follows
 */
public record GroupOutcome(long customers, long buyers, long orders, BigDecimal revenue, BigDecimal revenueSquares)
        implements java.io.Serializable {

    public static final GroupOutcome EMPTY = new GroupOutcome(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);

    public GroupOutcome {
        if (customers < 0 || buyers < 0 || orders < 0 || buyers > customers || buyers > orders) {
            throw new IllegalArgumentException(
                    "inconsistent counts: customers " + customers + ", buyers " + buyers + ", orders " + orders);
        }
        if (revenue == null || revenueSquares == null || revenueSquares.signum() < 0) {
            throw new IllegalArgumentException("revenue and revenueSquares must be given, revenueSquares >= 0");
        }
    }
}
