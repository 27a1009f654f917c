package dev.rfm.domain.campaign;

import java.util.List;
import java.util.stream.Collectors;

/** A campaign that cannot be created, with every problem found (not only the first), each naming its field. */
public class InvalidCampaignException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<CampaignProblem> problems;

    public InvalidCampaignException(List<CampaignProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidCampaignException(String field, String message) {
        this(List.of(new CampaignProblem(field, message)));
    }

    public List<CampaignProblem> problems() {
        return problems;
    }
}
