package dev.rfm.reports.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A schedule as a form or a JSON body gives it: text where the settings have types. {@link #settings()} parses and
 * validates it, naming every invalid field once (a parse error, e.g. {@code time: "25:00"}, wins over the rule that
 * the field is required).
 *
 * @param topCustomers {@code null}: 10
 * @param enabled {@code null}: true
 */
public record ScheduleDraft(
        String name,
        String scheme,
        String locale,
        List<String> recipients,
        String cadence,
        String time,
        String dayOfWeek,
        Integer dayOfMonth,
        Integer topCustomers,
        Boolean enabled) {

    public static final int DEFAULT_TOP_CUSTOMERS = 10;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public ScheduleSettings settings() {
        Map<String, FieldProblem> problems = new LinkedHashMap<>();
        Cadence parsedCadence = null;
        if (cadence != null) {
            try {
                parsedCadence = Cadence.valueOf(cadence.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.put(
                        "cadence", new FieldProblem("cadence", "must be one of AFTER_RUN, DAILY, WEEKLY, MONTHLY"));
            }
        }
        LocalTime parsedTime = null;
        if (time != null && !time.isBlank()) {
            try {
                parsedTime = LocalTime.parse(time.strip(), HH_MM);
            } catch (DateTimeParseException e) {
                problems.put("time", new FieldProblem("time", "must be HH:mm (00:00–23:59), was '" + time + "'"));
            }
        }
        DayOfWeek parsedDay = null;
        if (dayOfWeek != null && !dayOfWeek.isBlank()) {
            try {
                parsedDay = DayOfWeek.valueOf(dayOfWeek.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.put("dayOfWeek", new FieldProblem("dayOfWeek", "must be MONDAY … SUNDAY"));
            }
        }
        try {
            ScheduleSettings settings = new ScheduleSettings(
                    name,
                    scheme,
                    locale,
                    recipients == null
                            ? null
                            : recipients.stream()
                                    .map(r -> r == null ? null : r.strip())
                                    .toList(),
                    parsedCadence,
                    parsedTime,
                    parsedDay,
                    dayOfMonth,
                    topCustomers == null ? DEFAULT_TOP_CUSTOMERS : topCustomers,
                    enabled == null || enabled);
            if (problems.isEmpty()) return settings;
        } catch (InvalidSchedule e) {
            e.problems().forEach(p -> problems.putIfAbsent(p.field(), p));
        }
        throw new InvalidSchedule(List.copyOf(problems.values()));
    }

    /** The draft of existing settings, e.g. to edit them. */
    public static ScheduleDraft of(ScheduleSettings s) {
        return new ScheduleDraft(
                s.name(),
                s.scheme(),
                s.locale(),
                s.recipients(),
                s.cadence().name(),
                s.time() == null ? null : s.time().format(HH_MM),
                s.dayOfWeek() == null ? null : s.dayOfWeek().name(),
                s.dayOfMonth(),
                s.topCustomers(),
                s.enabled());
    }
}
