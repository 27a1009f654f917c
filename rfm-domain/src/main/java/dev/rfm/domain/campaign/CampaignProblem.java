package dev.rfm.domain.campaign;

/**
 * One thing wrong with a campaign as asked for.
 *
 * @param field the request's field, e.g. {@code controlShare}, {@code customerIds}
 * @param message a sentence for people that says what is accepted
 */
public record CampaignProblem(String field, String message) {}
