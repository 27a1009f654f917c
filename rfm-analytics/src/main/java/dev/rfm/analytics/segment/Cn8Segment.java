package dev.rfm.analytics.segment;

/**
 * The {@code cn8} scheme (RFM 八大客户类型): each of R, F, M is High or Low against the population
 * mean of the raw metric, R High meaning recency days &le; mean (recent), F and M High meaning
 * value &ge; mean. The 8 combinations, exactly as DOMAIN.md's table; note that 保持 (keep) is
 * R Low / F High and 发展 (develop) is R High / F Low.
 */
public enum Cn8Segment {
    IMPORTANT_VALUE(true, true, true, "Important value", "重要价值客户", "VIP care, exclusive perks", "VIP 关怀，专属权益"),
    IMPORTANT_DEVELOP(true, false, true, "Important development", "重要发展客户", "Raise purchase frequency", "提高购买频次"),
    IMPORTANT_KEEP(
            false,
            true,
            true,
            "Important retention",
            "重要保持客户",
            "Contact proactively, win attention back",
            "主动联系，重新赢得关注"),
    IMPORTANT_WINBACK(false, false, true, "Important win-back", "重要挽留客户", "Win back before they churn", "在流失之前挽留"),
    GENERAL_VALUE(true, true, false, "General value", "一般价值客户", "Raise basket size", "提高客单价"),
    GENERAL_DEVELOP(true, false, false, "General development", "一般发展客户", "Develop as appropriate", "适度发展"),
    GENERAL_KEEP(false, true, false, "General retention", "一般保持客户", "Contact as appropriate", "适度联系"),
    GENERAL_WINBACK(false, false, false, "General win-back", "一般挽留客户", "Low-cost upkeep", "低成本维护");

    private final boolean recencyHigh;
    private final boolean frequencyHigh;
    private final boolean monetaryHigh;
    private final SegmentDefinition definition;

    Cn8Segment(
            boolean recencyHigh,
            boolean frequencyHigh,
            boolean monetaryHigh,
            String nameEn,
            String nameZh,
            String actionEn,
            String actionZh) {
        this.recencyHigh = recencyHigh;
        this.frequencyHigh = frequencyHigh;
        this.monetaryHigh = monetaryHigh;
        this.definition = new SegmentDefinition(
                name(),
                nameEn,
                nameZh,
                (recencyHigh ? "Recent" : "Not recent") + " (recency " + (recencyHigh ? "<=" : ">")
                        + " mean), frequency " + (frequencyHigh ? "at or above" : "below") + " mean, spend "
                        + (monetaryHigh ? "at or above" : "below") + " mean",
                (recencyHigh ? "最近有购买（最近度不高于平均）" : "较久未购买（最近度高于平均）") + "，购买频次" + (frequencyHigh ? "不低于" : "低于")
                        + "平均，消费金额" + (monetaryHigh ? "不低于" : "低于") + "平均",
                actionEn,
                actionZh);
    }

    /** The segment of a High/Low combination. */
    public static Cn8Segment of(boolean recencyHigh, boolean frequencyHigh, boolean monetaryHigh) {
        return BY_FLAGS[flags(recencyHigh, frequencyHigh, monetaryHigh)];
    }

    private static int flags(boolean recencyHigh, boolean frequencyHigh, boolean monetaryHigh) {
        return (recencyHigh ? 4 : 0) | (frequencyHigh ? 2 : 0) | (monetaryHigh ? 1 : 0);
    }

    // a table rather than a search over values(), which copies the array on every call (10
    // million calls per run)
    private static final Cn8Segment[] BY_FLAGS = new Cn8Segment[8];

    static {
        for (Cn8Segment segment : values()) {
            BY_FLAGS[flags(segment.recencyHigh, segment.frequencyHigh, segment.monetaryHigh)] = segment;
        }
    }

    public boolean recencyHigh() {
        return recencyHigh;
    }

    public boolean frequencyHigh() {
        return frequencyHigh;
    }

    public boolean monetaryHigh() {
        return monetaryHigh;
    }

    public SegmentDefinition definition() {
        return definition;
    }
}
