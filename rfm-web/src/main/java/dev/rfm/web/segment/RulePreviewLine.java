package dev.rfm.web.segment;

import java.io.Serializable;

/** How many customers of the current run one rule (or Other) would take, and which share of all scored that is. */
public record RulePreviewLine(String code, long customers, double share) implements Serializable {}
