package dev.rfm.reports.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A report's mail speaks the schedule's language throughout, the scheme's name included. */
class ReportMailTest {

    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};

    @Test
    void englishMailNamesTheSchemeInWords() {
        ReportMail mail = ReportMail.of("en", "Weekly team", "cn8", 12, LocalDate.of(2026, 11, 30), PDF);
        assertThat(mail.subject()).isEqualTo("RFM segment report – Weekly team – 2026-11-30");
        assertThat(mail.body())
                .contains("attached is the RFM segment report \"Weekly team\" (RFM value model, 8 segments) of"
                        + " scoring run 12, as of 2026-11-30.");
        assertThat(mail.fileName()).isEqualTo("rfm-segment-report-cn8-2026-11-30-run12-en.pdf");
    }

    @Test
    void chineseMailIsChineseThroughout() {
        ReportMail mail = ReportMail.of("zh-CN", "周报", "standard", 12, LocalDate.of(2026, 11, 30), PDF);
        assertThat(mail.subject()).isEqualTo("RFM 客户分群报告 – 周报 – 2026-11-30");
        assertThat(mail.body()).contains("附件是 RFM 客户分群报告“周报”（标准 RFM 分群），评分运行 12，基准日期 2026-11-30。");
        assertThat(mail.body()).doesNotContain("standard");
    }
}
