package dev.rfm.web.i18n;

import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The pages' texts ({@code msg} bundle) in the reader's language, for messages made in backing beans. */
public final class Texts {

    private Texts() {}

    /** The text of {@code key}; with arguments, formatted by {@link MessageFormat} in the view's locale. */
    public static String text(String key, Object... args) {
        String pattern = bundle().getString(key);
        return args.length == 0
                ? pattern
                : new MessageFormat(
                                pattern,
                                FacesContext.getCurrentInstance().getViewRoot().getLocale())
                        .format(args);
    }

    /**
     * A refusal from the business rules in the reader's language: the text of {@code refused.<reason>} where the
     * pages have one, else the rule's own (English) message.
     */
    public static String refusal(String reason, String message, Object... args) {
        if (reason == null || !bundle().containsKey("refused." + reason)) return message;
        return text("refused." + reason, args);
    }

    public static ResourceBundle bundle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "msg");
    }
}
