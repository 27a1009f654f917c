package dev.rfm.domain.source;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a source is pulled by itself: never (blank: by hand only), daily at {@code HH:mm} server time, or {@code
 * every N minutes} (1 to 1440, counted from midnight, so "every 15 minutes" pulls at :00, :15, :30 and :45).
 *
 * <p>The schedule is checked once a minute against the minute that just began ({@link #isDueAt}); whole minutes are
 * enough for pulls and make the slot every server claims the same.
 */
public record PullSchedule(String text) {

    private static final Pattern DAILY = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern EVERY = Pattern.compile("every (\\d{1,4}) minutes?");

    /** The form a user is told about when a schedule is not understood. */
    public static final String FORMS = "blank (by hand only), 'HH:mm' (daily) or 'every N minutes' (1 to 1440)";

    public PullSchedule {
        text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty() && !DAILY.matcher(text).matches() && minutes(text) == 0) {
            throw new IllegalArgumentException("must be " + FORMS + "; was '" + text + "'");
        }
    }

    /** Pulled by hand only. */
    public boolean manual() {
        return text.isEmpty();
    }

    /** Whether a pull is due in the minute that starts at {@code minute} (seconds ignored). */
    public boolean isDueAt(LocalDateTime minute) {
        Objects.requireNonNull(minute, "minute");
        if (manual()) {
            return false;
        }
        Matcher daily = DAILY.matcher(text);
        if (daily.matches()) {
            LocalTime at = LocalTime.of(Integer.parseInt(daily.group(1)), Integer.parseInt(daily.group(2)));
            return minute.getHour() == at.getHour() && minute.getMinute() == at.getMinute();
        }
        int minuteOfDay = minute.getHour() * 60 + minute.getMinute();
        return minuteOfDay % minutes(text) == 0;
    }

    /** N of "every N minutes", 0 when the text is not of that form or N is out of range. */
    private static int minutes(String text) {
        Matcher every = EVERY.matcher(text);
        if (!every.matches()) {
            return 0;
        }
        int n = Integer.parseInt(every.group(1));
        return n >= 1 && n <= 1440 ? n : 0;
    }
}
