package dev.rfm.web.segment;

import dev.rfm.analytics.run.CustomSegments;
import dev.rfm.analytics.run.CustomSegments.RuleText;
import dev.rfm.analytics.segment.RulePreview;
import dev.rfm.domain.user.Role;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/segments/custom/rules}: the ordered custom segment rules. A rule is {@code {"code", "nameEn",
 * "nameZh", "actionEn", "actionZh", "conditions"}} with conditions such as {@code "rScore=4..5\nmonetary=500.."}.
 */
@Path("segments/custom/rules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME}) // reading; changes declare their own
public class CustomRuleResource {

    @Inject
    CustomSegments segments;

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME})
    @Operation(summary = "The custom segment rules, in order")
    public List<RuleText> rules() throws SQLException {
        return segments.rules();
    }

    @PUT
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(summary = "Replace the rules (used from the next run on); 400 names every problem")
    public Response replace(JsonArray body, @Context SecurityContext security) throws SQLException {
        try {
            if (body == null) {
                throw new IllegalArgumentException("the body must be a JSON array of rules ([] removes every rule)");
            }
            String user = security == null || security.getUserPrincipal() == null
                    ? null
                    : security.getUserPrincipal().getName();
            segments.replace(parse(body), user, LocalDateTime.now());
            return Response.ok(segments.rules()).build();
        } catch (IllegalArgumentException e) {
            return invalid(e);
        }
    }

    @POST
    @Path("preview")
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(summary = "How many customers of the current snapshot each rule would take, before saving")
    public Response preview(JsonArray body) throws SQLException {
        try {
            RulePreview preview = segments.preview(parse(body)).orElse(null);
            if (preview == null) {
                return ApiError.response(
                        Response.Status.CONFLICT,
                        "NO_SNAPSHOT",
                        "No scoring run has succeeded yet: there is nothing to preview against.");
            }
            return Response.ok(Map.of("scoredCustomers", preview.scoredCustomers(), "rules", preview.entries()))
                    .build();
        } catch (IllegalArgumentException e) {
            return invalid(e);
        }
    }

    private static Response invalid(IllegalArgumentException e) {
        return ApiError.response(
                400, "INVALID_RULES", e.getMessage(), List.of(e.getMessage().split("; ")));
    }

    private static List<RuleText> parse(JsonArray body) {
        List<RuleText> rules = new ArrayList<>();
        if (body == null) return rules;
        for (JsonValue value : body) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("rule " + (rules.size() + 1) + " must be a JSON object with code,"
                        + " nameEn and conditions, not "
                        + value.getValueType().name().toLowerCase(java.util.Locale.ROOT));
            }
            JsonObject o = value.asJsonObject();
            int position = rules.size() + 1;
            rules.add(new RuleText(
                    text(o, "code", position),
                    text(o, "nameEn", position),
                    text(o, "nameZh", position),
                    text(o, "actionEn", position),
                    text(o, "actionZh", position),
                    text(o, "conditions", position)));
        }
        return rules;
    }

    private static String text(JsonObject o, String key, int position) {
        if (!o.containsKey(key) || o.isNull(key)) return null;
        if (o.get(key).getValueType() != JsonValue.ValueType.STRING) {
            // the kind only, not the value: a number such as 1e500000000 is never converted or repeated
            throw new IllegalArgumentException("rule " + position + ": '" + key + "' must be a text, not a "
                    + o.get(key).getValueType().name().toLowerCase(java.util.Locale.ROOT)
                    + (key.equals("conditions") ? " (write conditions as text, e.g. \"recencyDays=..90\")" : ""));
        }
        return o.getString(key);
    }
}
