package dev.rfm.web.user;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.domain.user.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Backs {@code password.xhtml}: every signed-in user changes their own password there, and a user whose password was
 * chosen by someone else sees only this page until they have ({@code PasswordChangeFirst} sends them here).
 */
@Named
@RequestScoped
public class PasswordBacking {

    @Inject
    UserDirectory directory;

    @Inject
    FacesContext faces;

    private boolean mustChange;
    private String current;
    private String newPassword;
    private String repeat;

    @PostConstruct
    void load() {
        mustChange = directory
                .find(faces.getExternalContext().getRemoteUser())
                .map(UserAccount::isMustChangePassword)
                .orElse(false);
    }

    /** @return the overview after a change; {@code null} (stay) when refused */
    public String change() {
        if (newPassword == null || !newPassword.equals(repeat)) {
            error("passwordForm:repeat", text("password.mismatch"));
            return null;
        }
        try {
            directory.changeOwnPassword(faces.getExternalContext().getRemoteUser(), current, newPassword);
        } catch (UserDirectory.Refused e) {
            error(
                    e.field() == UserDirectory.Refused.Field.CURRENT_PASSWORD
                            ? "passwordForm:current"
                            : "passwordForm:newPassword",
                    dev.rfm.web.i18n.Texts.refusal(e.reason(), e.getMessage(), e.arguments()));
            return null;
        }
        faces.addMessage(
                null,
                new FacesMessage(FacesMessage.SEVERITY_INFO, text("password.changed"), "")); // no repeated summary
        faces.getExternalContext().getFlash().setKeepMessages(true);
        return "/index?faces-redirect=true";
    }

    private void error(String clientId, String text) {
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        faces.validationFailed();
    }

    public boolean isMustChange() {
        return mustChange;
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public String getRepeat() {
        return repeat;
    }

    public void setRepeat(String repeat) {
        this.repeat = repeat;
    }
}
