package dev.rfm.web.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * Refuses a change through the API that a browser sends on behalf of another site (CSRF), even with credentials
 * the browser remembers: browsers say where a request comes from ({@code Sec-Fetch-Site}, {@code Origin}); programs
 * such as curl or an integration send neither and are not affected. Reading is left alone: another site cannot read
 * the answer.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class CrossSiteRequests implements ContainerRequestFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        String origin = request.getHeaderString("Origin");
        boolean crossSite = fetchSite != null
                ? !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")
                : origin != null && !sameOrigin(origin, request.getHeaderString("Host"));
        if (crossSite) {
            request.abortWith(ApiError.response(
                    Response.Status.FORBIDDEN,
                    "CROSS_SITE_REQUEST",
                    "A change through the API was sent by a page of another site; it was refused."));
        }
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null
                    && uri.getHost() != null
                    && (authority.equalsIgnoreCase(host)
                            || (uri.getPort() < 0 && host.equalsIgnoreCase(uri.getHost() + ":" + defaultPort(uri))));
        } catch (IllegalArgumentException e) {
            return false; // "null" or garbage: a sandboxed or privacy-minded page, not this dashboard
        }
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
