package dev.rfm.web.user;

import static dev.rfm.web.i18n.Texts.text;

import dev.rfm.domain.user.Role;
import dev.rfm.domain.user.UserAccount;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * Backs {@code users.xhtml} (ADMIN only, declared in {@code web.xml}): the list of users, adding one, and changing a
 * user's role, access or password. Every rule is {@link UserDirectory}'s; its refusals are shown next to the field
 * they are about.
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UserDirectory directory;

    private List<UserAccount> users;

    private String newName;
    private String newRole = Role.VIEWER.name();
    private String newPassword;
    private boolean newMustChange = true;

    private String selected;
    private String editRole;
    private boolean editEnabled;
    private String resetPassword;

    @PostConstruct
    void load() {
        users = directory.all();
    }

    public void add() {
        try {
            directory.create(newName, newPassword, newRole, newMustChange, caller());
        } catch (UserDirectory.Refused e) {
            refuse(e, "addForm");
            return;
        }
        done("users.added", newName);
        newName = null;
        newPassword = null;
        newMustChange = true;
        load();
    }

    /** Opens the editor for one user. */
    public void edit(String username) {
        selected = username;
        resetPassword = null;
        directory.find(username).ifPresent(u -> {
            editRole = u.getRole().name();
            editEnabled = u.isEnabled();
        });
    }

    public void save() {
        try {
            if (directory
                    .update(selected, editRole, editEnabled, null, null, caller())
                    .isEmpty()) {
                gone();
                return;
            }
        } catch (UserDirectory.Refused e) {
            refuse(e, "accessForm");
            return;
        }
        done("users.saved", selected);
        load();
    }

    /** A new password chosen by the ADMIN: its owner must change it at the next sign-in (the directory's rule). */
    public void reset() {
        try {
            if (directory
                    .update(selected, null, null, resetPassword, null, caller())
                    .isEmpty()) {
                gone();
                return;
            }
        } catch (UserDirectory.Refused e) {
            refuse(e, "resetForm");
            return;
        }
        resetPassword = null;
        done("users.passwordReset", selected);
        load();
    }

    private static String caller() {
        return FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
    }

    /** The refusal next to its field; the dialog stays open (the page reads a failed validation). */
    private static void refuse(UserDirectory.Refused e, String form) {
        String field =
                switch (e.field()) {
                    case USERNAME -> "name";
                    case PASSWORD, CURRENT_PASSWORD -> "password";
                    case ROLE, NONE -> "role";
                };
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(
                form + ":" + field,
                new FacesMessage(
                        FacesMessage.SEVERITY_ERROR,
                        dev.rfm.web.i18n.Texts.refusal(e.reason(), e.getMessage(), e.arguments()),
                        null));
        faces.validationFailed();
    }

    private void gone() {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("users.gone", selected), ""));
        faces.validationFailed();
        PrimeFaces.current().ajax().update("messages");
        load();
    }

    /**
     * A success shows in the growl only: refusals stay next to their fields, not twice on screen. An empty detail:
     * without one, the growl repeats the summary.
     */
    private static void done(String key, String username) {
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text(key, username), ""));
        PrimeFaces.current().ajax().update("messages");
    }

    public List<UserAccount> getUsers() {
        return users;
    }

    public List<String> getRoles() {
        return Arrays.stream(Role.values()).map(Role::name).toList();
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewRole() {
        return newRole;
    }

    public void setNewRole(String newRole) {
        this.newRole = newRole;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public boolean isNewMustChange() {
        return newMustChange;
    }

    public void setNewMustChange(boolean newMustChange) {
        this.newMustChange = newMustChange;
    }

    public String getSelected() {
        return selected;
    }

    public String getEditRole() {
        return editRole;
    }

    public void setEditRole(String editRole) {
        this.editRole = editRole;
    }

    public boolean isEditEnabled() {
        return editEnabled;
    }

    public void setEditEnabled(boolean editEnabled) {
        this.editEnabled = editEnabled;
    }

    public String getResetPassword() {
        return resetPassword;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }
}
