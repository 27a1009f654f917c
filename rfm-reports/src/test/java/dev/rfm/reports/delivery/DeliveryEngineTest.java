package dev.rfm.reports.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rfm.domain.testing.TestDatabase;
import dev.rfm.reports.mail.MailSettings;
import dev.rfm.reports.mail.Mailer;
import dev.rfm.reports.pdf.SegmentReports;
import dev.rfm.reports.schedule.ReportSchedule;
import dev.rfm.reports.schedule.ReportSchedules;
import dev.rfm.reports.schedule.ScheduleDraft;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The delivery engine against a real SMTP server (GreenMail) on H2 and a real PostgreSQL: exactly one mail per
 * recipient, retries with back-off, the kill switch, languages, and two servers racing for one report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryEngineTest {

    static final LocalDateTime MONDAY_0730 = LocalDateTime.parse("2026-12-07T07:30");
    static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), 3);

    final TestDatabase.PerClass databases = new TestDatabase.PerClass();
    int port;
    GreenMail smtp;
    TestClock clock;

    @BeforeEach
    void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        clock = new TestClock(MONDAY_0730);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    DataSource db(TestDatabase database) throws Exception {
        DataSource db = databases.get(database);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("delete from report_delivery");
            s.executeUpdate("delete from report_schedule");
            s.executeUpdate("update current_snapshot set run_id = null");
            s.executeUpdate("delete from scoring_run");
        }
        return db;
    }

    MailSettings mail(boolean enabled) {
        return new MailSettings(
                Optional.of("127.0.0.1"), port, Optional.empty(), Optional.empty(), "rfm@example.com", false, enabled);
    }

    DeliveryEngine engine(DataSource db, MailSettings settings, String worker) {
        return new DeliveryEngine(db, new SegmentReports(db, clock), new Mailer(settings), RETRY, clock, worker);
    }

    /** A succeeded run that is current, finished at the clock's time. */
    static long publishRun(DataSource db, LocalDate referenceDate, LocalDateTime finished) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into scoring_run (status, reference_date, trigger_source, queued_at, started_at,"
                                + " finished_at) values ('SUCCEEDED', ?, 'MANUAL', ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            insert.setObject(1, referenceDate);
            insert.setTimestamp(2, Timestamp.valueOf(finished));
            insert.setTimestamp(3, Timestamp.valueOf(finished));
            insert.setTimestamp(4, Timestamp.valueOf(finished));
            insert.executeUpdate();
            var keys = insert.getGeneratedKeys();
            keys.next();
            long id = keys.getLong(1);
            try (Statement s = c.createStatement()) {
                if (s.executeUpdate("update current_snapshot set run_id = " + id) == 0) {
                    s.executeUpdate("insert into current_snapshot (id, run_id) values (1, " + id + ")");
                }
            }
            return id;
        }
    }

    ReportSchedule schedule(DataSource db, String cadence, String locale, String time, String day, String... to)
            throws Exception {
        ScheduleDraft draft = new ScheduleDraft(
                locale.equals("en") ? "Monday report" : "周报",
                "standard",
                locale,
                List.of(to),
                cadence,
                time,
                day,
                null,
                5,
                true);
        return new ReportSchedules(db)
                .create(draft.settings(), "tester", LocalDateTime.now(clock).minusDays(1));
    }

    static List<String> recipientsOf(MimeMessage[] messages) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage m : messages) {
            for (Address a : m.getAllRecipients()) to.add(a.toString());
        }
        return to;
    }

    static void assertPdfAttached(MimeMessage m) throws Exception {
        Multipart parts = (Multipart) m.getContent();
        BodyPart pdf = parts.getBodyPart(1);
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(pdf.getFileName())
                .matches("rfm-segment-report-standard-\\d{4}-\\d{2}-\\d{2}-run\\d+-(en|zh-CN)\\.pdf");
        byte[] bytes = pdf.getInputStream().readAllBytes();
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(document.getNumberOfPages()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anAfterRunScheduleSendsExactlyOneMailPerRecipientWithThePdf(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(true), "server-a");
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com", "bo@example.com");
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));

        List<Long> archived = engine.afterRun(run, LocalDate.parse("2026-12-07"));
        assertThat(archived).hasSize(1);
        assertThat(engine.afterRun(run, LocalDate.parse("2026-12-07")))
                .as("the same run again")
                .isEmpty();
        assertThat(engine.catchUp()).as("catch-up finds it archived").isEmpty();
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(engine.deliverDue()).as("nothing left").isZero();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(recipientsOf(received)).containsExactlyInAnyOrder("anna@example.com", "bo@example.com");
        assertThat(received[0].getSubject()).isEqualTo("RFM segment report – Monday report – 2026-12-07");
        for (MimeMessage m : received) assertPdfAttached(m);
        ArchivedReport report = new ReportArchive(db).find(archived.get(0)).orElseThrow();
        assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(report.attempts()).isEqualTo(1);
        assertThat(report.occurrence()).isEqualTo("run:" + run);
        assertThat(new ReportArchive(db).lastSent()).map(ArchivedReport::id).contains(report.id());
        byte[] archivedPdf = new ReportArchive(db).pdf(report.id()).orElseThrow();
        for (MimeMessage m : received) {
            assertThat(((Multipart) m.getContent())
                            .getBodyPart(1)
                            .getInputStream()
                            .readAllBytes())
                    .as("the attachment is the archived PDF, byte for byte")
                    .isEqualTo(archivedPdf);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void sendNowArchivesANewReportOfTheCurrentRunEachTime(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(true), "server-a");
        ReportSchedule s = schedule(db, "DAILY", "en", "08:00", null, "anna@example.com");
        clock = new TestClock(LocalDateTime.parse("2026-12-07T07:30:12.123456789"));
        engine = engine(db, mail(true), "server-a");
        try {
            engine.sendNow(s);
            throw new AssertionError("sent without a run");
        } catch (DeliveryEngine.NoRunYet expected) {
            assertThat(expected.getMessage()).contains("No scoring run has succeeded yet");
        }
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        long first = engine.sendNow(s);
        long second = engine.sendNow(s);
        assertThat(second).isNotEqualTo(first);
        assertThat(engine.deliverDue()).isEqualTo(2);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(new ReportArchive(db).find(first)).hasValueSatisfying(r -> {
            assertThat(r.runId()).isEqualTo(run);
            assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void smtpDownThenUpRetriesWithBackOffThenSendsOnce(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(true), "server-a");
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com", "bo@example.com");
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        long id = engine.afterRun(run, LocalDate.parse("2026-12-07")).get(0);
        smtp.stop();

        assertThat(engine.deliverDue()).isEqualTo(1);
        ArchivedReport failed = new ReportArchive(db).find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.error()).startsWith("Attempt 1 of 3 failed: ").contains("127.0.0.1");
        assertThat(engine.deliverDue()).as("not before its back-off").isZero();

        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(engine.deliverDue()).isZero();
        assertThat(recipientsOf(smtp.getReceivedMessages()))
                .containsExactlyInAnyOrder("anna@example.com", "bo@example.com");
        ArchivedReport sent = new ReportArchive(db).find(id).orElseThrow();
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.error()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void afterTheLastAttemptTheReportIsFailed(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(true), "server-a");
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com");
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        long id = engine.afterRun(run, LocalDate.parse("2026-12-07")).get(0);
        smtp.stop();
        for (Duration wait : List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2))) {
            clock.advance(wait);
            assertThat(engine.deliverDue()).isEqualTo(1);
        }
        ArchivedReport failed = new ReportArchive(db).find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.error()).startsWith("Attempt 3 of 3 failed").endsWith("no more attempts.");
        clock.advance(Duration.ofHours(1));
        assertThat(engine.deliverDue()).isZero();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theKillSwitchSendsNothingButArchives(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(false), "server-a");
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com");
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        long id = engine.afterRun(run, LocalDate.parse("2026-12-07")).get(0);
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        ArchivedReport archived = new ReportArchive(db).find(id).orElseThrow();
        assertThat(archived.status()).isEqualTo(DeliveryStatus.ARCHIVED);
        assertThat(archived.error()).contains("RFM_MAIL_ENABLED=false");
        assertThat(new ReportArchive(db).pdf(id))
                .hasValueSatisfying(pdf -> assertThat(pdf).startsWith("%PDF-".getBytes()));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoSchedulesInTwoLanguagesGiveTwoSubjects(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(true), "server-a");
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com");
        schedule(db, "AFTER_RUN", "zh-CN", null, null, "li@example.com");
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        assertThat(engine.afterRun(run, LocalDate.parse("2026-12-07"))).hasSize(2);
        assertThat(engine.deliverDue()).isEqualTo(2);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage english =
                received[0].getAllRecipients()[0].toString().equals("anna@example.com") ? received[0] : received[1];
        MimeMessage chinese = english == received[0] ? received[1] : received[0];
        assertThat(english.getSubject()).isEqualTo("RFM segment report – Monday report – 2026-12-07");
        assertThat(chinese.getSubject()).isEqualTo("RFM 客户分群报告 – 周报 – 2026-12-07");
        assertThat(chinese.getHeader("Subject")[0]).as("encoded for transport").startsWith("=?UTF-8?");
        assertThat(((Multipart) chinese.getContent())
                        .getBodyPart(0)
                        .getContent()
                        .toString())
                .contains("附件是");
        assertThat(chinese.getAllRecipients()[0].toString()).isEqualTo("li@example.com");
        assertPdfAttached(chinese);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aWeeklyScheduleFiresAtItsTime(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(true), "server-a");
        publishRun(db, LocalDate.parse("2026-12-01"), LocalDateTime.parse("2026-12-01T02:00"));
        clock.set(LocalDateTime.parse("2026-12-06T12:00")); // Sunday: the schedule is created now
        new ReportSchedules(db)
                .create(
                        new ScheduleDraft(
                                        "Weekly",
                                        "standard",
                                        "en",
                                        List.of("anna@example.com"),
                                        "WEEKLY",
                                        "08:00",
                                        "MONDAY",
                                        null,
                                        5,
                                        true)
                                .settings(),
                        "tester",
                        LocalDateTime.now(clock));
        clock.set(LocalDateTime.parse("2026-12-07T07:59"));
        assertThat(engine.catchUp()).as("a minute early").isEmpty();
        clock.set(LocalDateTime.parse("2026-12-07T08:00"));
        assertThat(engine.catchUp()).hasSize(1);
        assertThat(engine.catchUp()).as("once per occurrence").isEmpty();
        engine.deliverDue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(new ReportArchive(db).page(0, 10)).singleElement().satisfies(r -> assertThat(r.occurrence())
                .isEqualTo("at:2026-12-07T08:00"));
        clock.set(LocalDateTime.parse("2026-12-14T08:00:30"));
        assertThat(engine.catchUp()).as("the next Monday").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoServersRacingForOneOccurrenceArchiveAndSendItOnce(TestDatabase database) throws Exception {
        DataSource db = db(database);
        DeliveryEngine a = engine(db, mail(true), "server-a");
        DeliveryEngine b = engine(db, mail(true), "server-b");
        ReportSchedule s = schedule(db, "DAILY", "en", "08:00", null, "anna@example.com", "bo@example.com");
        publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        LocalDateTime occurrence = LocalDateTime.parse("2026-12-07T08:00");
        clock.set(occurrence);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Callable<Integer>> servers = new ArrayList<>();
                for (DeliveryEngine engine : List.of(a, b)) {
                    servers.add(() -> {
                        together.await();
                        int archived = engine.due(s, occurrence).isPresent() ? 1 : 0;
                        engine.deliverDue();
                        return archived;
                    });
                }
                int archived = 0;
                for (Future<Integer> f : pool.invokeAll(servers)) archived += f.get();
                assertThat(archived).as("archived in round " + round).isEqualTo(round == 0 ? 1 : 0);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(new ReportArchive(db).page(0, 10)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(r.attempts()).isEqualTo(1);
        });
        assertThat(recipientsOf(smtp.getReceivedMessages()))
                .containsExactlyInAnyOrder("anna@example.com", "bo@example.com");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aServerThatDiedWhileSendingIsTakenOverAfterItsLeaseForTheRemainingRecipientsOnly(TestDatabase database)
            throws Exception {
        DataSource db = db(database);
        DeliveryEngine engine = engine(db, mail(true), "server-b");
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com", "bo@example.com");
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        long id = engine.afterRun(run, LocalDate.parse("2026-12-07")).get(0);
        // server A claimed it, mailed anna, recorded that, and died
        try (Connection c = db.getConnection();
                PreparedStatement claim =
                        c.prepareStatement("update report_delivery set claimed_by = 'server-a/dead', claimed_until = ?,"
                                + " sent_to = 'anna@example.com' where id = ?")) {
            claim.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(clock).plus(DeliveryEngine.LEASE)));
            claim.setLong(2, id);
            assertThat(claim.executeUpdate()).isEqualTo(1);
        }
        assertThat(engine.deliverDue()).as("held by server A's lease").isZero();
        clock.advance(DeliveryEngine.LEASE.plusSeconds(1));
        assertThat(engine.deliverDue()).isEqualTo(1);
        assertThat(recipientsOf(smtp.getReceivedMessages())).containsExactly("bo@example.com");
        assertThat(new ReportArchive(db).find(id))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(DeliveryStatus.SENT));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRunWhoseReportsWereNeverArchivedIsCaughtUpOnceAfterARestart(TestDatabase database) throws Exception {
        DataSource db = db(database);
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com");
        // the server published the run and died before its observer archived anything
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        DeliveryEngine restarted = engine(db, mail(true), "server-a-again");
        assertThat(restarted.catchUp()).hasSize(1);
        assertThat(restarted.catchUp()).isEmpty();
        assertThat(restarted.afterRun(run, LocalDate.parse("2026-12-07"))).isEmpty();
        restarted.deliverDue();
        assertThat(recipientsOf(smtp.getReceivedMessages())).containsExactly("anna@example.com");
        // a schedule created after a run does not get that run's report
        schedule(db, "AFTER_RUN", "en", null, null, "late@example.com");
        try (Connection c = db.getConnection();
                PreparedStatement later =
                        c.prepareStatement("update report_schedule set updated_at = ? where name = 'Monday report' and"
                                + " recipients = 'late@example.com'")) {
            later.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(clock).plusMinutes(1)));
            assertThat(later.executeUpdate()).isEqualTo(1);
        }
        assertThat(restarted.catchUp()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void smtpAuthenticationIsUsedAndARefusedLoginIsRetried(TestDatabase database) throws Exception {
        smtp.stop();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("rfm@example.com", "rfm", "right-secret"));
        smtp.start();
        DataSource db = db(database);
        schedule(db, "AFTER_RUN", "en", null, null, "anna@example.com");
        long run = publishRun(db, LocalDate.parse("2026-12-07"), LocalDateTime.now(clock));
        long id = engine(db, authenticated("wrong-secret"), "server-a")
                .afterRun(run, LocalDate.parse("2026-12-07"))
                .get(0);
        assertThat(engine(db, authenticated("wrong-secret"), "server-a").deliverDue())
                .isEqualTo(1);
        assertThat(new ReportArchive(db).find(id)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(DeliveryStatus.RETRYING);
            assertThat(r.error()).containsIgnoringCase("authentication");
        });
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine(db, authenticated("right-secret"), "server-a").deliverDue())
                .isEqualTo(1);
        assertThat(recipientsOf(smtp.getReceivedMessages())).containsExactly("anna@example.com");
    }

    MailSettings authenticated(String password) {
        return new MailSettings(
                Optional.of("127.0.0.1"),
                port,
                Optional.of("rfm"),
                Optional.of(password),
                "rfm@example.com",
                false,
                true);
    }

    @Test
    void theTestMailArrivesInTheChosenLanguageUnlessMailIsOff() throws Exception {
        ReportDesk desk = new ReportDesk();
        desk.mailer = new Mailer(mail(true));
        desk.sendTestMail("me@example.com", "zh-CN");
        assertThat(smtp.getReceivedMessages()).singleElement().satisfies(m -> {
            assertThat(m.getSubject()).isEqualTo("RFM 测试邮件");
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo("me@example.com");
        });
        desk.mailer = new Mailer(mail(false));
        assertThatThrownBy(() -> desk.sendTestMail("me@example.com", "en"))
                .hasMessageContaining("RFM_MAIL_ENABLED=false");
        desk.mailer = new Mailer(new MailSettings(
                Optional.empty(), 25, Optional.empty(), Optional.empty(), "rfm@example.com", false, true));
        assertThatThrownBy(() -> desk.sendTestMail("me@example.com", "en"))
                .hasMessageContaining("RFM_SMTP_HOST is not set");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void schedulesAreStoredAsGiven(TestDatabase database) throws Exception {
        DataSource db = db(database);
        ReportSchedules schedules = new ReportSchedules(db);
        ReportSchedule created = schedule(db, "WEEKLY", "zh-CN", "07:45", "FRIDAY", "li@example.com", "wu@example.com");
        assertThat(schedules.find(created.id())).contains(created);
        String before = schedules.version();
        var changed = new ScheduleDraft(
                        "月报", "cn8", "zh-CN", List.of("li@example.com"), "MONTHLY", "06:00", null, 28, 0, false)
                .settings();
        assertThat(schedules.update(created.id(), changed, "editor", LocalDateTime.now(clock)))
                .hasValueSatisfying(s -> {
                    assertThat(s.settings()).isEqualTo(changed);
                    assertThat(s.updatedBy()).isEqualTo("editor");
                    assertThat(s.createdBy()).isEqualTo("tester");
                });
        assertThat(schedules.version()).isNotEqualTo(before);
        assertThat(schedules.enabled(true)).isEmpty();
        assertThat(schedules.delete(created.id())).isTrue();
        assertThat(schedules.all()).isEmpty();
        assertThat(Arrays.asList(schedules.delete(created.id()))).containsExactly(false);
    }
}
