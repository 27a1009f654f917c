package dev.rfm.analytics.value;

/** ABC value class of a customer. */
public enum AbcClass {
    /** The customers that make up the first 80 % of revenue. */
    A("Top customers making up the first 80 % of revenue", "贡献前 80% 收入的核心客户"),
    /** The customers that make up the next 15 % of revenue. */
    B("Customers making up the next 15 % of revenue", "贡献其后 15% 收入的客户"),
    /** The rest, including customers with no positive net revenue. */
    C("The remaining customers, including those with no positive net revenue", "其余客户（含净收入不为正的客户）");

    private final String descriptionEn;
    private final String descriptionZh;

    AbcClass(String descriptionEn, String descriptionZh) {
        this.descriptionEn = descriptionEn;
        this.descriptionZh = descriptionZh;
    }

    public String descriptionEn() {
        return descriptionEn;
    }

    public String descriptionZh() {
        return descriptionZh;
    }
}
