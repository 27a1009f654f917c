package dev.rfm.domain.campaign;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A campaign as asked for, before its target is drawn: every field checked, every problem named at once.
 *
 * @param name what the marketing team calls it
 * @param target a segment of a run or an uploaded list
 * @param controlShare the share of the target held out as the control group, 0 &lt; share &lt; 1
 * @param seed the seed of the split; the same seed and target always give the same groups
 * @param startDate the first day orders count as the campaign's effect
 * @param windowDays how many days, from the start date, orders are measured
 */
public record CampaignPlan(
        String name, CampaignTarget target, double controlShare, long seed, LocalDate startDate, int windowDays) {

    /** The schemes whose segments a campaign can target. */
    public static final Set<String> SCHEMES = Set.of("standard", "cn8", "custom", "lifecycle");

    /** The control share when none is asked for. */
    public static final double DEFAULT_CONTROL_SHARE = 0.1;

    /** Longer windows than ten years are typing mistakes, not campaigns. */
    public static final int MAX_WINDOW_DAYS = 3650;

    /** An uploaded list longer than this is better targeted as a segment. */
    public static final int MAX_LIST_SIZE = 1_000_000;

    public CampaignPlan {
        List<CampaignProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new CampaignProblem("name", "a campaign needs a name"));
        } else if (name.length() > 200) {
            problems.add(new CampaignProblem("name", "at most 200 characters"));
        }
        if (target == null) {
            problems.add(new CampaignProblem("segment", "give scheme and segment (a target segment), or customerIds"));
        } else if (target instanceof CampaignTarget.Segment s) {
            if (s.scheme() == null || !SCHEMES.contains(s.scheme())) {
                problems.add(new CampaignProblem(
                        "scheme", "must be standard, cn8, custom or lifecycle, was " + quoted(s.scheme())));
            }
            if (s.segment() == null || s.segment().isBlank()) {
                problems.add(new CampaignProblem("segment", "give the segment's code, e.g. AT_RISK"));
            }
        } else if (target instanceof CampaignTarget.CustomerList l) {
            if (l.customerIds().isEmpty()) {
                problems.add(new CampaignProblem("customerIds", "the list has no customer ids"));
            } else if (l.customerIds().size() > MAX_LIST_SIZE) {
                problems.add(new CampaignProblem("customerIds", "at most " + MAX_LIST_SIZE + " customer ids"));
            }
        }
        if (!(controlShare > 0 && controlShare < 1)) {
            problems.add(new CampaignProblem(
                    "controlShare", "must be greater than 0 and less than 1 (e.g. 0.1), was " + controlShare));
        }
        if (startDate == null) {
            problems.add(new CampaignProblem("startDate", "give the first day of the campaign, yyyy-MM-dd"));
        }
        if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
            problems.add(new CampaignProblem(
                    "windowDays", "must be from 1 to " + MAX_WINDOW_DAYS + " days, was " + windowDays));
        }
        if (!problems.isEmpty()) throw new InvalidCampaignException(problems);
    }

    /** The first day after the measurement window: orders dated before it count. */
    public LocalDate endDate() {
        return startDate.plusDays(windowDays);
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
