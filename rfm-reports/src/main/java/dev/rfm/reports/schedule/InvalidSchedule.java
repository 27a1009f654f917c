package dev.rfm.reports.schedule;

import java.util.List;
import java.util.stream.Collectors;

/** A schedule that breaks its rules; names every invalid field at once, so a form can mark them all. */
public class InvalidSchedule extends IllegalArgumentException {

    private final transient List<FieldProblem> problems;

    public InvalidSchedule(List<FieldProblem> problems) {
        super("Invalid schedule: "
                + problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
