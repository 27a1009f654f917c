package dev.rfm.reports.schedule;

/** One invalid field of a schedule: its name as the API spells it and what is wrong with it. */
public record FieldProblem(String field, String message) {}
