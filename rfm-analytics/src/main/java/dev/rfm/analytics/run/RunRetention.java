package dev.rfm.analytics.run;

import dev.rfm.domain.database.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps run history bounded: every run that finished in the last {@code RFM_RUNS_KEEP_DAYS} days (default 90), plus
 * the last successful run of each older month, plus the current snapshot whatever its age. The rest is deleted with
 * its results after each successful run.
 */
@ApplicationScoped
public class RunRetention {

    private static final Logger LOG = Logger.getLogger(RunRetention.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "rfm.runs.keep.days", defaultValue = "90")
    int keepDays;

    /** A finished run as retention sees it. */
    record FinishedRun(long id, LocalDate finishedOn, boolean succeeded) {}

    /** The runs to delete: pure, so the rule can be tested by hand. */
    static Set<Long> toDelete(List<FinishedRun> runs, LocalDate today, int keepDays, Long currentRunId) {
        LocalDate cutoff = today.minusDays(keepDays);
        Map<YearMonth, FinishedRun> lastOfMonth = new HashMap<>();
        for (FinishedRun run : runs) {
            if (!run.succeeded()) continue;
            lastOfMonth.merge(YearMonth.from(run.finishedOn()), run, (a, b) -> {
                int byDate = a.finishedOn().compareTo(b.finishedOn());
                return byDate != 0 ? (byDate > 0 ? a : b) : (a.id() > b.id() ? a : b);
            });
        }
        Set<Long> delete = new TreeSet<>();
        for (FinishedRun run : runs) {
            boolean recent = !run.finishedOn().isBefore(cutoff);
            boolean monthly = lastOfMonth.get(YearMonth.from(run.finishedOn())) == run;
            boolean current = currentRunId != null && currentRunId == run.id();
            if (!recent && !monthly && !current) delete.add(run.id());
        }
        return delete;
    }

    public void apply() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<FinishedRun> runs = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement("select id, finished_at, status from scoring_run"
                                + " where status in ('SUCCEEDED', 'FAILED') and finished_at is not null");
                        ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new FinishedRun(
                                rs.getLong(1),
                                rs.getTimestamp(2).toLocalDateTime().toLocalDate(),
                                rs.getString(3).equals("SUCCEEDED")));
                    }
                }
                Long current = null;
                try (PreparedStatement select = c.prepareStatement("select run_id from current_snapshot");
                        ResultSet rs = select.executeQuery()) {
                    if (rs.next()) current = (Long) rs.getObject(1, Long.class);
                }
                Set<Long> delete = toDelete(runs, LocalDate.now(), keepDays, current);
                CustomerScoreTable scores = CustomerScoreTable.on(c);
                for (long id : delete) {
                    scores.delete(c, id);
                    for (String table : List.of("segment_summary", "segment_migration", "run_custom_rule")) {
                        try (PreparedStatement d = c.prepareStatement("delete from " + table + " where run_id = ?")) {
                            d.setLong(1, id);
                            d.executeUpdate();
                        }
                    }
                    try (PreparedStatement d = c.prepareStatement("delete from scoring_run where id = ?")) {
                        d.setLong(1, id);
                        d.executeUpdate();
                    }
                }
                c.commit();
                if (!delete.isEmpty()) LOG.info(() -> "Run retention deleted runs " + delete);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
