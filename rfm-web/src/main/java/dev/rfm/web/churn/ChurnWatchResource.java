package dev.rfm.web.churn;

import dev.rfm.domain.snapshot.ChurnWatch;
import dev.rfm.domain.snapshot.ChurnWatch.Counts;
import dev.rfm.domain.snapshot.ChurnWatch.Criteria;
import dev.rfm.domain.snapshot.ChurnWatch.Row;
import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.user.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The churn warning of the current run: the Churn watch page's list and counts (decision 0012). */
@Path("churn-watch")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME})
public class ChurnWatchResource {

    @Inject
    Snapshots snapshots;

    @Inject
    ChurnWatch watch;

    @Inject
    RememberedChurnWatch remembered;

    /** One customer on the list as the API shows it. */
    public record WatchedCustomer(
            String customerId,
            String name,
            String abcClass,
            String segment,
            String segmentBefore,
            String lifecycleStage,
            String lifecycleStageBefore,
            Double pAlive,
            Double pAliveBefore,
            BigDecimal predictedClv,
            BigDecimal historicalClv,
            BigDecimal valueAtStake,
            List<String> warnings) {

        static WatchedCustomer of(Row r) {
            return new WatchedCustomer(
                    r.customerId(),
                    r.name(),
                    r.abcClass(),
                    r.segment(),
                    r.segmentBefore(),
                    r.lifecycleStage(),
                    r.lifecycleStageBefore(),
                    r.pAlive(),
                    r.pAliveBefore(),
                    r.predictedClv(),
                    r.historicalClv(),
                    r.valueAtStake(),
                    r.warnings().stream().map(Enum::name).toList());
        }
    }

    @GET
    @Operation(
            summary = "Valuable customers of the current run whose P(alive) fell below a threshold or who moved into"
                    + " At Risk / Can't Lose Them / dormant since the previous succeeded run, by value at stake"
                    + " (predicted CLV, else historical CLV) descending, with the count per warning")
    public Map<String, Object> watch(
            @Parameter(description = "P(alive) below this warns (0..1)") @QueryParam("threshold") @DefaultValue("0.5")
                    double threshold,
            @Parameter(description = "valuable = predicted CLV at least this; absent: ABC class A")
                    @QueryParam("minClv")
                    BigDecimal minClv,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @Parameter(description = "an older succeeded run instead of the current one") @QueryParam("runId")
                    Long runId)
            throws SQLException {
        if (page < 0 || size < 1 || size > 1000) {
            throw new BadRequestException("page must be >= 0 and size between 1 and 1000.");
        }
        Criteria criteria;
        try {
            criteria = new Criteria(threshold, minClv);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        long run = run(runId);
        Counts counts = remembered.counts(run, criteria);
        Map<String, Object> countsBody = new LinkedHashMap<>();
        countsBody.put("total", counts.total());
        countsBody.put("pAliveFell", counts.pAliveFell());
        countsBody.put("movedToAtRisk", counts.movedToAtRisk());
        countsBody.put("becameDormant", counts.becameDormant());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", run);
        body.put("previousRunId", counts.previousRunId());
        body.put("threshold", criteria.threshold());
        body.put("minClv", criteria.minClv());
        body.put("valuable", criteria.minClv() == null ? "ABC_CLASS_A" : "MIN_PREDICTED_CLV");
        body.put("counts", countsBody);
        body.put("page", page);
        body.put("size", size);
        body.put("total", counts.total());
        body.put("pages", (counts.total() + size - 1) / size);
        body.put(
                "customers",
                remembered.page(run, criteria, null, false, (long) page * size, size).stream()
                        .map(WatchedCustomer::of)
                        .toList());
        return body;
    }

    private long run(Long runId) throws SQLException {
        if (runId != null) {
            snapshots
                    .run(runId)
                    .filter(r -> r.status() == dev.rfm.domain.snapshot.RunStatus.SUCCEEDED)
                    .orElseThrow(() -> new NotFoundException("No succeeded run " + runId + "."));
            return runId;
        }
        return snapshots
                .currentRunId()
                .orElseThrow(() ->
                        new NotFoundException("No scoring run has succeeded yet: start one with POST /api/runs."));
    }
}
