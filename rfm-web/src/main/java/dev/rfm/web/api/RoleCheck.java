package dev.rfm.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Enforces {@link RolesAllowed} on resource methods (or their class) with standard JAX-RS only, so the WAR needs no
 * runtime-specific feature switched on. Authentication itself happened before (every {@code /api} call is
 * authenticated); this answers 403 when the caller lacks the role, and for a method without any declared role.
 */
@Provider
public class RoleCheck implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        if (method == null) return;
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null) allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        if (allowed == null) {
            // fail closed: an endpoint nobody declared roles for is nobody's (the role matrix test finds it)
            request.abortWith(
                    ApiError.response(Response.Status.FORBIDDEN, "FORBIDDEN", "No role may call this endpoint yet."));
            return;
        }
        var security = request.getSecurityContext();
        if (Arrays.stream(allowed.value()).noneMatch(security::isUserInRole)) {
            request.abortWith(ApiError.response(
                    Response.Status.FORBIDDEN,
                    "FORBIDDEN",
                    "This needs one of the roles " + String.join(", ", allowed.value()) + "."));
        }
    }
}
