package dev.rfm.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A page user whose password was chosen by someone else (the generated admin password, a reset by an ADMIN) sees the
 * password page, and only it, until they choose their own. The API side of the same rule is in {@link
 * RfmAuthenticationMechanism}.
 */
@WebFilter(urlPatterns = "*.xhtml")
public class PasswordChangeFirst extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (Boolean.TRUE.equals(request.getAttribute(RfmAuthenticationMechanism.MUST_CHANGE_PASSWORD))
                && !path.equals(RfmAuthenticationMechanism.PASSWORD_PAGE)
                && !path.equals(RfmAuthenticationMechanism.LOGIN_PAGE)
                && !path.startsWith("/jakarta.faces.resource/")) {
            response.sendRedirect(request.getContextPath() + RfmAuthenticationMechanism.PASSWORD_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }
}
