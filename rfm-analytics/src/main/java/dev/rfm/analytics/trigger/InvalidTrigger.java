package dev.rfm.analytics.trigger;

import java.util.List;
import java.util.stream.Collectors;

/** A trigger that breaks its rules; names every invalid field at once, so a form can mark them all. */
public class InvalidTrigger extends IllegalArgumentException {

    /** One invalid field: its name as the API spells it and what is wrong with it. */
    public record Problem(String field, String message) {}

    private final transient List<Problem> problems;

    public InvalidTrigger(List<Problem> problems) {
        super("Invalid trigger: "
                + problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
