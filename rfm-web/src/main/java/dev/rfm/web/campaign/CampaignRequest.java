package dev.rfm.web.campaign;

import dev.rfm.domain.campaign.CampaignPlan;
import dev.rfm.domain.campaign.CampaignProblem;
import dev.rfm.domain.campaign.CampaignTarget;
import dev.rfm.domain.campaign.InvalidCampaignException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The body of {@code POST /api/campaigns} read into a {@link CampaignPlan}: {@code {"name", "scheme", "segment",
 * "runId" (optional), "controlShare" (default 0.1), "seed" (optional), "startDate" (default today), "windowDays"}},
 * or {@code "customerIds": [...]} instead of scheme, segment and runId. Every problem is named by its field, all at
 * once: those of the JSON types here, those of the values by the plan.
 */
final class CampaignRequest {

    /** Random seeds stay below 2^53, so that JavaScript clients read them back exactly. */
    static final long SEED_BOUND = 1L << 53;

    private final JsonObject body;
    private final List<CampaignProblem> problems = new ArrayList<>();

    private CampaignRequest(JsonObject body) {
        this.body = body;
    }

    static CampaignPlan plan(JsonObject body, LocalDate today) {
        if (body == null) throw new InvalidCampaignException("body", "send the campaign as a JSON object");
        return new CampaignRequest(body).plan(today);
    }

    private CampaignPlan plan(LocalDate today) {
        String name = text("name");
        CampaignTarget target = target();
        Double share = number("controlShare");
        Long seed = integer("seed");
        LocalDate start = date("startDate");
        Long window = integer("windowDays");
        if (!body.containsKey("windowDays") || body.isNull("windowDays")) {
            problems.add(new CampaignProblem("windowDays", "give the measurement window in days, e.g. 30"));
        }
        List<CampaignProblem> all = new ArrayList<>(problems);
        try {
            // fields with a problem already named take harmless stand-ins, so the plan names only the others
            CampaignPlan plan = new CampaignPlan(
                    named("name") ? "-" : name,
                    target,
                    named("controlShare") || share == null ? CampaignPlan.DEFAULT_CONTROL_SHARE : share,
                    seed == null ? ThreadLocalRandom.current().nextLong(SEED_BOUND) : seed,
                    start == null ? today : start,
                    named("windowDays") ? 1 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, window)));
            if (all.isEmpty()) return plan;
        } catch (InvalidCampaignException e) {
            all.addAll(e.problems());
        }
        throw new InvalidCampaignException(all);
    }

    private CampaignTarget target() {
        boolean listed = present("customerIds");
        boolean segmented = present("scheme") || present("segment") || present("runId");
        if (listed && segmented) {
            problems.add(new CampaignProblem(
                    "customerIds", "give either scheme and segment (and runId), or customerIds, not both"));
            return null;
        }
        if (listed) {
            JsonValue ids = body.get("customerIds");
            if (ids.getValueType() != JsonValue.ValueType.ARRAY) {
                problems.add(new CampaignProblem("customerIds", "must be an array of customer ids (texts)"));
                return null;
            }
            List<String> customerIds = new ArrayList<>();
            for (JsonValue id : ids.asJsonArray()) {
                if (id.getValueType() != JsonValue.ValueType.STRING) {
                    problems.add(new CampaignProblem(
                            "customerIds", "item " + (customerIds.size() + 1) + " must be a text, not " + kind(id)));
                    return null;
                }
                customerIds.add(((jakarta.json.JsonString) id).getString());
            }
            return new CampaignTarget.CustomerList(customerIds);
        }
        if (!segmented) return null; // the plan says what is missing
        String scheme = text("scheme");
        String segment = text("segment");
        Long runId = integer("runId");
        return new CampaignTarget.Segment(
                named("scheme") ? "standard" : scheme, named("segment") ? "-" : segment, runId);
    }

    private boolean present(String key) {
        return body.containsKey(key) && !body.isNull(key);
    }

    private boolean named(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field));
    }

    private String text(String key) {
        if (!present(key)) return null;
        JsonValue v = body.get(key);
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            problems.add(new CampaignProblem(key, "must be a text, not " + kind(v)));
            return null;
        }
        return ((jakarta.json.JsonString) v).getString();
    }

    private Double number(String key) {
        if (!present(key)) return null;
        JsonValue v = body.get(key);
        if (v.getValueType() != JsonValue.ValueType.NUMBER) {
            problems.add(new CampaignProblem(key, "must be a number, not " + kind(v)));
            return null;
        }
        return ((JsonNumber) v).doubleValue();
    }

    private Long integer(String key) {
        if (!present(key)) return null;
        JsonValue v = body.get(key);
        if (v.getValueType() == JsonValue.ValueType.NUMBER && ((JsonNumber) v).isIntegral()) {
            java.math.BigDecimal d = ((JsonNumber) v).bigDecimalValue();
            // digits first: 1e500000000 is integral too, and must not be expanded
            if (d.precision() - d.scale() <= 19) {
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    // falls through: too large for a 64-bit integer
                }
            }
        }
        problems.add(new CampaignProblem(key, "must be a whole number (64-bit), not " + kind(v)));
        return null;
    }

    private LocalDate date(String key) {
        String text = text(key);
        if (text == null) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new CampaignProblem(key, "must be a date yyyy-MM-dd, was '" + abbreviated(text) + "'"));
            return null;
        }
    }

    /** The kind of a JSON value, never the value itself (a number such as 1e500000000 is not repeated). */
    private static String kind(JsonValue v) {
        if (v.getValueType() == JsonValue.ValueType.NUMBER) {
            return ((JsonNumber) v).isIntegral() ? "a number out of range" : "a fraction";
        }
        return "a " + v.getValueType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviated(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
