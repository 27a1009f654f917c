package dev.rfm.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rfm.web.segment.RuleDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every problem the segment editor can show and every error a run stores reads the same in English and is told in
 * Chinese. The rule problems come from the real rule checks (RuleDraft → CustomSegments.compile); the run errors are
 * the forms ScoringJob, ScoringRuns and SnapshotWriter write.
 */
class KnownMessagesTest {

    private static final String BUNDLE = "dev.rfm.web.i18n.messages";
    private static final KnownMessages ENGLISH =
            new KnownMessages(ResourceBundle.getBundle(BUNDLE, Locale.ROOT), Locale.ENGLISH);
    private static final KnownMessages CHINESE =
            new KnownMessages(ResourceBundle.getBundle(BUNDLE, Locale.SIMPLIFIED_CHINESE), Locale.SIMPLIFIED_CHINESE);

    /** Conditions each wrong in one way, with a valid code and name: every condition problem there is. */
    static Stream<String> ruleProblems() {
        String[][] rules = {
            {"big", "Big", "rScore=4..5"},
            {"BIG", " ", "rScore=4..5"},
            {"OTHER", "Other", "rScore=5"},
            {"BIG", "x".repeat(101), "rScore=5"},
            {"BIG", "Big", "rScore"},
            {"BIG", "Big", "colour=red"},
            {"BIG", "Big", "monetary="},
            {"BIG", "Big", "monetary=+5"},
            {"BIG", "Big", "monetary=-5"},
            {"BIG", "Big", "frequency=1234567890123456789"},
            {"BIG", "Big", "frequency=2.5"},
            {"BIG", "Big", "monetary=1.123"},
            {"BIG", "Big", "monetary=1e5"},
            {"BIG", "Big", "monetary=abc"},
            {"BIG", "Big", "stages=SLEEPY"},
            {"BIG", "Big", "monetary=9..5"},
            {"BIG", "Big", "rScore=9"},
            {"BIG", "Big", "pAlive=0..2"},
            {"BIG", "Big", "rScore=1.5..2"},
            {"BIG", "Big", "rScore=9\nmonetary=abc"}
        };
        List<String> problems = new ArrayList<>();
        for (String[] rule : rules) {
            problems.addAll(new RuleDraft(rule[0], rule[1], null, null, null, rule[2])
                    .problems(List.of())
                    .values());
        }
        problems.addAll(new RuleDraft("BIG", "Big", null, null, null, "rScore=5")
                .problems(List.of("BIG"))
                .values());
        return problems.stream().distinct();
    }

    static Stream<String> runErrors() {
        String kept = ". Nothing of it was published; the previous snapshot stays current.";
        return Stream.of(
                "The run failed while reading orders: a database error (error id 7KQ2-M4XD; the details are in the"
                        + " server log)" + kept,
                "The run failed while writing results: the server ran out of memory" + kept,
                "The run failed while writing results: a number out of range" + kept,
                "The run failed while reading orders: an internal error (error id AB12; the details are in the"
                        + " server log)" + kept,
                "Interrupted: the server was stopped or killed while the run was working" + kept,
                "Interrupted: its server stopped before the run finished" + kept,
                "Interrupted: its server is gone" + kept,
                "Interrupted: its server (node-b) stopped sending heartbeats at 2026-11-30T10:15:03" + kept,
                "Cancelled by an administrator before it finished; the previous snapshot stays current.",
                "The CLV models could not be fitted: BG/NBD: did not converge after 500 iterations. The RFM scores,"
                        + " segments and lifecycle stages were published.");
    }

    @ParameterizedTest
    @MethodSource("ruleProblems")
    void aRuleProblemReadsTheSameInEnglishAndIsToldInChinese(String problem) {
        assertThat(ENGLISH.ruleProblem(problem)).isEqualTo(problem);
        assertChinese(CHINESE.ruleProblem(problem));
    }

    @ParameterizedTest
    @MethodSource("runErrors")
    void aRunErrorReadsTheSameInEnglishAndIsToldInChinese(String error) {
        assertThat(ENGLISH.runError(error)).isEqualTo(error);
        assertChinese(CHINESE.runError(error));
    }

    @Test
    void theValuesAreKeptAndTheWordsAroundThemTranslated() {
        assertThat(CHINESE.runError("The run failed while reading orders: a database error (error id 7KQ2-M4XD; the"
                        + " details are in the server log). Nothing of it was published; the previous snapshot stays"
                        + " current."))
                .isEqualTo("运行在“读取订单”阶段失败：数据库错误（错误编号 7KQ2-M4XD，详情见服务器日志）。本次运行的结果均未发布，上一快照仍为当前快照。");
        assertThat(CHINESE.ruleProblem("Rule BIG has invalid conditions: rScore: 'x' is not a plain decimal number"
                        + " such as 12 or 12.5; monetary: min must not exceed max, was 9 > 5"))
                .isEqualTo("规则 BIG 的条件无效：rScore：“x”不是 12 或 12.5 这样的普通小数；monetary：下限不能大于上限，当前为 9 > 5");
    }

    @Test
    void aWholeListIsToldRuleByRule() {
        String list = "rule 1: code must be 1-40 capital letters, digits or _ (was 'big'); rule 2 (VIP): Rule VIP has"
                + " invalid conditions: rScore: '9' must not be negative; rules must have unique codes, VIP repeats";
        assertThat(ENGLISH.ruleProblems(list)).isEqualTo(list);
        assertThat(CHINESE.ruleProblems(list))
                .isEqualTo("规则 1：代码须为 1–40 个大写字母、数字或下划线（当前为“big”）；规则 2（VIP）：规则 VIP 的条件无效：rScore：“9”不能为负数；"
                        + "规则代码必须唯一，VIP 重复");
    }

    @Test
    void anUnknownTextStaysAsWritten() {
        assertThat(CHINESE.runError("Something new went wrong")).isEqualTo("Something new went wrong");
        assertThat(CHINESE.ruleProblem("something new: went wrong?")).isEqualTo("something new: went wrong?");
        assertThat(CHINESE.runError(null)).isNull();
    }

    /** Told in Chinese: no English sentence left, only the values (codes, condition keys, ids, numbers). */
    private static void assertChinese(String told) {
        assertThat(told).containsPattern("\\p{IsHan}");
        assertThat(told)
                .doesNotContain(" must ", " is not ", " was ", "Nothing", "failed", "server", "Interrupted", "rule ");
    }
}
