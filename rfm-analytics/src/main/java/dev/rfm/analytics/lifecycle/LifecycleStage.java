package dev.rfm.analytics.lifecycle;

/** Where a customer stands in their relationship with the business, per run. */
public enum LifecycleStage {
    PROSPECT(
            "Prospect",
            "潜在客户",
            "Known, but no purchase yet",
            "已登记但尚未购买",
            "Welcome series and a first-purchase incentive",
            "发送欢迎系列内容并提供首单优惠"),
    NEW(
            "New",
            "新客户",
            "First purchase within the new-customer window",
            "首次购买在新客期内",
            "Onboarding and a second-purchase incentive",
            "做好新客引导，提供复购激励"),
    ACTIVE(
            "Active",
            "活跃客户",
            "Bought within the dormant threshold",
            "在沉睡阈值内有购买",
            "Keep engaged with relevant offers; cross-sell",
            "持续以相关优惠保持互动，交叉销售"),
    DORMANT(
            "Dormant",
            "沉睡客户",
            "No purchase for longer than the dormant threshold",
            "超过沉睡阈值未购买",
            "Reminder and a time-limited reactivation offer",
            "发送提醒和限时唤醒优惠"),
    LOST(
            "Lost",
            "流失客户",
            "No purchase for longer than the lost threshold",
            "超过流失阈值未购买",
            "Low-cost win-back attempt, or stop spending",
            "低成本挽回尝试，或停止投入"),
    REACTIVATED(
            "Reactivated",
            "回流客户",
            "Was dormant or lost in the previous run and has bought since",
            "上次运行时为沉睡或流失客户，此后又有购买",
            "Welcome back; make the second return purchase easy",
            "欢迎回归，为再次购买提供便利");

    private final String nameEn;
    private final String nameZh;
    private final String descriptionEn;
    private final String descriptionZh;
    private final String actionEn;
    private final String actionZh;

    LifecycleStage(
            String nameEn,
            String nameZh,
            String descriptionEn,
            String descriptionZh,
            String actionEn,
            String actionZh) {
        this.nameEn = nameEn;
        this.nameZh = nameZh;
        this.descriptionEn = descriptionEn;
        this.descriptionZh = descriptionZh;
        this.actionEn = actionEn;
        this.actionZh = actionZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public String nameZh() {
        return nameZh;
    }

    public String descriptionEn() {
        return descriptionEn;
    }

    public String descriptionZh() {
        return descriptionZh;
    }

    public String actionEn() {
        return actionEn;
    }

    public String actionZh() {
        return actionZh;
    }
}
