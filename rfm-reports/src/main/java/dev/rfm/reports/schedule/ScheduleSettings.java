package dev.rfm.reports.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a report schedule sends, to whom and when: valid by construction. The constructor checks every field and
 * throws {@link InvalidSchedule} naming each invalid one. Fields a cadence does not use are dropped (an after-run
 * schedule keeps no time), so two equal schedules are equal records.
 *
 * <p>{@code dayOfMonth} is 1–28 so that every month has the day; 29–31 are refused with a message that says so (a
 * month-end report is sent on the 28th, or after each run).
 */
public record ScheduleSettings(
        String name,
        String scheme,
        String locale,
        List<String> recipients,
        Cadence cadence,
        LocalTime time,
        DayOfWeek dayOfWeek,
        Integer dayOfMonth,
        int topCustomers,
        boolean enabled) {

    public static final Set<String> SCHEMES = Set.of("standard", "cn8", "custom", "lifecycle");
    public static final Set<String> LOCALES = Set.of("en", "zh-CN");
    public static final int MAX_RECIPIENTS = 50;
    public static final int MAX_TOP_CUSTOMERS = 100;

    /** Deliberately plain: one @, no spaces or list separators, a dot in the domain. The SMTP server decides more. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\".]+");

    public ScheduleSettings {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        if (cadence != null && !cadence.timed()) time = null;
        if (time != null) time = time.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        if (cadence != Cadence.WEEKLY) dayOfWeek = null;
        if (cadence != Cadence.MONTHLY) dayOfMonth = null;
        List<FieldProblem> problems =
                problems(name, scheme, locale, recipients, cadence, time, dayOfWeek, dayOfMonth, topCustomers);
        if (!problems.isEmpty()) throw new InvalidSchedule(problems);
        name = name.strip();
    }

    private static List<FieldProblem> problems(
            String name,
            String scheme,
            String locale,
            List<String> recipients,
            Cadence cadence,
            LocalTime time,
            DayOfWeek dayOfWeek,
            Integer dayOfMonth,
            int topCustomers) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) problems.add(new FieldProblem("name", "is required"));
        else if (name.strip().length() > 200) problems.add(new FieldProblem("name", "is longer than 200 characters"));
        if (scheme == null || !SCHEMES.contains(scheme)) { // Set.of(..).contains(null) throws
            problems.add(new FieldProblem("scheme", "must be one of standard, cn8, custom, lifecycle"));
        }
        if (locale == null || !LOCALES.contains(locale))
            problems.add(new FieldProblem("locale", "must be en or zh-CN"));
        if (recipients.isEmpty()) problems.add(new FieldProblem("recipients", "needs at least one e-mail address"));
        if (recipients.size() > MAX_RECIPIENTS) {
            problems.add(new FieldProblem("recipients", "has more than " + MAX_RECIPIENTS + " addresses"));
        }
        List<String> invalid = recipients.stream()
                .filter(r -> r == null || !ADDRESS.matcher(r).matches() || r.length() > 254)
                .map(String::valueOf)
                .toList();
        if (!invalid.isEmpty()) {
            problems.add(
                    new FieldProblem("recipients", "are not valid e-mail addresses: " + String.join(", ", invalid)));
        }
        if (recipients.stream().distinct().count() < recipients.size()) {
            problems.add(new FieldProblem("recipients", "name an address twice"));
        }
        if (cadence == null) {
            problems.add(new FieldProblem("cadence", "must be one of AFTER_RUN, DAILY, WEEKLY, MONTHLY"));
        } else if (cadence.timed() && time == null) {
            problems.add(new FieldProblem("time", "is required (HH:mm) for a " + cadence + " schedule"));
        }
        if (cadence == Cadence.WEEKLY && dayOfWeek == null) {
            problems.add(new FieldProblem("dayOfWeek", "is required (MONDAY … SUNDAY) for a WEEKLY schedule"));
        }
        if (cadence == Cadence.MONTHLY && (dayOfMonth == null || dayOfMonth < 1 || dayOfMonth > 28)) {
            problems.add(new FieldProblem(
                    "dayOfMonth", "must be 1–28 for a MONTHLY schedule (every month has it; use 28 for month end)"));
        }
        if (topCustomers < 0 || topCustomers > MAX_TOP_CUSTOMERS) {
            problems.add(new FieldProblem("topCustomers", "must be 0–" + MAX_TOP_CUSTOMERS + " (0 hides customers)"));
        }
        return problems;
    }
}
