package dev.rfm.analytics.computation;

import dev.rfm.analytics.clv.BgNbdData;
import dev.rfm.analytics.clv.BgNbdModel;
import dev.rfm.analytics.clv.BgNbdParameters;
import dev.rfm.analytics.clv.ClvSettings;
import dev.rfm.analytics.clv.GammaGammaData;
import dev.rfm.analytics.clv.GammaGammaModel;
import dev.rfm.analytics.clv.GammaGammaParameters;
import dev.rfm.analytics.clv.ModelFit;
import dev.rfm.analytics.clv.ModelTimeUnit;
import dev.rfm.analytics.history.Amounts;
import dev.rfm.analytics.history.CustomerHistories;
import dev.rfm.analytics.lifecycle.LifecycleClassifier;
import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.lifecycle.LifecycleThresholds;
import dev.rfm.analytics.migration.AssignmentKind;
import dev.rfm.analytics.migration.MigrationMatrix;
import dev.rfm.analytics.migration.PreviousAssignments;
import dev.rfm.analytics.profile.MonetaryBasis;
import dev.rfm.analytics.profile.ScoringProfile;
import dev.rfm.analytics.scoring.BinningMethod;
import dev.rfm.analytics.scoring.CutPoints;
import dev.rfm.analytics.scoring.Dimension;
import dev.rfm.analytics.scoring.RfmScore;
import dev.rfm.analytics.segment.Cn8Classifier;
import dev.rfm.analytics.segment.Cn8Segment;
import dev.rfm.analytics.segment.CustomSegmentScheme;
import dev.rfm.analytics.segment.CustomerFacts;
import dev.rfm.analytics.segment.SegmentDefinition;
import dev.rfm.analytics.segment.SegmentScheme;
import dev.rfm.analytics.segment.StandardSegment;
import dev.rfm.analytics.value.AbcClass;
import dev.rfm.analytics.value.AbcClassification;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/**
 * A whole scoring run over built histories, as one pure function:
 *
 * <pre>{@code
 * CustomerHistories.Builder builder = ScoringComputation.historiesBuilder(profile, referenceDate);
 * // ... builder.add(customerId, epochDay, amountTenThousandths) for every order, sorted ...
 * ScoringOutcome outcome = ScoringComputation.compute(
 *         builder.build(), profile, customRules, previousAssignments, listener);
 * }</pre>
 *
 * <p>Phases ({@link ComputationPhase}): RFM metrics of scored customers, cut points and scores,
 * standard and cn8 segments, ABC classes, BG/NBD fit, Gamma-Gamma fit, predictions, lifecycle
 * stages, custom segments, migration matrices, summary rows. A model fit that fails (or throws) is
 * recorded in the outcome and its predictions are {@code NaN}; the RFM part is always complete.
 */
public final class ScoringComputation {

    /**
     * Above this many eligible customers, each model is fitted on a deterministic sample of about
     * this many (by a hash of the customer id), which bounds a fit to about a second; predictions
     * are still made for every customer. The sampling error at 100,000 customers is about 0.3 % of
     * a parameter, far below what changes a segment or a CLV ranking.
     */
    public static final int MAX_FIT_CUSTOMERS = 100_000;

    private ScoringComputation() {}

    /** A histories builder whose analysis window is the profile's, as of {@code referenceDate}. */
    public static CustomerHistories.Builder historiesBuilder(ScoringProfile profile, LocalDate referenceDate) {
        return CustomerHistories.builder(referenceDate, profile.windowStart(referenceDate));
    }

    /** A run without custom segment rules. */
    public static ScoringOutcome compute(
            CustomerHistories histories,
            ScoringProfile profile,
            PreviousAssignments previous,
            ProgressListener listener) {
        return compute(histories, profile, CustomSegmentScheme.none(), previous, listener);
    }

    /**
     * The run.
     *
     * @param histories built as of the run's reference date with the profile's analysis window
     * @param profile the settings
     * @param customRules the custom segment scheme ({@link CustomSegmentScheme#none()} for none)
     * @param previous the previous run's assignments ({@link PreviousAssignments#none()} for none)
     * @param listener receives phases and progress
     * @throws IllegalArgumentException if the histories' window does not match the profile's
     */
    public static ScoringOutcome compute(
            CustomerHistories histories,
            ScoringProfile profile,
            CustomSegmentScheme customRules,
            PreviousAssignments previous,
            ProgressListener listener) {
        Objects.requireNonNull(histories, "histories must not be null");
        Objects.requireNonNull(profile, "profile must not be null");
        Objects.requireNonNull(customRules, "customRules must not be null");
        Objects.requireNonNull(previous, "previous must not be null");
        Objects.requireNonNull(listener, "listener must not be null");
        LocalDate expectedStart = profile.windowStart(histories.referenceDate());
        if (!Objects.equals(expectedStart, histories.windowStart())) {
            throw new IllegalArgumentException("histories must be built with the profile's window start "
                    + expectedStart + ", were built with " + histories.windowStart());
        }
        return new Run(histories, profile, customRules, previous, listener).compute();
    }

    static List<SegmentDefinition> definitions(SegmentScheme scheme, CustomSegmentScheme custom) {
        return switch (scheme) {
            case STANDARD ->
                Arrays.stream(StandardSegment.values())
                        .map(StandardSegment::definition)
                        .toList();
            case CN8 ->
                Arrays.stream(Cn8Segment.values()).map(Cn8Segment::definition).toList();
            case CUSTOM -> custom.definitions();
        };
    }

    private static List<SegmentDefinition> stageDefinitions() {
        List<SegmentDefinition> list = new ArrayList<>();
        for (LifecycleStage s : LifecycleStage.values()) {
            list.add(new SegmentDefinition(
                    s.name(),
                    s.nameEn(),
                    s.nameZh(),
                    s.descriptionEn(),
                    s.descriptionZh(),
                    s.actionEn(),
                    s.actionZh()));
        }
        return List.copyOf(list);
    }

    /** The ABC classes as summary categories, with what marketing does with each. */
    static List<SegmentDefinition> abcDefinitions() {
        return List.of(
                abc(
                        AbcClass.A,
                        "A: top value",
                        "A 类：核心价值",
                        "Protect and grow: personal service, early access, loyalty rewards",
                        "重点维护：专属服务、新品优先、忠诚度奖励"),
                abc(
                        AbcClass.B,
                        "B: middle value",
                        "B 类：中等价值",
                        "Develop: cross-sell and upsell to move them into A",
                        "重点发展：交叉销售与向上销售，促其升级为 A 类"),
                abc(
                        AbcClass.C,
                        "C: low value",
                        "C 类：低价值",
                        "Serve efficiently: automated, low-cost campaigns",
                        "低成本维护：自动化、低成本营销"));
    }

    private static SegmentDefinition abc(AbcClass c, String nameEn, String nameZh, String actionEn, String actionZh) {
        return new SegmentDefinition(
                c.name(), nameEn, nameZh, c.descriptionEn(), c.descriptionZh(), actionEn, actionZh);
    }

    /** The per-customer columns and run-level results; filled by {@link Run}, then read-only. */
    static final class Columns implements CustomerFacts {
        final int size;
        final byte[] r;
        final byte[] f;
        final byte[] m;
        final long[] monetary;
        final byte[] standard;
        final byte[] cn8Segment;
        final byte[] abcClass;
        final short[] custom;
        final byte[] stage;
        final double[] pAlive;
        final double[] expected30;
        final double[] expected90;
        final double[] expected365;
        final double[] expectedValue;
        final double[] predictedClv;
        long scoredCount;
        long failedPredictions;
        final CutPoints[] cutPoints = new CutPoints[3];
        Cn8Classifier cn8;
        AbcClassification abc;
        LifecycleThresholds thresholds;
        ModelFit<BgNbdParameters> purchaseModel;
        ModelFit<GammaGammaParameters> spendModel;
        Map<AssignmentKind, MigrationMatrix> migrations;
        Map<SegmentScheme, List<SummaryRow>> segmentSummaries;
        List<SummaryRow> stageSummary;
        List<SummaryRow> abcSummary;
        private final CustomerHistories histories;

        Columns(CustomerHistories histories) {
            this.histories = histories;
            size = histories.size();
            r = new byte[size];
            f = new byte[size];
            m = new byte[size];
            monetary = new long[size];
            standard = filled(new byte[size]);
            cn8Segment = filled(new byte[size]);
            abcClass = filled(new byte[size]);
            custom = new short[size];
            Arrays.fill(custom, (short) -1);
            stage = new byte[size];
            pAlive = nan(size);
            expected30 = nan(size);
            expected90 = nan(size);
            expected365 = nan(size);
            expectedValue = nan(size);
            predictedClv = nan(size);
        }

        private static byte[] filled(byte[] a) {
            Arrays.fill(a, (byte) -1);
            return a;
        }

        private static double[] nan(int n) {
            double[] a = new double[n];
            Arrays.fill(a, Double.NaN);
            return a;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public boolean scored(int i) {
            return r[i] != 0;
        }

        @Override
        public int recencyScore(int i) {
            return r[i];
        }

        @Override
        public int frequencyScore(int i) {
            return f[i];
        }

        @Override
        public int monetaryScore(int i) {
            return m[i];
        }

        @Override
        public int recencyDays(int i) {
            return histories.recencyDays(i);
        }

        @Override
        public int frequency(int i) {
            return histories.frequency(i);
        }

        @Override
        public long monetaryTenThousandths(int i) {
            return monetary[i];
        }

        @Override
        public LifecycleStage stage(int i) {
            return STAGES[stage[i]];
        }

        @Override
        public double probabilityAlive(int i) {
            return pAlive[i];
        }

        @Override
        public double predictedClv(int i) {
            return predictedClv[i];
        }

        @Override
        public AbcClass abcClass(int i) {
            return abcClass[i] < 0 ? null : ABC_CLASSES[abcClass[i]];
        }
    }

    // values() copies its array on every call; per-customer lookups use these
    private static final LifecycleStage[] STAGES = LifecycleStage.values();
    private static final AbcClass[] ABC_CLASSES = AbcClass.values();

    /** For each customer of {@code h}, the index in {@code previous} or -1 (a merge of sorted ids). */
    static int[] match(CustomerHistories h, PreviousAssignments previous) {
        int n = h.size();
        int[] index = new int[n];
        int j = 0;
        for (int i = 0; i < n; i++) {
            long id = h.customerId(i);
            while (j < previous.size() && previous.customerId(j) < id) {
                j++;
            }
            index[i] = j < previous.size() && previous.customerId(j) == id ? j : -1;
        }
        return index;
    }

    /** The migration matrices {@code previous} → the computed columns, one per assignment kind. */
    static Map<AssignmentKind, MigrationMatrix> migrations(
            CustomerHistories h,
            Columns c,
            CustomSegmentScheme customRules,
            PreviousAssignments previous,
            int[] previousIndex) {
        Map<AssignmentKind, MigrationMatrix> matrices = new EnumMap<>(AssignmentKind.class);
        for (AssignmentKind kind : AssignmentKind.values()) {
            matrices.put(
                    kind, migration(kind, definitions(kind, customRules), column(kind, c), previous, previousIndex));
        }
        return java.util.Collections.unmodifiableMap(matrices);
    }

    private static List<SegmentDefinition> definitions(AssignmentKind kind, CustomSegmentScheme customRules) {
        return switch (kind) {
            case STANDARD_SEGMENT -> definitions(SegmentScheme.STANDARD, customRules);
            case CN8_SEGMENT -> definitions(SegmentScheme.CN8, customRules);
            case CUSTOM_SEGMENT -> definitions(SegmentScheme.CUSTOM, customRules);
            case LIFECYCLE_STAGE -> stageDefinitions();
        };
    }

    /** Each customer's segment or stage of that kind, as an index into its definitions. */
    private static IntUnaryOperator column(AssignmentKind kind, Columns c) {
        return switch (kind) {
            case STANDARD_SEGMENT -> i -> c.standard[i];
            case CN8_SEGMENT -> i -> c.cn8Segment[i];
            case CUSTOM_SEGMENT -> i -> c.custom[i];
            case LIFECYCLE_STAGE -> i -> c.stage[i];
        };
    }

    private static MigrationMatrix migration(
            AssignmentKind kind,
            List<SegmentDefinition> definitions,
            IntUnaryOperator current,
            PreviousAssignments previous,
            int[] previousIndex) {
        List<String> currentCodes =
                definitions.stream().map(SegmentDefinition::code).toList();
        List<String> previousCodes = previous.codes(kind);
        MigrationMatrix.Tally tally = MigrationMatrix.tally(kind, currentCodes, previousCodes);
        int[] rowOfPrevious = previousCodes.stream().mapToInt(tally::rowOf).toArray();
        boolean[] matched = new boolean[previous.size()];
        for (int i = 0; i < previousIndex.length; i++) {
            int row = 0;
            int p = previousIndex[i];
            if (p >= 0) {
                matched[p] = true;
                int code = previous.codeIndex(kind, p);
                row = code < 0 ? 0 : rowOfPrevious[code];
            }
            tally.add(row, current.applyAsInt(i));
        }
        for (int p = 0; p < previous.size(); p++) {
            if (!matched[p]) { // in the previous run only
                int code = previous.codeIndex(kind, p);
                tally.add(code < 0 ? 0 : rowOfPrevious[code], -1);
            }
        }
        return tally.build();
    }

    /** One computation; its steps in order. */
    private static final class Run {
        private final CustomerHistories h;
        private final ScoringProfile profile;
        private final CustomSegmentScheme customRules;
        private final PreviousAssignments previous;
        private final ProgressListener listener;
        private final Columns c;
        private final int n;
        private int[] previousIndex;

        Run(
                CustomerHistories h,
                ScoringProfile profile,
                CustomSegmentScheme customRules,
                PreviousAssignments previous,
                ProgressListener listener) {
            this.h = h;
            this.profile = profile;
            this.customRules = customRules;
            this.previous = previous;
            this.listener = listener;
            this.c = new Columns(h);
            this.n = h.size();
        }

        ScoringOutcome compute() {
            phase(ComputationPhase.METRICS);
            long[][] scoredValues = metrics();
            phase(ComputationPhase.SCORES);
            scores(scoredValues);
            phase(ComputationPhase.SEGMENTS);
            segments(scoredValues);
            phase(ComputationPhase.VALUE_CLASSES);
            valueClasses();
            phase(ComputationPhase.PURCHASE_MODEL);
            BgNbdData purchaseData = BgNbdData.fromHistories(h, profile.modelTimeUnit(), MAX_FIT_CUSTOMERS);
            c.purchaseModel = guarded(
                    () -> BgNbdModel.fit(purchaseData),
                    purchaseData.customers(),
                    purchaseData.eligibleCustomers(),
                    purchaseData.groups());
            phase(ComputationPhase.SPEND_MODEL);
            GammaGammaData spendData = GammaGammaData.fromHistories(h, MAX_FIT_CUSTOMERS);
            c.spendModel = guarded(
                    () -> GammaGammaModel.fit(spendData),
                    spendData.customers(),
                    spendData.eligibleCustomers(),
                    spendData.groups());
            phase(ComputationPhase.PREDICTIONS);
            predictions();
            phase(ComputationPhase.LIFECYCLE);
            lifecycle();
            phase(ComputationPhase.CUSTOM_SEGMENTS);
            for (int i = 0; i < n; i++) {
                if (c.scored(i)) {
                    c.custom[i] = (short) customRules.assign(c, i);
                }
            }
            phase(ComputationPhase.MIGRATION);
            migrations();
            phase(ComputationPhase.SUMMARIES);
            summaries();
            phase(ComputationPhase.DONE);
            return new ScoringOutcome(h, profile, customRules, c);
        }

        private void phase(ComputationPhase phase) {
            listener.onProgress(phase, phase.start());
        }

        /** Recency, frequency and monetary of the scored customers, compacted for quantiles. */
        private long[][] metrics() {
            int scored = 0;
            for (int i = 0; i < n; i++) {
                if (h.hasPurchaseInWindow(i)) {
                    scored++;
                }
            }
            // exact-size arrays: at 10 million customers every spare long[] costs 80 MB
            long[] recency = new long[scored];
            long[] frequency = new long[scored];
            long[] monetary = new long[scored];
            int k = 0;
            boolean average = profile.monetaryBasis() == MonetaryBasis.AVERAGE;
            for (int i = 0; i < n; i++) {
                if (h.hasPurchaseInWindow(i)) {
                    long value = average ? h.averageOrderValueTenThousandths(i) : h.windowNetTenThousandths(i);
                    c.monetary[i] = value;
                    recency[k] = h.recencyDays(i);
                    frequency[k] = h.frequency(i);
                    monetary[k] = value;
                    k++;
                }
            }
            c.scoredCount = k;
            return new long[][] {recency, frequency, monetary};
        }

        private void scores(long[][] values) {
            for (Dimension d : Dimension.values()) {
                c.cutPoints[d.ordinal()] = profile.rule(d).method() == BinningMethod.FIXED
                        ? profile.fixedCutPoints(d)
                        : CutPoints.quantiles(d, values[d.ordinal()], values[d.ordinal()].length, profile.bins());
            }
            CutPoints rc = c.cutPoints[0];
            CutPoints fc = c.cutPoints[1];
            CutPoints mc = c.cutPoints[2];
            for (int i = 0; i < n; i++) {
                if (h.hasPurchaseInWindow(i)) {
                    c.r[i] = (byte) rc.score(h.recencyDays(i));
                    c.f[i] = (byte) fc.score(h.frequency(i));
                    c.m[i] = (byte) mc.score(c.monetary[i]);
                }
            }
        }

        private void segments(long[][] values) {
            int bins = profile.bins();
            if (c.scoredCount > 0) {
                c.cn8 = Cn8Classifier.of(sum(values[0]), sum(values[1]), sum(values[2]), c.scoredCount);
            }
            for (int i = 0; i < n; i++) {
                if (c.scored(i)) {
                    int code = 100 * RfmScore.onFivePointScale(c.r[i], bins)
                            + 10 * RfmScore.onFivePointScale(c.f[i], bins)
                            + RfmScore.onFivePointScale(c.m[i], bins);
                    c.standard[i] = (byte) StandardSegment.ofFivePointCode(code).ordinal();
                    c.cn8Segment[i] = (byte) c.cn8.segmentOf(h.recencyDays(i), h.frequency(i), c.monetary[i])
                            .ordinal();
                }
            }
        }

        private static long sum(long[] values) {
            long s = 0;
            for (long v : values) {
                s = Math.addExact(s, v);
            }
            return s;
        }

        /** ABC by net revenue in the window, whatever the monetary basis (revenue is what it splits). */
        private void valueClasses() {
            long[] revenue = new long[(int) c.scoredCount];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (c.scored(i)) {
                    revenue[k++] = h.windowNetTenThousandths(i);
                }
            }
            c.abc = AbcClassification.of(revenue, k);
            for (int i = 0; i < n; i++) {
                if (c.scored(i)) {
                    c.abcClass[i] =
                            (byte) c.abc.classOf(h.windowNetTenThousandths(i)).ordinal();
                }
            }
        }

        /** A fit that throws becomes a FAILED fit: the RFM results must still be published. */
        private static <P> ModelFit<P> guarded(
                java.util.function.Supplier<ModelFit<P>> fit, long customers, long eligible, int groups) {
            try {
                return fit.get();
            } catch (RuntimeException e) {
                return ModelFit.failed("fit failed: " + e, customers, eligible, groups);
            }
        }

        /**
         * P(alive), expected purchases, expected order value and predicted CLV for every customer
         * with a purchase (the fits may have used a sample). The series-heavy "if alive" parts
         * depend on (x, T) only and are computed once per distinct pair; P(alive) per customer.
         */
        private void predictions() {
            ModelTimeUnit unit = profile.modelTimeUnit();
            ClvSettings clv = profile.clvSettings();
            GammaGammaParameters spend = c.spendModel.converged() ? c.spendModel.parameters() : null;
            BgNbdParameters model = c.purchaseModel.converged() ? c.purchaseModel.parameters() : null;
            long[] distinct = new long[0];
            double[][] ifAlive = null;
            double[] discounted = null;
            if (model != null) {
                long[] keys = new long[n];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    if (h.hasPurchase(i)) {
                        keys[k++] = xAgeKey(i);
                    }
                }
                distinct = distinctSorted(Arrays.copyOf(keys, k));
                ifAlive = new double[PURCHASE_HORIZONS.length][distinct.length];
                discounted = new double[distinct.length];
                for (int d = 0; d < distinct.length; d++) {
                    int x = (int) (distinct[d] >>> 32);
                    double age = unit.fromDays(distinct[d] & 0xFFFF_FFFFL);
                    try {
                        for (int t = 0; t < PURCHASE_HORIZONS.length; t++) {
                            ifAlive[t][d] = model.expectedPurchasesIfAlive(unit.fromDays(PURCHASE_HORIZONS[t]), x, age);
                        }
                        discounted[d] = clv.discountedPurchasesIfAlive(model, x, age);
                    } catch (ArithmeticException e) {
                        // a series that cannot be evaluated costs these customers their predictions,
                        // not the run; they are counted in failedPredictions
                        for (double[] horizon : ifAlive) {
                            horizon[d] = Double.NaN;
                        }
                        discounted[d] = Double.NaN;
                    }
                }
            }
            double margin = clv.margin();
            for (int i = 0; i < n; i++) {
                if (!h.hasPurchase(i)) {
                    continue; // a prospect: no first purchase, no model quantities
                }
                int x = h.repeatTransactions(i);
                if (spend != null) {
                    double meanValue = x == 0 ? 0 : h.repeatNetTenThousandths(i) / 10_000.0 / x;
                    c.expectedValue[i] = spend.conditionalExpectedValue(x, meanValue);
                }
                if (model != null) {
                    int d = Arrays.binarySearch(distinct, xAgeKey(i));
                    double alive = model.probabilityAlive(
                            x, unit.fromDays(h.recencyInModelDays(i)), unit.fromDays(h.ageInModelDays(i)));
                    c.pAlive[i] = alive;
                    c.expected30[i] = alive * ifAlive[0][d];
                    c.expected90[i] = alive * ifAlive[1][d];
                    c.expected365[i] = alive * ifAlive[2][d];
                    c.predictedClv[i] = margin * c.expectedValue[i] * alive * discounted[d];
                    if (Double.isNaN(discounted[d])) {
                        c.failedPredictions++;
                    }
                }
            }
        }

        private long xAgeKey(int i) {
            return ((long) h.repeatTransactions(i) << 32) | h.ageInModelDays(i);
        }

        private static final int[] PURCHASE_HORIZONS = ScoringOutcome.PURCHASE_HORIZON_DAYS;

        private static long[] distinctSorted(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[k++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, k);
        }

        private void lifecycle() {
            c.thresholds = profile.lifecycle().derived()
                    ? LifecycleThresholds.derivedFrom(h, profile.newWindowDays())
                    : LifecycleThresholds.fixed(
                            profile.newWindowDays(),
                            profile.lifecycle().dormantDays(),
                            profile.lifecycle().lostDays());
            LifecycleClassifier classifier = LifecycleClassifier.of(c.thresholds);
            previousIndex = matchPrevious();
            List<String> stageCodes = previous.codes(AssignmentKind.LIFECYCLE_STAGE);
            LifecycleStage[] previousStage = new LifecycleStage[stageCodes.size()];
            for (int k = 0; k < previousStage.length; k++) {
                String code = stageCodes.get(k);
                previousStage[k] = Arrays.stream(LifecycleStage.values())
                        .filter(s -> s.name().equals(code))
                        .findFirst()
                        .orElse(null); // a stage this version does not know counts as none
            }
            LocalDate previousDate = previous.referenceDate();
            long previousDay = previousDate == null ? Long.MAX_VALUE : previousDate.toEpochDay();
            int referenceDay = h.referenceDay();
            for (int i = 0; i < n; i++) {
                boolean bought = h.hasPurchase(i);
                LifecycleStage before = null;
                if (previousIndex[i] >= 0) {
                    int code = previous.codeIndex(AssignmentKind.LIFECYCLE_STAGE, previousIndex[i]);
                    before = code < 0 ? null : previousStage[code];
                }
                LifecycleStage stage = classifier.stage(
                        bought,
                        bought ? referenceDay - h.firstPurchaseDay(i) : 0,
                        bought ? h.recencyDays(i) : 0,
                        before,
                        bought && h.lastPurchaseDay(i) >= previousDay);
                c.stage[i] = (byte) stage.ordinal();
            }
        }

        private int[] matchPrevious() {
            return match(h, previous);
        }

        private void migrations() {
            c.migrations = ScoringComputation.migrations(h, c, customRules, previous, previousIndex);
        }

        private void summaries() {
            Map<SegmentScheme, List<SummaryRow>> bySchema = new EnumMap<>(SegmentScheme.class);
            bySchema.put(
                    SegmentScheme.STANDARD,
                    summary(definitions(SegmentScheme.STANDARD, customRules), i -> c.standard[i], true));
            bySchema.put(
                    SegmentScheme.CN8,
                    summary(definitions(SegmentScheme.CN8, customRules), i -> c.cn8Segment[i], true));
            bySchema.put(
                    SegmentScheme.CUSTOM,
                    summary(definitions(SegmentScheme.CUSTOM, customRules), i -> c.custom[i], true));
            c.segmentSummaries = java.util.Collections.unmodifiableMap(bySchema);
            c.stageSummary = summary(stageDefinitions(), i -> c.stage[i], false);
            c.abcSummary = summary(abcDefinitions(), i -> c.abcClass[i], true); // every scored customer has a class
        }

        /**
         * Summary rows over a category column. Population: scored customers for segments, all
         * customers for stages; averages over members with a purchase in the window.
         */
        private List<SummaryRow> summary(
                List<SegmentDefinition> definitions, java.util.function.IntUnaryOperator category, boolean scoredOnly) {
            int k = definitions.size();
            long[] customers = new long[k];
            long[] revenue = new long[k];
            long[] withMetrics = new long[k];
            long[] recency = new long[k];
            long[] frequency = new long[k];
            BigInteger[] monetary = new BigInteger[k];
            Arrays.fill(monetary, BigInteger.ZERO);
            long[] monetaryPart = new long[k];
            double[] clvSum = new double[k];
            long[] clvCount = new long[k];
            long population = 0;
            long totalRevenue = 0;
            for (int i = 0; i < n; i++) {
                if (scoredOnly && !c.scored(i)) {
                    continue;
                }
                int s = category.applyAsInt(i);
                customers[s]++;
                population++;
                long net = h.windowNetTenThousandths(i);
                revenue[s] = Math.addExact(revenue[s], net);
                totalRevenue = Math.addExact(totalRevenue, net);
                if (c.scored(i)) {
                    withMetrics[s]++;
                    recency[s] += h.recencyDays(i);
                    frequency[s] += h.frequency(i);
                    // BigInteger only when a long would overflow; sums of money are exact
                    long next = monetaryPart[s] + c.monetary[i];
                    if (((monetaryPart[s] ^ next) & (c.monetary[i] ^ next)) < 0) {
                        monetary[s] = monetary[s].add(BigInteger.valueOf(monetaryPart[s]));
                        next = c.monetary[i];
                    }
                    monetaryPart[s] = next;
                }
                double clv = c.predictedClv[i];
                if (!Double.isNaN(clv)) {
                    clvSum[s] += clv;
                    clvCount[s]++;
                }
            }
            List<SummaryRow> rows = new ArrayList<>(k);
            for (int s = 0; s < k; s++) {
                long members = withMetrics[s];
                BigInteger monetarySum = monetary[s].add(BigInteger.valueOf(monetaryPart[s]));
                rows.add(new SummaryRow(
                        definitions.get(s),
                        customers[s],
                        population == 0 ? 0 : (double) customers[s] / population,
                        Amounts.toDecimal(revenue[s]),
                        totalRevenue == 0 ? 0 : (double) revenue[s] / totalRevenue,
                        members == 0 ? null : (double) recency[s] / members,
                        members == 0 ? null : (double) frequency[s] / members,
                        members == 0
                                ? null
                                : new BigDecimal(monetarySum, Amounts.SCALE)
                                        .divide(BigDecimal.valueOf(members), Amounts.SCALE, RoundingMode.HALF_EVEN),
                        clvCount[s] == 0
                                ? null
                                : BigDecimal.valueOf(clvSum[s] / clvCount[s])
                                        .setScale(Amounts.SCALE, RoundingMode.HALF_EVEN)));
            }
            return List.copyOf(rows);
        }
    }
}
