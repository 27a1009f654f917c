package dev.rfm.web.campaign;

import dev.rfm.analytics.campaign.CampaignResult;
import dev.rfm.analytics.campaign.ControlGroupSplit;
import dev.rfm.analytics.campaign.Uplift;
import dev.rfm.domain.campaign.Campaign;
import dev.rfm.domain.campaign.CampaignGroup;
import dev.rfm.domain.campaign.CampaignMember;
import dev.rfm.domain.campaign.CampaignPlan;
import dev.rfm.domain.campaign.Campaigns;
import dev.rfm.domain.campaign.GroupOutcome;
import dev.rfm.domain.campaign.InvalidCampaignException;
import dev.rfm.domain.snapshot.Page;
import dev.rfm.domain.user.Role;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/campaigns}: campaigns with a random control group held out, their groups, and their measured uplift
 * (decision 0015). Anyone signed in reads; ADMIN and ANALYST create.
 */
@Path("campaigns")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME}) // reading; changes declare their own
public class CampaignResource {

    @Inject
    Campaigns campaigns;

    @Inject
    CampaignsProducer calendar;

    @GET
    @Operation(summary = "Every campaign, newest first")
    public List<Map<String, Object>> list() throws SQLException {
        return campaigns.list().stream().map(CampaignResource::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            summary = "Create a campaign: its target is drawn now and split into treatment and control",
            description = "Body {\"name\", \"scheme\": \"standard|cn8|custom|lifecycle\", \"segment\", \"runId\""
                    + " (default: the current run), \"controlShare\" (0 < share < 1, default 0.1), \"seed\" (default:"
                    + " random), \"startDate\" (default today), \"windowDays\"}, or \"customerIds\": [...] instead of"
                    + " scheme, segment and runId. 201 with the campaign; 400 names every invalid field (and every"
                    + " unknown customer id).")
    public Response create(JsonObject body, @Context SecurityContext security, @Context UriInfo uri)
            throws SQLException {
        try {
            CampaignPlan plan = CampaignRequest.plan(body, calendar.today());
            ControlGroupSplit split = ControlGroupSplit.of(plan.seed(), plan.controlShare());
            Campaign campaign = campaigns.create(
                    plan, split::isControl, security.getUserPrincipal().getName(), LocalDateTime.now());
            return Response.created(uri.getAbsolutePathBuilder()
                            .path(Long.toString(campaign.id()))
                            .build())
                    .entity(view(campaign))
                    .build();
        } catch (InvalidCampaignException e) {
            return ApiError.response(
                    400,
                    "INVALID_CAMPAIGN",
                    e.getMessage(),
                    e.problems().stream()
                            .map(p -> Map.of("field", p.field(), "message", p.message()))
                            .toList());
        }
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One campaign")
    public Map<String, Object> campaign(@PathParam("id") long id) throws SQLException {
        return view(find(id));
    }

    @GET
    @Path("{id}/members")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(
            summary = "A group's customers, paged (JSON) or all of them (Accept: text/csv); the treatment group is"
                    + " the target list for campaign tools: it never contains the control group")
    public Response members(
            @PathParam("id") long id,
            @QueryParam("group") @DefaultValue("treatment") String groupName,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @HeaderParam("Accept") String accept)
            throws SQLException {
        Campaign campaign = find(id);
        CampaignGroup group;
        try {
            group = CampaignGroup.named(groupName);
        } catch (InvalidCampaignException e) {
            return ApiError.response(400, "BAD_GROUP", e.getMessage(), List.of(Map.of("field", "group")));
        }
        if (accept != null && accept.contains("text/csv") && !accept.contains(MediaType.APPLICATION_JSON)) {
            StreamingOutput csv = out -> {
                var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                try {
                    campaigns.writeMembersCsv(id, group, writer);
                } catch (SQLException e) {
                    throw new IOException(e);
                }
                writer.flush();
            };
            String file = "campaign-" + id + "-" + group.name().toLowerCase(java.util.Locale.ROOT) + ".csv";
            return Response.ok(csv, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .build();
        }
        if (page < 0 || size < 1 || size > 1000) {
            throw new BadRequestException("page must be >= 0 and size between 1 and 1000.");
        }
        Page<CampaignMember> members = campaigns.members(campaign, group, page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", id);
        body.put("group", group.name().toLowerCase(java.util.Locale.ROOT));
        body.put("page", members.page());
        body.put("size", members.size());
        body.put("total", members.total());
        body.put("pages", members.pages());
        body.put("customers", members.items());
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{id}/result")
    @Operation(
            summary = "Both groups' customers, buyers, orders and revenue in the window, and the uplift with its"
                    + " 95 % interval (Newcombe's hybrid score interval; Welch's t); measured so far while the window"
                    + " runs (complete: false). A part that cannot be computed is null.")
    public Map<String, Object> result(@PathParam("id") long id) throws SQLException {
        Campaign campaign = find(id);
        LocalDate today = calendar.today();
        // while the window runs, today's orders count as far as they are imported
        Campaigns.Outcome outcome = campaigns.outcome(campaign, today.plusDays(1));
        CampaignResult result = CampaignResult.of(outcome.treatment(), outcome.control(), campaign.endDate(), today);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", id);
        body.put("treatment", group(result.treatment()));
        body.put("control", group(result.control()));
        body.put("repurchaseUplift", uplift(result.repurchaseUplift()));
        body.put("revenuePerCustomerUplift", uplift(result.revenuePerCustomerUplift()));
        body.put("complete", result.complete());
        body.put("startDate", campaign.startDate().toString());
        body.put("endDate", campaign.endDate().toString());
        return body;
    }

    private Campaign find(long id) throws SQLException {
        return campaigns.find(id).orElseThrow(() -> new NotFoundException("No campaign " + id + "."));
    }

    /** The contract's campaign, plus the group sizes, the window's end (exclusive) and who created it. */
    static Map<String, Object> view(Campaign c) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", c.id());
        v.put("name", c.name());
        v.put("scheme", c.scheme());
        v.put("segment", c.segment());
        v.put("runId", c.runId());
        v.put("controlShare", c.controlShare());
        v.put("seed", c.seed());
        v.put("startDate", c.startDate().toString());
        v.put("windowDays", c.windowDays());
        v.put("endDate", c.endDate().toString());
        v.put("treatmentCustomers", c.treatmentCustomers());
        v.put("controlCustomers", c.controlCustomers());
        v.put("createdAt", c.createdAt() == null ? null : c.createdAt().toString());
        v.put("createdBy", c.createdBy());
        return v;
    }

    private static Map<String, Object> group(GroupOutcome g) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("customers", g.customers());
        v.put("buyers", g.buyers());
        v.put("orders", g.orders());
        v.put("revenue", g.revenue());
        v.put("repurchaseRate", g.customers() == 0 ? null : (double) g.buyers() / g.customers());
        v.put(
                "revenuePerCustomer",
                g.customers() == 0
                        ? null
                        : g.revenue().divide(BigDecimal.valueOf(g.customers()), 4, RoundingMode.HALF_EVEN));
        return v;
    }

    private static Map<String, Object> uplift(Uplift u) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("estimate", u.estimate());
        v.put("ci95Low", u.ci95Low());
        v.put("ci95High", u.ci95High());
        return v;
    }
}
