package dev.rfm.web.snapshot;

import dev.rfm.domain.snapshot.CustomerResult;
import dev.rfm.domain.snapshot.ModelFit;
import dev.rfm.domain.snapshot.Page;
import dev.rfm.domain.snapshot.SegmentActions;
import dev.rfm.domain.snapshot.SegmentRow;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The current snapshot (or an older run's, with {@code runId}): segments, members, customers, models. */
@Path("")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME}) // reading; changes declare their own
public class SnapshotResource {

    @Inject
    Snapshots snapshots;

    @Inject
    SegmentActions actions;

    /** A segment as the contract shows it. */
    public record SegmentView(
            String code,
            String name,
            String nameZh,
            long customers,
            double share,
            BigDecimal revenue,
            double revenueShare,
            Double avgRecencyDays,
            Double avgFrequency,
            BigDecimal avgMonetary,
            BigDecimal avgPredictedClv,
            String action,
            String actionZh) {

        SegmentView withAction(SegmentActions.SegmentAction a) {
            return new SegmentView(
                    code,
                    name,
                    nameZh,
                    customers,
                    share,
                    revenue,
                    revenueShare,
                    avgRecencyDays,
                    avgFrequency,
                    avgMonetary,
                    avgPredictedClv,
                    a.actionEn(),
                    a.actionZh());
        }

        static SegmentView of(SegmentRow r) {
            return new SegmentView(
                    r.code(),
                    r.nameEn(),
                    r.nameZh(),
                    r.customers(),
                    r.share(),
                    r.revenue(),
                    r.revenueShare(),
                    r.avgRecencyDays(),
                    r.avgFrequency(),
                    r.avgMonetary(),
                    r.avgPredictedClv(),
                    r.actionEn(),
                    r.actionZh());
        }
    }

    /** A customer as the contract shows it. */
    public record CustomerView(
            String customerId,
            String name,
            Integer recencyDays,
            int frequency,
            BigDecimal monetary,
            Integer r,
            Integer f,
            Integer m,
            String rfmCode,
            String segment,
            String segmentCn8,
            String segmentCustom,
            String lifecycleStage,
            String abcClass,
            Double pAlive,
            Double expectedPurchases30d,
            Double expectedPurchases90d,
            Double expectedPurchases365d,
            BigDecimal expectedAvgOrderValue,
            BigDecimal historicalClv,
            BigDecimal predictedClv,
            long runId) {

        static CustomerView of(CustomerResult c) {
            return new CustomerView(
                    c.customerId(),
                    c.name(),
                    c.recencyDays(),
                    c.frequency(),
                    c.monetary(),
                    c.r(),
                    c.f(),
                    c.m(),
                    c.rfmCode(),
                    c.segment(),
                    c.segmentCn8(),
                    c.segmentCustom(),
                    c.lifecycleStage() == null ? null : c.lifecycleStage().toLowerCase(java.util.Locale.ROOT),
                    c.abcClass(),
                    c.pAlive(),
                    c.expectedPurchases30d(),
                    c.expectedPurchases90d(),
                    c.expectedPurchases365d(),
                    c.expectedAvgOrderValue(),
                    c.historicalClv(),
                    c.predictedClv(),
                    c.runId());
        }
    }

    private long run(Long runId) throws SQLException {
        if (runId != null) {
            snapshots.run(runId).orElseThrow(() -> new NotFoundException("No run " + runId + "."));
            return runId;
        }
        return snapshots
                .currentRunId()
                .orElseThrow(() ->
                        new NotFoundException("No scoring run has succeeded yet: start one with POST /api/runs."));
    }

    @GET
    @Path("segments")
    @Operation(
            summary = "Segments of a scheme (standard, cn8, custom; also lifecycle and abc) with counts, shares,"
                    + " revenue")
    public List<SegmentView> segments(
            @QueryParam("scheme") @DefaultValue("standard") String scheme, @QueryParam("runId") Long runId)
            throws SQLException {
        if (!Snapshots.SCHEMES.contains(scheme) && !scheme.equals("lifecycle") && !scheme.equals("abc")) {
            throw new BadRequestException(
                    "Unknown scheme '" + scheme + "': use standard, cn8, custom, lifecycle or abc.");
        }
        // the actions the team edited on the Segments page replace the run's defaults
        Map<String, SegmentActions.SegmentAction> edited = actions.of(scheme);
        return snapshots.segments(run(runId), scheme).stream()
                .map(SegmentView::of)
                .map(v -> edited.containsKey(v.code()) ? v.withAction(edited.get(v.code())) : v)
                .toList();
    }

    @GET
    @Path("segments/{code}/customers")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "A segment's members, paged (JSON) or all of them (Accept: text/csv)")
    public Response members(
            @PathParam("code") String code,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @QueryParam("runId") Long runId,
            @jakarta.ws.rs.HeaderParam("Accept") String accept)
            throws SQLException {
        long id = run(runId);
        String scheme = snapshots
                .schemeOf(id, code)
                .orElseThrow(() -> new NotFoundException("No segment '" + code + "' in run " + id + "."));
        if (accept != null && accept.contains("text/csv") && !accept.contains(MediaType.APPLICATION_JSON)) {
            StreamingOutput csv = out -> {
                var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                try {
                    snapshots.writeMembersCsv(id, scheme, code, writer);
                } catch (SQLException e) {
                    throw new java.io.IOException(e);
                }
                writer.flush();
            };
            return Response.ok(csv, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"segment-" + code + ".csv\"")
                    .build();
        }
        if (page < 0 || size < 1 || size > 1000) {
            throw new BadRequestException("page must be >= 0 and size between 1 and 1000.");
        }
        Page<CustomerResult> members = snapshots.members(id, scheme, code, page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", id);
        body.put("scheme", scheme);
        body.put("code", code);
        body.put("page", members.page());
        body.put("size", members.size());
        body.put("total", members.total());
        body.put("pages", members.pages());
        body.put("customers", members.items().stream().map(CustomerView::of).toList());
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("customers/{customerId}")
    @Operation(summary = "One customer's scores, segments, stage and model outputs in the current snapshot")
    public CustomerView customer(@PathParam("customerId") String customerId, @QueryParam("runId") Long runId)
            throws SQLException {
        long id = run(runId);
        return snapshots
                .customer(id, customerId)
                .map(CustomerView::of)
                .orElseThrow(() -> new NotFoundException("No customer '" + customerId + "' in run " + id + "."));
    }

    @GET
    @Path("model")
    @Operation(summary = "The fitted BG/NBD and Gamma-Gamma models of the current snapshot, with their health")
    public Map<String, Object> model(@QueryParam("runId") Long runId) throws SQLException {
        ModelFit fit = snapshots.model(run(runId)).orElseThrow(() -> new NotFoundException("No model."));
        Map<String, Object> bgnbd = new LinkedHashMap<>();
        bgnbd.put("r", fit.r());
        bgnbd.put("alpha", fit.alpha());
        bgnbd.put("a", fit.a());
        bgnbd.put("b", fit.b());
        bgnbd.put("logLikelihood", fit.logLikelihood());
        bgnbd.put("customers", fit.bgnbdCustomers());
        bgnbd.put("iterations", fit.bgnbdIterations());
        bgnbd.put("converged", fit.bgnbdConverged());
        Map<String, Object> gammaGamma = new LinkedHashMap<>();
        gammaGamma.put("p", fit.p());
        gammaGamma.put("q", fit.q());
        gammaGamma.put("gamma", fit.gamma());
        gammaGamma.put("customers", fit.ggCustomers());
        gammaGamma.put("iterations", fit.ggIterations());
        gammaGamma.put("converged", fit.ggConverged());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runId", fit.runId());
        body.put("status", fit.status());
        body.put("timeUnit", fit.timeUnit());
        body.put("bgnbd", bgnbd);
        body.put("gammaGamma", gammaGamma);
        return body;
    }
}
