package dev.rfm.analytics.segment;

import dev.rfm.analytics.scoring.RfmScore;

/**
 * The {@code standard} scheme: 11 segments over the 125 five-point RFM codes, exactly as the table
 * in DOMAIN.md. Each code belongs to exactly one segment. Scores made with 3 or 4 bins are first
 * put on the five-point scale ({@link RfmScore#onFivePointScale()}).
 */
public enum StandardSegment {
    CHAMPIONS(
            "555 554 544 545 454 455 445",
            "Champions",
            "冠军客户",
            "Bought recently, buy often and spend the most",
            "最近购买、购买频繁且消费最多",
            "Reward them: loyalty perks, early access to new products, ask for referrals and reviews",
            "给予奖励：会员礼遇、新品抢先体验，邀请推荐和评价"),
    LOYAL(
            "543 444 435 355 354 345 344 335",
            "Loyal",
            "忠诚客户",
            "Spend good money often, responsive to promotions",
            "经常消费且金额可观，对促销反应积极",
            "Upsell higher-value products, offer the loyalty programme, ask for reviews",
            "向上销售高价值产品，推荐会员计划，邀请评价"),
    POTENTIAL_LOYALIST(
            "553 551 552 541 542 533 532 531 452 451 442 441 431 453 433 432 423 353 352 351 342 341 333 323",
            "Potential Loyalist",
            "潜在忠诚客户",
            "Recent, spent a good amount, bought more than once",
            "最近有购买，消费金额不错，且不止一次购买",
            "Offer membership or a loyalty programme, personalised recommendations",
            "邀请加入会员或忠诚度计划，提供个性化推荐"),
    NEW_CUSTOMERS(
            "512 511 422 421 412 411 311",
            "New Customers",
            "新客户",
            "Bought most recently, but not often",
            "最近刚购买，但购买次数少",
            "Onboarding and a second-purchase incentive",
            "做好新客引导，提供二次购买激励"),
    PROMISING(
            "525 524 523 522 521 515 514 513 425 424 413 414 415 315 314 313",
            "Promising",
            "有潜力客户",
            "Recent shoppers who have not spent much",
            "最近购物但消费不多",
            "Build brand awareness: free trials, entry-level offers",
            "提升品牌认知：提供试用和入门级优惠"),
    NEED_ATTENTION(
            "535 534 443 434 343 334 325 324",
            "Need Attention",
            "需要关注客户",
            "Above-average recency, frequency and monetary, but not very recent",
            "最近度、频率和金额均高于平均，但最近没有购买",
            "Limited-time offers and recommendations based on past purchases",
            "基于历史购买推荐商品，提供限时优惠"),
    ABOUT_TO_SLEEP(
            "331 321 312 221 213 231 241 251",
            "About to Sleep",
            "即将沉睡客户",
            "Below-average recency, frequency and monetary",
            "最近度、频率和金额均低于平均",
            "Share popular products and a reactivation discount; reconnect",
            "推荐热门商品并提供唤醒折扣，重新建立联系"),
    AT_RISK(
            "255 254 245 244 253 252 243 242 235 234 225 224 153 152 145 143 142 135 134 133 125 124",
            "At Risk",
            "有流失风险客户",
            "Spent big and often, but long ago",
            "曾经消费多且频繁，但已很久没有购买",
            "Personalised win-back offer, renewal reminders, helpful content",
            "发送个性化挽回优惠、续费提醒和有用内容"),
    CANT_LOSE_THEM(
            "155 154 144 214 215 115 114 113",
            "Can't Lose Them",
            "不能失去的客户",
            "Made the biggest purchases, often, but have not returned for a long time",
            "曾有最大额且频繁的购买，但已很久未回来",
            "Win them back with new products or renewals; talk to them personally",
            "以新品或续约挽回，安排专人沟通"),
    HIBERNATING(
            "332 322 233 232 223 222 132 123 122 212 211",
            "Hibernating",
            "休眠客户",
            "Last purchase long ago, low spend, few orders",
            "上次购买很久以前，消费低且订单少",
            "Low-cost reactivation with relevant offers, or stop spending",
            "以相关优惠进行低成本唤醒，或停止投入"),
    LOST(
            "111 112 121 131 141 151",
            "Lost",
            "已流失客户",
            "Lowest scores on all three",
            "三项得分均最低",
            "Revive interest with an outreach campaign, otherwise stop spending",
            "通过外联活动尝试重新激发兴趣，否则停止投入");

    /** Segment ordinal by composite code 111..555; -1 for codes outside the table. */
    private static final byte[] BY_CODE = new byte[556];

    static {
        java.util.Arrays.fill(BY_CODE, (byte) -1);
        for (StandardSegment segment : values()) {
            for (String code : segment.codes.split(" ")) {
                int c = Integer.parseInt(code);
                if (BY_CODE[c] != -1) {
                    throw new ExceptionInInitializerError("code " + c + " is in two standard segments");
                }
                BY_CODE[c] = (byte) segment.ordinal();
            }
        }
    }

    private final String codes;
    private final SegmentDefinition definition;

    StandardSegment(
            String codes,
            String nameEn,
            String nameZh,
            String descriptionEn,
            String descriptionZh,
            String actionEn,
            String actionZh) {
        this.codes = codes;
        this.definition =
                new SegmentDefinition(name(), nameEn, nameZh, descriptionEn, descriptionZh, actionEn, actionZh);
    }

    /** The segment of a score (3, 4 or 5 bins). */
    public static StandardSegment of(RfmScore score) {
        return ofFivePointCode(score.onFivePointScale().code());
    }

    /**
     * The segment of a five-point composite code such as 545.
     *
     * @throws IllegalArgumentException for a code outside 111..555
     */
    public static StandardSegment ofFivePointCode(int code) {
        int ordinal = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : -1;
        if (ordinal < 0) {
            throw new IllegalArgumentException("code must be a five-point RFM code 111..555, was " + code);
        }
        return BY_ORDINAL[ordinal];
    }

    private static final StandardSegment[] BY_ORDINAL = values();

    /** The composite codes of this segment, as in DOMAIN.md. */
    public java.util.List<Integer> codes() {
        return java.util.Arrays.stream(codes.split(" ")).map(Integer::valueOf).toList();
    }

    public SegmentDefinition definition() {
        return definition;
    }
}
