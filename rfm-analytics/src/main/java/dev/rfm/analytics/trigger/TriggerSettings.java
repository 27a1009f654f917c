package dev.rfm.analytics.trigger;

import dev.rfm.analytics.lifecycle.LifecycleStage;
import dev.rfm.analytics.segment.Cn8Segment;
import dev.rfm.analytics.segment.StandardSegment;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What a trigger watches and where it sends: "customers who entered {@code toSegment} of {@code scheme} (from
 * {@code fromSegment} when given)", posted to {@code webhookUrl} signed with {@code secret}, and/or written as CSV
 * files to {@code fileDirectory}. Built only through {@link #of}, which names every invalid field.
 *
 * @param scheme standard, cn8, custom, or lifecycle ("entered lifecycle stage X")
 * @param secret null when the stored one is kept (an update without a new secret)
 * @param campaignId the campaign the trigger works for, or null: its control group is left out of every batch, so
 *     the campaign's measured uplift compares contacted customers with customers nobody contacted (decision 0015)
 */
public record TriggerSettings(
        String name,
        String scheme,
        String toSegment,
        String fromSegment,
        String webhookUrl,
        String secret,
        String fileDirectory,
        boolean enabled,
        Long campaignId) {

    /** A trigger for no campaign: everyone who entered is sent. */
    public TriggerSettings(
            String name,
            String scheme,
            String toSegment,
            String fromSegment,
            String webhookUrl,
            String secret,
            String fileDirectory,
            boolean enabled) {
        this(name, scheme, toSegment, fromSegment, webhookUrl, secret, fileDirectory, enabled, null);
    }

    public static final Set<String> SCHEMES = Set.of("standard", "cn8", "custom", "lifecycle");

    /** HMAC keys shorter than this are guessable; 16 characters is the floor webhook providers commonly set. */
    static final int MIN_SECRET = 16;

    /** What a draft holds; any field may be missing (null). */
    public record Draft(
            String name,
            String scheme,
            String toSegment,
            String fromSegment,
            String webhookUrl,
            String secret,
            String fileDirectory,
            Boolean enabled,
            Long campaignId) {

        /** A draft for no campaign. */
        public Draft(
                String name,
                String scheme,
                String toSegment,
                String fromSegment,
                String webhookUrl,
                String secret,
                String fileDirectory,
                Boolean enabled) {
            this(name, scheme, toSegment, fromSegment, webhookUrl, secret, fileDirectory, enabled, null);
        }
    }

    /**
     * Checks a draft. {@code allowHttp} lets {@code http://} webhooks through (RFM_WEBHOOK_ALLOW_HTTP);
     * {@code hasSecret} says a stored secret exists, so an update may leave the secret out; {@code campaignExists}
     * answers whether a campaign id names a stored campaign.
     */
    public static TriggerSettings of(Draft d, boolean allowHttp, boolean hasSecret, LongPredicate campaignExists) {
        List<InvalidTrigger.Problem> problems = new ArrayList<>();
        String name = blankToNull(d.name());
        if (name == null) problem(problems, "name", "is required");
        else if (name.length() > 200) problem(problems, "name", "must be at most 200 characters");
        String scheme = blankToNull(d.scheme());
        if (scheme == null) problem(problems, "scheme", "is required");
        else if (!SCHEMES.contains(scheme)) problem(problems, "scheme", "must be standard, cn8, custom or lifecycle");
        String to = blankToNull(d.toSegment());
        String from = blankToNull(d.fromSegment());
        if (to == null) problem(problems, "toSegment", "is required");
        else checkSegment(problems, "toSegment", scheme, to);
        if (from != null) {
            checkSegment(problems, "fromSegment", scheme, from);
            if (from.equals(to)) problem(problems, "fromSegment", "must differ from toSegment");
        }
        String url = blankToNull(d.webhookUrl());
        String directory = blankToNull(d.fileDirectory());
        if (url == null && directory == null) {
            problem(problems, "webhookUrl", "is required unless fileDirectory is given");
        }
        if (url != null) checkUrl(problems, url, allowHttp);
        String secret = d.secret() == null || d.secret().isEmpty() ? null : d.secret();
        if (url != null && secret == null && !hasSecret) {
            problem(problems, "secret", "is required with a webhookUrl (it signs each batch)");
        } else if (secret != null && (secret.length() < MIN_SECRET || secret.length() > 500)) {
            problem(problems, "secret", "must be " + MIN_SECRET + " to 500 characters");
        }
        if (directory != null) checkDirectory(problems, directory);
        if (d.campaignId() != null && !campaignExists.test(d.campaignId())) {
            problem(problems, "campaignId", "there is no campaign " + d.campaignId());
        }
        if (!problems.isEmpty()) throw new InvalidTrigger(problems);
        return new TriggerSettings(
                name, scheme, to, from, url, secret, directory, d.enabled() == null || d.enabled(), d.campaignId());
    }

    /** The column of {@code customer_score} the scheme's segment (or stage) is stored in. */
    public String column() {
        return switch (scheme) {
            case "standard" -> "segment_standard";
            case "cn8" -> "segment_cn8";
            case "custom" -> "segment_custom";
            case "lifecycle" -> "lifecycle_stage";
            default -> throw new IllegalStateException("unknown scheme " + scheme);
        };
    }

    private static void checkSegment(List<InvalidTrigger.Problem> problems, String field, String scheme, String code) {
        if (code.length() > 40) {
            problem(problems, field, "must be at most 40 characters");
            return;
        }
        List<String> known = scheme == null
                ? null
                : switch (scheme) {
                    case "standard" -> names(StandardSegment.values());
                    case "cn8" -> names(Cn8Segment.values());
                    case "lifecycle" -> names(LifecycleStage.values());
                    default -> null; // custom segments are the users' own names
                };
        if (known != null && !known.contains(code)) {
            problem(problems, field, "must be one of " + String.join(", ", known) + " for scheme " + scheme);
        }
    }

    private static void checkUrl(List<InvalidTrigger.Problem> problems, String url, boolean allowHttp) {
        if (url.length() > 2000) {
            problem(problems, "webhookUrl", "must be at most 2000 characters");
            return;
        }
        try {
            URI uri = new URI(url);
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            boolean http = "http".equalsIgnoreCase(uri.getScheme());
            if (uri.getHost() == null || !(https || http)) {
                problem(problems, "webhookUrl", "must be an absolute https:// URL");
            } else if (http && !allowHttp) {
                problem(problems, "webhookUrl", "must use https:// (http:// only with RFM_WEBHOOK_ALLOW_HTTP=true)");
            }
        } catch (URISyntaxException e) {
            problem(problems, "webhookUrl", "is not a URL: " + e.getReason());
        }
    }

    private static void checkDirectory(List<InvalidTrigger.Problem> problems, String directory) {
        try {
            if (directory.length() > 1000 || !Path.of(directory).isAbsolute()) {
                problem(problems, "fileDirectory", "must be an absolute directory path of at most 1000 characters");
            }
        } catch (InvalidPathException e) {
            problem(problems, "fileDirectory", "is not a valid path: " + e.getReason());
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void problem(List<InvalidTrigger.Problem> problems, String field, String message) {
        problems.add(new InvalidTrigger.Problem(field, message));
    }
}
