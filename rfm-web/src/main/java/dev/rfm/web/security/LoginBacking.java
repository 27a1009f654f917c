package dev.rfm.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The login page: checks the credentials through the security context, then goes where the user was headed. */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    private String username;
    private String password;
    private String continueTo;

    public void login() throws IOException {
        ExternalContext external = faces.getExternalContext();
        AuthenticationStatus status = securityContext.authenticate(
                (HttpServletRequest) external.getRequest(),
                (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams()
                        .newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, new Password(password))));
        if (status == AuthenticationStatus.SUCCESS) {
            external.redirect(external.getRequestContextPath() + safeTarget(continueTo));
            faces.responseComplete();
        } else if (status == AuthenticationStatus.SEND_FAILURE) {
            ResourceBundle msg = faces.getApplication().getResourceBundle(faces, "msg");
            Object throttled = external.getRequestMap().get(RfmAuthenticationMechanism.THROTTLED_SECONDS);
            String text = throttled == null
                    ? msg.getString("login.failed")
                    : MessageFormat.format(msg.getString("login.throttled"), throttled);
            if (throttled != null) {
                external.setResponseStatus(429);
                external.setResponseHeader("Retry-After", throttled.toString());
            }
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        }
    }

    public void logout() throws IOException {
        ExternalContext external = faces.getExternalContext();
        try {
            ((HttpServletRequest) external.getRequest()).logout();
        } catch (jakarta.servlet.ServletException e) {
            // the session goes anyway
        }
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + RfmAuthenticationMechanism.LOGIN_PAGE);
    }

    /** Only paths inside this application: a login link must never send the user to another site. */
    static String safeTarget(String target) {
        if (target == null || !target.startsWith("/") || target.startsWith("//") || target.contains("\\")) {
            return "/";
        }
        return target;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getContinueTo() {
        return continueTo;
    }

    public void setContinueTo(String continueTo) {
        this.continueTo = continueTo;
    }
}
