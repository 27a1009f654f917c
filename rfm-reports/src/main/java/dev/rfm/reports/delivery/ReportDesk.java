package dev.rfm.reports.delivery;

import dev.rfm.reports.mail.Mailer;
import dev.rfm.reports.mail.ReportMail;
import dev.rfm.reports.schedule.ReportSchedule;
import dev.rfm.reports.schedule.ReportSchedules;
import dev.rfm.reports.schedule.ScheduleDraft;
import dev.rfm.reports.schedule.ScheduleSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the REST API and the Reports page do with reports: manage schedules, read the archive, send now, send a test
 * mail, and the last report sent (for the Overview). Each method is one call into the schedules, the archive or the
 * engine, plus re-creating the timers after a change.
 */
@ApplicationScoped
public class ReportDesk {

    private static final Logger LOG = Logger.getLogger(ReportDesk.class.getName());

    @Inject
    ReportSchedules schedules;

    @Inject
    ReportArchive archive;

    @Inject
    DeliveryEngine engine;

    @Inject
    Mailer mailer;

    @Inject
    ReportTimers timers;

    @Inject
    Clock clock;

    @Resource
    ManagedExecutorService executor;

    /** A schedule that does not exist. */
    public static class NoSuchSchedule extends Exception {
        public NoSuchSchedule(long id) {
            super("No report schedule with id " + id + ".");
        }
    }

    public List<ReportSchedule> schedules() throws SQLException {
        return schedules.all();
    }

    public Optional<ReportSchedule> schedule(long id) throws SQLException {
        return schedules.find(id);
    }

    /** Validates and stores a new schedule; {@link dev.rfm.reports.schedule.InvalidSchedule} names bad fields. */
    public ReportSchedule create(ScheduleDraft draft, String by) throws SQLException {
        ScheduleSettings settings = draft.settings();
        ReportSchedule created = schedules.create(settings, by, LocalDateTime.now(clock));
        retime();
        return created;
    }

    public ReportSchedule update(long id, ScheduleDraft draft, String by) throws SQLException, NoSuchSchedule {
        ScheduleSettings settings = draft.settings();
        ReportSchedule updated =
                schedules.update(id, settings, by, LocalDateTime.now(clock)).orElseThrow(() -> new NoSuchSchedule(id));
        retime();
        return updated;
    }

    public boolean delete(long id) throws SQLException {
        boolean deleted = schedules.delete(id);
        if (deleted) retime();
        return deleted;
    }

    /** Archives a report of the current run for the schedule and sends it at once; the delivery's id. */
    public long sendNow(long scheduleId) throws SQLException, NoSuchSchedule, DeliveryEngine.NoRunYet {
        ReportSchedule schedule = schedules.find(scheduleId).orElseThrow(() -> new NoSuchSchedule(scheduleId));
        long id = engine.sendNow(schedule);
        executor.submit(() -> {
            try {
                engine.deliverDue();
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "Report " + id + " waits for the next tick", e);
            }
        });
        return id;
    }

    /** A page of the archive, newest first. */
    public List<ArchivedReport> archive(int page, int size) throws SQLException {
        return archive.page(page, size);
    }

    public long archiveSize() throws SQLException {
        return archive.count();
    }

    public Optional<ArchivedReport> archived(long id) throws SQLException {
        return archive.find(id);
    }

    public Optional<byte[]> pdf(long id) throws SQLException {
        return archive.pdf(id);
    }

    /** The newest report sent, for the Overview. */
    public Optional<ArchivedReport> lastSent() throws SQLException {
        return archive.lastSent();
    }

    /**
     * Sends a short test mail to an address (users have no stored address, so the page asks for it) in a language;
     * throws with the SMTP server's answer when it fails or when mail is off.
     */
    public void sendTestMail(String address, String localeTag) throws MessagingException {
        Optional<String> off = mailer.settings().offReason();
        if (off.isPresent()) throw new MessagingException(off.get());
        ResourceBundle texts = ReportMail.texts(localeTag);
        mailer.sendText(address, texts.getString("test.subject"), texts.getString("test.body"));
    }

    private void retime() {
        try {
            timers.resync();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Report timers are re-created at the next tick instead", e);
        }
    }
}
