package dev.rfm.analytics.computation;

import dev.rfm.analytics.clv.BgNbdParameters;
import dev.rfm.analytics.clv.GammaGammaParameters;
import dev.rfm.analytics.clv.ModelFit;
import dev.rfm.analytics.history.Amounts;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.lifecycle.LifecycleThresholds;
import dev.rfm.analytics.migration.AssignmentKind;
import dev.rfm.analytics.migration.MigrationMatrix;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.scoring.CutPoints;
import dev.rfm.analytics.scoring.Dimension;
import dev.rfm.analytics.scoring.RfmScore;
import dev.rfm.analytics.segment.Cn8Classifier;
import dev.rfm.analytics.segment.Cn8Segment;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.analytics.segment.CustomerFacts;
import dev.rfm.analytics.segment.RulePreview;
import dev.rfm.analytics.segment.SegmentDefinition;
import dev.rfm.analytics.segment.SegmentScheme;
import dev.rfm.analytics.segment.StandardSegment;
import dev.rfm.analytics.value.AbcClass;
import dev.rfm.analytics.value.AbcClassification;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a scoring run computed, immutable. Per-customer results are primitive columns read by
 * customer index (the histories' index; ids ascend with it), so 10 million customers need no
 * object per customer; {@link #customer(long)} gives one customer's results as a record.
 *
 * <p>Unscored customers (no purchase in the analysis window) have no scores, segments or ABC class
 * ({@code null} / 0). Model predictions exist for every customer with a purchase before the
 * reference date, and are {@code NaN} when the model part failed ({@link #modelPartFailed()}).
 */
public final class ScoringOutcome implements CustomerFacts {

    /** The expected-purchase horizons of every run, in days. */
    public static final int[] PURCHASE_HORIZON_DAYS = {30, 90, 365};

    // values() copies its array on every call; per-customer accessors use these
    private static final StandardSegment[] STANDARD = StandardSegment.values();
    private static final Cn8Segment[] CN8 = Cn8Segment.values();
    private static final LifecycleStage[] STAGES = LifecycleStage.values();
    private static final AbcClass[] ABC = AbcClass.values();

    private final CustomerHistories histories;
    private final ScoringProfile profile;
    private final CustomSegmentScheme customScheme;
    private final ScoringComputation.Columns c;

    ScoringOutcome(
            CustomerHistories histories,
            ScoringProfile profile,
            CustomSegmentScheme customScheme,
            ScoringComputation.Columns columns) {
        this.histories = histories;
        this.profile = profile;
        this.customScheme = customScheme;
        this.c = columns;
    }

    public LocalDate referenceDate() {
        return histories.referenceDate();
    }

    public ScoringProfile profile() {
        return profile;
    }

    public CustomSegmentScheme customScheme() {
        return customScheme;
    }

    /** Customers in the run, with and without purchases. */
    @Override
    public int size() {
        return histories.size();
    }

    /** Customers with an RFM score. */
    public long scoredCustomers() {
        return c.scoredCount;
    }

    public long customerId(int i) {
        return histories.customerId(i);
    }

    /** Index of a customer id, or a negative number. */
    public int indexOf(long customerId) {
        return histories.indexOf(customerId);
    }

    // ---- run-level results ----

    /** The cut points used for a dimension (stored with the run, shown to users). */
    public CutPoints cutPoints(Dimension dimension) {
        return c.cutPoints[dimension.ordinal()];
    }

    /** The cn8 classifier with the population means, empty when no customer was scored. */
    public Optional<Cn8Classifier> cn8Means() {
        return Optional.ofNullable(c.cn8);
    }

    public AbcClassification abcClassification() {
        return c.abc;
    }

    public LifecycleThresholds lifecycleThresholds() {
        return c.thresholds;
    }

    public ModelFit<BgNbdParameters> purchaseModel() {
        return c.purchaseModel;
    }

    public ModelFit<GammaGammaParameters> spendModel() {
        return c.spendModel;
    }

    /**
     * Whether the CLV part of the run failed (either model not converged): the RFM part stands,
     * predictions that need the failed model are {@code NaN}.
     */
    public boolean modelPartFailed() {
        return !c.purchaseModel.converged() || !c.spendModel.converged();
    }

    /**
     * Customers whose purchase predictions could not be computed although the purchase model
     * converged (a hypergeometric series that would not converge); their predictions are {@code
     * NaN}. Normally 0.
     */
    public long failedPredictions() {
        return c.failedPredictions;
    }

    public MigrationMatrix migration(AssignmentKind kind) {
        return c.migrations.get(kind);
    }

    public Map<AssignmentKind, MigrationMatrix> migrations() {
        return c.migrations;
    }

    /**
     * The migration matrices from {@code other} (e.g. the current run, when this outcome is a draft computed as of
     * its reference date) to this outcome, one per assignment kind; {@link #migrations()} are those from the previous
     * run the computation was given.
     */
    public Map<AssignmentKind, MigrationMatrix> migrationsFrom(PreviousAssignments other) {
        return ScoringComputation.migrations(
                histories, c, customScheme, other, ScoringComputation.match(histories, other));
    }

    /** Summary rows of a segment scheme, one per segment in the scheme's order (empty ones included). */
    public List<SummaryRow> segmentSummary(SegmentScheme scheme) {
        return c.segmentSummaries.get(scheme);
    }

    /** Summary rows per lifecycle stage, in {@link LifecycleStage} order. */
    public List<SummaryRow> stageSummary() {
        return c.stageSummary;
    }

    /** Summary rows per ABC class (scored customers), in {@link AbcClass} order. */
    public List<SummaryRow> abcSummary() {
        return c.abcSummary;
    }

    /** The segment definitions of a scheme, in order. */
    public List<SegmentDefinition> segmentDefinitions(SegmentScheme scheme) {
        return ScoringComputation.definitions(scheme, customScheme);
    }

    /** How many scored customers each rule of {@code rules} would take in this run. */
    public RulePreview previewCustomRules(CustomSegmentScheme rules) {
        return rules.preview(this);
    }

    // ---- per-customer columns ----

    @Override
    public boolean scored(int i) {
        return c.r[i] != 0;
    }

    /** The RFM score, or {@code null} when unscored. */
    public RfmScore rfmScore(int i) {
        return scored(i) ? new RfmScore(c.r[i], c.f[i], c.m[i], profile.bins()) : null;
    }

    @Override
    public int recencyScore(int i) {
        return c.r[i];
    }

    @Override
    public int frequencyScore(int i) {
        return c.f[i];
    }

    @Override
    public int monetaryScore(int i) {
        return c.m[i];
    }

    /** Composite code such as 545; 0 when unscored. */
    public int code(int i) {
        return 100 * c.r[i] + 10 * c.f[i] + c.m[i];
    }

    @Override
    public int recencyDays(int i) {
        return histories.recencyDays(i);
    }

    @Override
    public int frequency(int i) {
        return histories.frequency(i);
    }

    /** The profile's monetary value (net total or average order value) in the window. */
    @Override
    public long monetaryTenThousandths(int i) {
        return c.monetary[i];
    }

    public BigDecimal monetary(int i) {
        return Amounts.toDecimal(c.monetary[i]);
    }

    /** Net revenue in the analysis window (what ABC classes and revenue shares use). */
    public BigDecimal windowRevenue(int i) {
        return Amounts.toDecimal(histories.windowNetTenThousandths(i));
    }

    /** Historical CLV: net revenue to date (all history before the reference date). */
    public BigDecimal historicalClv(int i) {
        return Amounts.toDecimal(histories.historicalNetTenThousandths(i));
    }

    /** {@link #historicalClv(int)} in ten-thousandths. */
    public long historicalClvTenThousandths(int i) {
        return histories.historicalNetTenThousandths(i);
    }

    public StandardSegment standardSegment(int i) {
        return c.standard[i] < 0 ? null : STANDARD[c.standard[i]];
    }

    public Cn8Segment cn8Segment(int i) {
        return c.cn8Segment[i] < 0 ? null : CN8[c.cn8Segment[i]];
    }

    /** The custom segment, or {@code null} when unscored. */
    public SegmentDefinition customSegment(int i) {
        return c.custom[i] < 0 ? null : customScheme.definitions().get(c.custom[i]);
    }

    @Override
    public LifecycleStage stage(int i) {
        return STAGES[c.stage[i]];
    }

    @Override
    public AbcClass abcClass(int i) {
        return c.abcClass[i] < 0 ? null : ABC[c.abcClass[i]];
    }

    @Override
    public double probabilityAlive(int i) {
        return c.pAlive[i];
    }

    /** Expected purchases in the next 30, 90 or 365 days ({@link #PURCHASE_HORIZON_DAYS}). */
    public double expectedPurchases(int i, int horizonDays) {
        return switch (horizonDays) {
            case 30 -> c.expected30[i];
            case 90 -> c.expected90[i];
            case 365 -> c.expected365[i];
            default -> throw new IllegalArgumentException("horizonDays must be 30, 90 or 365, was " + horizonDays);
        };
    }

    /** Gamma-Gamma expected average order value, in currency units. */
    public double expectedAverageOrderValue(int i) {
        return c.expectedValue[i];
    }

    /** Predicted CLV over the profile's horizon with margin and discounting, in currency units. */
    @Override
    public double predictedClv(int i) {
        return c.predictedClv[i];
    }

    /** One customer's results, or empty for an unknown id. */
    public Optional<CustomerResult> customer(long customerId) {
        int i = indexOf(customerId);
        if (i < 0) {
            return Optional.empty();
        }
        return Optional.of(new CustomerResult(
                customerId,
                scored(i),
                histories.hasPurchase(i) ? recencyDays(i) : null,
                frequency(i),
                monetary(i),
                rfmScore(i),
                standardSegment(i) == null ? null : standardSegment(i).name(),
                cn8Segment(i) == null ? null : cn8Segment(i).name(),
                customSegment(i) == null ? null : customSegment(i).code(),
                stage(i),
                abcClass(i),
                probabilityAlive(i),
                c.expected30[i],
                c.expected90[i],
                c.expected365[i],
                expectedAverageOrderValue(i),
                historicalClv(i),
                predictedClv(i)));
    }
}
