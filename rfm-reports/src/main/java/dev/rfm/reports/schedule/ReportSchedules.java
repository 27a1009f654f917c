package dev.rfm.reports.schedule;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@code report_schedule} table: the one class that reads and writes it. */
public class ReportSchedules {

    private static final String COLUMNS = "id, name, scheme, locale, recipients, cadence, time_of_day, day_of_week,"
            + " day_of_month, top_customers, enabled, created_at, created_by, updated_at, updated_by";

    private final DataSource dataSource;

    public ReportSchedules(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every schedule, oldest first. */
    public List<ReportSchedule> all() throws SQLException {
        return query("select " + COLUMNS + " from report_schedule order by id", null);
    }

    /** Enabled schedules of one cadence kind: timed ones, or after-run ones. */
    public List<ReportSchedule> enabled(boolean timed) throws SQLException {
        return all().stream()
                .filter(s -> s.settings().enabled() && s.settings().cadence().timed() == timed)
                .toList();
    }

    public Optional<ReportSchedule> find(long id) throws SQLException {
        return query("select " + COLUMNS + " from report_schedule where id = ?", id).stream()
                .findFirst();
    }

    public ReportSchedule create(ScheduleSettings s, String by, LocalDateTime now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "insert into report_schedule (name, scheme, locale, recipients, cadence, time_of_day,"
                                + " day_of_week, day_of_month, top_customers, enabled, created_at, created_by,"
                                + " updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            int i = bind(insert, s);
            insert.setTimestamp(i++, Timestamp.valueOf(now));
            insert.setString(i++, by);
            insert.setTimestamp(i++, Timestamp.valueOf(now));
            insert.setString(i, by);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new ReportSchedule(keys.getLong(1), s, now, by, now, by);
            }
        }
    }

    public Optional<ReportSchedule> update(long id, ScheduleSettings s, String by, LocalDateTime now)
            throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("update report_schedule set name = ?, scheme = ?,"
                        + " locale = ?, recipients = ?, cadence = ?, time_of_day = ?, day_of_week = ?,"
                        + " day_of_month = ?, top_customers = ?, enabled = ?, updated_at = ?, updated_by = ?"
                        + " where id = ?")) {
            int i = bind(update, s);
            update.setTimestamp(i++, Timestamp.valueOf(now));
            update.setString(i++, by);
            update.setLong(i, id);
            if (update.executeUpdate() == 0) return Optional.empty();
        }
        return find(id);
    }

    /** Deletes the schedule; its archived reports stay (their schedule id becomes null). */
    public boolean delete(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("delete from report_schedule where id = ?")) {
            delete.setLong(1, id);
            return delete.executeUpdate() > 0;
        }
    }

    /**
     * Changes whenever a schedule is added, changed or deleted: servers compare it to re-create their timers after a
     * change made on another server.
     */
    public String version() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*), max(updated_at), sum(id) from report_schedule")) {
            rs.next();
            return rs.getLong(1) + "/" + rs.getTimestamp(2) + "/" + rs.getLong(3);
        }
    }

    private static int bind(PreparedStatement p, ScheduleSettings s) throws SQLException {
        p.setString(1, s.name());
        p.setString(2, s.scheme());
        p.setString(3, s.locale());
        p.setString(4, String.join(",", s.recipients()));
        p.setString(5, s.cadence().name());
        p.setString(6, s.time() == null ? null : s.time().toString());
        p.setString(7, s.dayOfWeek() == null ? null : s.dayOfWeek().name());
        if (s.dayOfMonth() == null) p.setNull(8, Types.INTEGER);
        else p.setInt(8, s.dayOfMonth());
        p.setInt(9, s.topCustomers());
        p.setBoolean(10, s.enabled());
        return 11;
    }

    private List<ReportSchedule> query(String sql, Long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            if (id != null) select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                List<ReportSchedule> found = new ArrayList<>();
                while (rs.next()) found.add(read(rs));
                return found;
            }
        }
    }

    private static ReportSchedule read(ResultSet rs) throws SQLException {
        String time = rs.getString("time_of_day");
        String day = rs.getString("day_of_week");
        int dayOfMonth = rs.getInt("day_of_month");
        Integer dom = rs.wasNull() ? null : dayOfMonth;
        ScheduleSettings settings = new ScheduleSettings(
                rs.getString("name"),
                rs.getString("scheme"),
                rs.getString("locale"),
                Arrays.asList(rs.getString("recipients").split(",")),
                Cadence.valueOf(rs.getString("cadence")),
                time == null ? null : LocalTime.parse(time),
                day == null ? null : DayOfWeek.valueOf(day),
                dom,
                rs.getInt("top_customers"),
                rs.getBoolean("enabled"));
        return new ReportSchedule(
                rs.getLong("id"),
                settings,
                rs.getTimestamp("created_at").toLocalDateTime(),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at").toLocalDateTime(),
                rs.getString("updated_by"));
    }
}
