package dev.rfm.web.platform;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers also on the answers the authentication mechanism gives itself (the API's 401, the redirect to
 * the login form): the container authenticates before any filter runs, so {@link SecurityHeaders} alone would miss
 * them. Every request passes the mechanism, so the headers are set here first and again by the filter.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class SecurityHeadersOnAuthentication implements HttpAuthenticationMechanism {

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanism mechanism;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
            throws AuthenticationException {
        SecurityHeaders.apply(request, response);
        return mechanism.validateRequest(request, response, context);
    }
}
