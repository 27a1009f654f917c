package dev.rfm.domain.campaign;

/** The two groups a campaign's target is split into. */
public enum CampaignGroup {
    /** Reached by the campaign: the exported target list. */
    TREATMENT,
    /** Held out at random: what would have happened without the campaign. */
    CONTROL;

    /** The group named in a request ({@code treatment} or {@code control}, any case). */
    public static CampaignGroup named(String name) {
        for (CampaignGroup g : values()) {
            if (g.name().equalsIgnoreCase(name)) return g;
        }
        throw new InvalidCampaignException("group", "must be treatment or control, was '" + name + "'");
    }

    boolean inControl() {
        return this == CONTROL;
    }
}
