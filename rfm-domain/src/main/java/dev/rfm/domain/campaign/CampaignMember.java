package dev.rfm.domain.campaign;

/** A customer of a campaign's group, as the exported target list shows it. */
public record CampaignMember(String customerId, String name, String email) {}
