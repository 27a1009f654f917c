package dev.rfm.web.i18n;

import dev.rfm.domain.user.UserAccount;
import dev.rfm.domain.user.UserAccounts;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * The language the current user reads the dashboard in: the one the user last chose (stored with the user, so it
 * follows them to another browser), else the browser's preference. A choice made before signing in carries over.
 */
@Named
@SessionScoped
public class LanguageBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Inject
    UserAccounts accounts;

    private Locale locale;

    /** The user the locale was looked up for; a sign-in in this session looks again. */
    private String resolvedFor;

    private boolean chosenHere;

    public Locale getLocale() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        String user = external.getRemoteUser();
        if (!Objects.equals(user, resolvedFor)) { // signed in (or out) since the last look
            resolvedFor = user;
            if (user != null && chosenHere && locale != null) {
                accounts.rememberLanguage(user, locale.toLanguageTag()); // chosen on the sign-in page
            } else if (user != null) {
                String stored =
                        accounts.find(user).map(UserAccount::getLanguage).orElse(null);
                if (stored != null) locale = Locale.forLanguageTag(stored);
            }
            chosenHere = false;
        }
        if (locale == null) {
            Locale requested = external.getRequestLocale();
            locale = requested != null && "zh".equals(requested.getLanguage()) ? CHINESE : Locale.ENGLISH;
        }
        return locale;
    }

    public String getLanguageTag() {
        return getLocale().toLanguageTag();
    }

    public boolean isChinese() {
        return "zh".equals(getLocale().getLanguage());
    }

    public void useEnglish() {
        switchTo(Locale.ENGLISH);
    }

    public void useChinese() {
        switchTo(CHINESE);
    }

    private void switchTo(Locale newLocale) {
        locale = newLocale;
        FacesContext faces = FacesContext.getCurrentInstance();
        String user = faces.getExternalContext().getRemoteUser();
        if (user == null) {
            chosenHere = true; // remembered for the user who signs in next in this session
        } else {
            accounts.rememberLanguage(user, newLocale.toLanguageTag());
        }
        resolvedFor = user;
        faces.getViewRoot().setLocale(newLocale);
    }
}
