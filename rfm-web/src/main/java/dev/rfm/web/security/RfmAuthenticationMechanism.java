package dev.rfm.web.security;

import dev.rfm.domain.user.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * The application's single authentication mechanism (Jakarta Security 3 allows one per application): API calls
 * authenticate with HTTP Basic on every request and get a JSON 401 otherwise; pages use the login form, whose
 * successful login is remembered in the HTTP session.
 *
 * <p>Only HTTP Basic authorises a change through {@code /api}: a dashboard session cookie counts for reading the
 * API (GET, HEAD) but never for POST, PUT or DELETE, so a page on another site cannot make a signed-in user's
 * browser change anything (CSRF). Pages are protected by Faces' view state and the SameSite session cookie.
 *
 * <p>Why not {@code @AutoApplySession}: it would open a session for every Basic-authenticated API call.
 */
@ApplicationScoped
public class RfmAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_LOGIN = RfmAuthenticationMechanism.class.getName() + ".login";
    /** Request attribute: seconds to wait when the login form's attempt was throttled. */
    static final String THROTTLED_SECONDS = RfmAuthenticationMechanism.class.getName() + ".throttled";

    /** Request attribute: the signed-in page user must choose a new password before anything else. */
    static final String MUST_CHANGE_PASSWORD = RfmAuthenticationMechanism.class.getName() + ".mustChange";

    static final String LOGIN_PAGE = "/login.xhtml";
    static final String PASSWORD_PAGE = "/password.xhtml";
    static final String OWN_PASSWORD_API = "/api/users/me/password";

    @Inject
    SignIn signIn;

    /** What a session remembers of a form login: the name only; role and state are read on every request. */
    record SessionLogin(String caller) implements Serializable {}

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential formCredential = context.getAuthParameters().getCredential();
        if (formCredential instanceof UsernamePasswordCredential credential) {
            return formLogin(request, context, credential);
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basicLogin(authorization.substring(6).trim(), request, response, context);
        }
        boolean api = isApi(request);
        HttpSession session = request.getSession(false);
        if (session != null
                && session.getAttribute(SESSION_LOGIN) instanceof SessionLogin login
                && (!api || isSafe(request))) {
            Optional<UserAccount> account = signIn.current(login.caller());
            if (account.isPresent()) {
                if (account.get().isMustChangePassword()) {
                    request.setAttribute(MUST_CHANGE_PASSWORD, Boolean.TRUE);
                }
                return context.notifyContainerAboutLogin(
                        account.get().getUsername(),
                        Set.of(account.get().getRole().name()));
            }
            session.removeAttribute(SESSION_LOGIN); // disabled or deleted since: signed out
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        return api ? challenge(response) : redirectToLogin(request, context);
    }

    private AuthenticationStatus formLogin(
            HttpServletRequest request, HttpMessageContext context, UsernamePasswordCredential credential) {
        SignIn.Outcome outcome = signIn.check(credential.getCaller(), credential.getPasswordAsString());
        if (outcome instanceof SignIn.Throttled throttled) {
            request.setAttribute(THROTTLED_SECONDS, throttled.retryAfterSeconds());
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (!(outcome instanceof SignIn.Valid valid)) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        request.changeSessionId(); // a fresh id at login: no session fixation
        request.getSession().setAttribute(SESSION_LOGIN, new SessionLogin(valid.username()));
        if (valid.mustChangePassword()) {
            request.setAttribute(MUST_CHANGE_PASSWORD, Boolean.TRUE);
        }
        return context.notifyContainerAboutLogin(
                valid.username(), Set.of(valid.role().name()));
    }

    private AuthenticationStatus basicLogin(
            String encoded, HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return challenge(response);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return challenge(response);
        }
        SignIn.Outcome outcome = signIn.check(decoded.substring(0, colon), decoded.substring(colon + 1));
        if (outcome instanceof SignIn.Throttled throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            return error(
                    response,
                    429,
                    "TOO_MANY_SIGN_IN_FAILURES",
                    "Too many failed sign-ins for this user name: try again in " + throttled.retryAfterSeconds()
                            + " s.");
        }
        if (!(outcome instanceof SignIn.Valid valid)) {
            return challenge(response);
        }
        if (valid.mustChangePassword() && !path(request).equals(OWN_PASSWORD_API)) {
            return error(
                    response,
                    403,
                    "PASSWORD_CHANGE_REQUIRED",
                    "This user must choose a new password first: PUT " + OWN_PASSWORD_API
                            + " with currentPassword and newPassword, or sign in to the dashboard.");
        }
        return context.notifyContainerAboutLogin(
                valid.username(), Set.of(valid.role().name()));
    }

    private static boolean isSafe(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static boolean isApi(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/api/") || path.equals("/api");
    }

    private static AuthenticationStatus challenge(HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"rfm\", charset=\"UTF-8\"");
        return error(
                response,
                401,
                "UNAUTHORIZED",
                "Sign in with HTTP Basic: user name and password of a product user (a dashboard session does not"
                        + " authorise changes through the API).");
    }

    private static AuthenticationStatus error(HttpServletResponse response, int status, String code, String text) {
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        try {
            response.getWriter()
                    .write("{\"error\":\"" + code + "\",\"message\":\"" + text.replace("\"", "\\\"")
                            + "\",\"details\":[]}");
        } catch (IOException e) {
            // the client went away; the status is what matters
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static AuthenticationStatus redirectToLogin(HttpServletRequest request, HttpMessageContext context) {
        String target = path(request);
        if (request.getQueryString() != null) {
            target += "?" + request.getQueryString();
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE + "?continue="
                + URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_LOGIN);
        }
    }
}
