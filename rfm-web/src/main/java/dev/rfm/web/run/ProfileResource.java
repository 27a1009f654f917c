package dev.rfm.web.run;

import dev.rfm.analytics.profile.Preset;
import dev.rfm.analytics.profile.ScoringProfileText;
import dev.rfm.analytics.run.ScoringProfiles;
import dev.rfm.domain.user.Role;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code /api/profiles}: the shipped industry presets, the stored profiles and the one runs use. Profiles are written
 * as {@code key=value} lines (see {@link ScoringProfileText}), validated with every problem named.
 */
@Path("profiles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME}) // reading; changes declare their own
public class ProfileResource {

    @Inject
    ScoringProfiles profiles;

    @Context
    SecurityContext security;

    @GET
    @Operation(summary = "Presets, stored profiles and the active profile's settings")
    public Map<String, Object> list() throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", ScoringProfileText.encode(profiles.active()));
        body.put("stored", profiles.stored());
        body.put(
                "presets",
                Arrays.stream(Preset.values())
                        .map(p -> Map.of("name", p.name(), "settings", ScoringProfileText.encode(p.profile())))
                        .toList());
        return body;
    }

    @PUT
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Store a profile (key=value lines) and optionally make it the one runs use")
    public Response save(
            String settings,
            @QueryParam("preset") String preset,
            @QueryParam("activate") @DefaultValue("true") boolean activate)
            throws SQLException {
        try {
            return Response.ok(profiles.save(
                            settings,
                            preset,
                            activate,
                            security.getUserPrincipal().getName()))
                    .build();
        } catch (IllegalArgumentException e) {
            return ApiError.response(
                    400,
                    "INVALID_PROFILE",
                    e.getMessage(),
                    List.of(e.getMessage().split("; ")));
        }
    }

    @PUT
    @Path("active")
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Make a shipped preset the active profile, e.g. body FINANCE")
    public Response usePreset(String presetName) throws SQLException {
        Preset preset;
        try {
            preset = Preset.valueOf(presetName.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return ApiError.response(
                    400,
                    "UNKNOWN_PRESET",
                    "Unknown preset '" + presetName.trim() + "': use one of " + Arrays.toString(Preset.values()),
                    List.of());
        }
        return Response.ok(profiles.save(
                        ScoringProfileText.encode(preset.profile()),
                        preset.name(),
                        true,
                        security.getUserPrincipal().getName()))
                .build();
    }
}
