package dev.rfm.web.platform;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Security headers on every response of the application: pages, resources, {@code /api}, error pages.
 *
 * <p>Pages get the Content-Security-Policy of the context parameter {@code primefaces.CSP_POLICY} (web.xml); on Faces
 * pages PrimeFaces' CSP mode sends the same policy with a fresh nonce added to {@code script-src}, and that header
 * replaces this one (PrimeFaces adds its header: {@link PolicyReplacingResponse} turns the add into a set, so the
 * browser never sees two policies). {@code /api} answers are data, never documents: {@code default-src 'none'}.
 *
 * <p>The session cookie gets {@code SameSite=Lax} here where the container leaves it out ({@link
 * SameSiteSessionCookie}).
 *
 * <p>Answers that the authentication mechanism gives before any filter runs (the 401 challenge, the redirect to the
 * login form) get the same headers from {@link SecurityHeadersOnAuthentication}.
 */
@WebFilter(
        filterName = "SecurityHeaders",
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR, DispatcherType.ASYNC})
public class SecurityHeaders implements Filter {

    static final String CSP = "Content-Security-Policy";
    /** What {@code /api} answers may do in a browser: nothing. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    /** Used where web.xml sets no page policy (it does): as strict as PrimeFaces allows. */
    static final String FALLBACK_PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'"
            + " 'unsafe-inline'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self';"
            + " frame-ancestors 'none'; script-src 'self'";

    private static volatile String pagePolicy = FALLBACK_PAGE_POLICY;

    private String sessionCookieName = "JSESSIONID";

    @Override
    public void init(FilterConfig config) {
        String name = config.getServletContext().getSessionCookieConfig().getName();
        if (name != null && !name.isBlank()) {
            sessionCookieName = name;
        }
        String configured = config.getServletContext().getInitParameter("primefaces.CSP_POLICY");
        if (configured != null && !configured.isBlank()) {
            pagePolicy = configured.strip();
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            boolean api = apply(http, answer);
            SameSiteSessionCookie cookie = new SameSiteSessionCookie(
                    api ? answer : new PolicyReplacingResponse(answer), sessionCookieName, "Lax");
            try {
                chain.doFilter(request, cookie);
            } finally {
                cookie.mend();
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    /**
     * Sets the headers on {@code response}; true for an {@code /api} request.
     *
     * <p>X-Frame-Options is for browsers without CSP level 2; {@code frame-ancestors 'none'} says the same.
     */
    static boolean apply(HttpServletRequest request, HttpServletResponse response) {
        boolean api = isApi(request);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader(CSP, api ? API_POLICY : pagePolicy);
        return api;
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** Lets a page's own policy (PrimeFaces' with its nonce) replace the default one instead of adding a second. */
    static final class PolicyReplacingResponse extends HttpServletResponseWrapper {

        PolicyReplacingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (CSP.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
