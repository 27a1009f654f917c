package dev.rfm.web.i18n;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages that the business rules write in English — a rule's validation problems, a failed run's error as stored
 * with the run and returned by the API — in the reader's language. Each known form is recognised by its pattern and
 * re-told with the {@code msg} bundle's text of the same meaning (key {@code known.*}), its values kept; a text of no
 * known form stays as written. The English bundle holds the same forms, so an English reader sees the text unchanged
 * (KnownMessagesTest checks that for every form).
 */
public final class KnownMessages {

    private static final String NOTHING_PUBLISHED =
            "\\. Nothing of it was published; the previous snapshot stays" + " current\\.";

    /** Run errors: whole texts. */
    private static final Map<Pattern, String> RUN_ERRORS = forms(
            "The run failed while (.+?): (.+?) \\(error id (\\S+); the details are in the server log\\)"
                    + NOTHING_PUBLISHED,
            "run.failedWithId",
            "The run failed while (.+?): (.+?)" + NOTHING_PUBLISHED,
            "run.failed",
            "Interrupted: (.+?)" + NOTHING_PUBLISHED,
            "run.interrupted",
            "Cancelled by an administrator before it finished; the previous snapshot stays current\\.",
            "run.cancelled",
            "The CLV models could not be fitted: (.*) The RFM scores, segments and lifecycle stages were published\\.",
            "run.modelFailed");

    /** The parts of a run error that are themselves fixed phrases. */
    private static final Map<Pattern, String> RUN_PHRASES = forms(
            "a database error", "run.cause.database",
            "the server ran out of memory", "run.cause.memory",
            "a number out of range", "run.cause.number",
            "an internal error", "run.cause.internal",
            "the server was stopped or killed while the run was working", "run.reason.killed",
            "its server stopped before the run finished", "run.reason.stopped",
            "its server is gone", "run.reason.gone",
            "its server \\((.+)\\) stopped sending heartbeats at (\\S+)", "run.reason.silent");

    /** A rule's problems, each about one field (the "rule N (CODE): " prefix already taken off). */
    private static final Map<Pattern, String> RULE_PROBLEMS = forms(
            "code must be 1-40 capital letters, digits or _ \\(was '(.*)'\\)", "rule.code",
            "another rule already has the code (.+)", "rule.codeTaken",
            "rules must have unique codes, (.+) repeats", "rule.codeRepeats",
            "rules must not use the reserved code OTHER", "rule.codeReserved",
            "rules must be at most (\\d+), were (\\d+)", "rule.tooMany",
            "nameEn is required", "rule.nameRequired",
            "(\\w+) is (\\d+) characters long, at most (\\d+) fit", "rule.tooLong",
            "'(.*)' is not key=value", "rule.notKeyValue",
            "(\\w+) must lie within \\[(\\S+), (\\S+)\\], was (.+)", "rule.outside",
            "(\\w+) must have whole-number limits, was (.+)", "rule.wholeLimits",
            "(\\w+): (.+)", "rule.condition");

    /** Why one condition's value is wrong. */
    private static final Map<Pattern, String> CONDITION_PROBLEMS = forms(
            "unknown condition \\(use (.+)\\)",
            "condition.unknown",
            "a number is missing",
            "condition.missing",
            "'(.*)': write the number without a leading \\+",
            "condition.plus",
            "'(.*)' must not be negative",
            "condition.negative",
            "'(.*)' has more than 1 digit before the decimal point",
            "condition.digit",
            "'(.*)' has more than (\\d+) digits before the decimal point",
            "condition.digits",
            "'(.*)' must be a whole number",
            "condition.whole",
            "'(.*)' has more than 1 decimal",
            "condition.decimal",
            "'(.*)' has more than (\\d+) decimals",
            "condition.decimals",
            "'(.*)' is not a plain decimal number such as 12 or 12\\.5 \\(exponents are not accepted: write the"
                    + " number out\\)",
            "condition.exponent",
            "'(.*)' is not a plain decimal number such as 12 or 12\\.5",
            "condition.notNumber",
            "'(.*)' is not one of \\[(.*)\\]",
            "condition.notOneOf",
            "min must not exceed max, was (.+) > (.+)",
            "condition.minAboveMax",
            "(.+) must have at most 38 digits and (\\d+) decimals",
            "condition.tooPrecise");

    private static final Pattern RULE_LIST = Pattern.compile("; (?=rule \\d|rules )");
    private static final Pattern NUMBERED_RULE = Pattern.compile("rule (\\d+)(?: \\(([^)]*)\\))?: (.*)");
    private static final Pattern INVALID_CONDITIONS = Pattern.compile("Rule (\\S+) has invalid conditions: (.*)");

    private final ResourceBundle bundle;
    private final Locale locale;

    public KnownMessages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /** For the current view: the {@code msg} bundle in the view's language. */
    public static KnownMessages ofView() {
        return new KnownMessages(
                Texts.bundle(),
                jakarta.faces.context.FacesContext.getCurrentInstance()
                        .getViewRoot()
                        .getLocale());
    }

    /** A failed run's error (or a fitted run's model warning) in the reader's language. */
    public String runError(String text) {
        if (text == null) return null;
        return orSame(text, tell(RUN_ERRORS, text, (key, args) -> {
            if (key.startsWith("run.failed")) {
                args[0] = phase((String) args[0]);
                args[1] = phrase((String) args[1]);
            } else if (key.equals("run.interrupted")) {
                args[0] = phrase((String) args[0]);
            }
        }));
    }

    /**
     * One of a custom rule's problems in the reader's language; a list of condition problems ("Rule X has invalid
     * conditions: a; b") is re-told part by part.
     */
    public String ruleProblem(String text) {
        if (text == null) return null;
        Matcher conditions = INVALID_CONDITIONS.matcher(text);
        if (conditions.matches()) {
            List<String> parts = new ArrayList<>();
            for (String part : conditions.group(2).split("; ")) parts.add(ruleProblem(part));
            return format("rule.invalidConditions", conditions.group(1), String.join(known("separator"), parts));
        }
        return orSame(text, tell(RULE_PROBLEMS, text, (key, args) -> {
            if (key.equals("rule.condition")) {
                String problem = (String) args[1];
                args[1] = orSame(problem, tell(CONDITION_PROBLEMS, problem, (k, a) -> {}));
            }
        }));
    }

    /** The problems of a whole rule list as the rule check gives them: "rule 1 (BIG): …; rules must …". */
    public String ruleProblems(String text) {
        if (text == null) return null;
        List<String> told = new ArrayList<>();
        for (String problem : RULE_LIST.split(text)) {
            Matcher numbered = NUMBERED_RULE.matcher(problem);
            if (!numbered.matches()) {
                told.add(ruleProblem(problem));
            } else if (numbered.group(2) == null) {
                told.add(format("rule.numbered", numbered.group(1), ruleProblem(numbered.group(3))));
            } else {
                told.add(format(
                        "rule.numberedWithCode", numbered.group(1), numbered.group(2), ruleProblem(numbered.group(3))));
            }
        }
        return String.join(known("separator"), told);
    }

    private String phrase(String text) {
        return orSame(text, tell(RUN_PHRASES, text, (k, a) -> {}));
    }

    private String phase(String phase) {
        try {
            return bundle.getString("runs.phase." + phase.replace(' ', '-'));
        } catch (MissingResourceException e) {
            return phase;
        }
    }

    /**
     * The text of the first form that matches, with its groups as values (which {@code retell} may replace by their
     * own translation); null when no form matches.
     */
    private String tell(Map<Pattern, String> forms, String text, BiConsumer<String, Object[]> retell) {
        for (Map.Entry<Pattern, String> form : forms.entrySet()) {
            Matcher m = form.getKey().matcher(text);
            if (!m.matches()) continue;
            Object[] args = new Object[m.groupCount()];
            for (int i = 0; i < args.length; i++) args[i] = m.group(i + 1);
            retell.accept(form.getValue(), args);
            return format(form.getValue(), args);
        }
        return null;
    }

    private String format(String key, Object... args) {
        return new MessageFormat(known(key), locale).format(args);
    }

    private String known(String key) {
        return bundle.getString("known." + key);
    }

    private static String orSame(String text, String told) {
        return told == null ? text : told;
    }

    private static Map<Pattern, String> forms(String... regexAndKey) {
        Map<Pattern, String> forms = new LinkedHashMap<>();
        for (int i = 0; i < regexAndKey.length; i += 2) forms.put(Pattern.compile(regexAndKey[i]), regexAndKey[i + 1]);
        return forms;
    }
}
