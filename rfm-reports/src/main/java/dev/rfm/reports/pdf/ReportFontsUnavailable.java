package dev.rfm.reports.pdf;

/**
 * Java on this server cannot use fonts at all, so no report can be measured or drawn; the message says what to do.
 * The packaged font normally prevents this ({@link JdkFonts}); it can still happen when the operator's own {@value
 * JdkFonts#PROPERTY} names a broken file, or when another application in the server used fonts before this one
 * started.
 */
public class ReportFontsUnavailable extends IllegalStateException {

    ReportFontsUnavailable(Throwable cause) {
        super(
                "Reports cannot be made: Java on this server cannot use fonts (" + innermost(cause) + "). The platform"
                        + " points Java at its packaged font when it starts, unless the JVM option -D"
                        + JdkFonts.PROPERTY
                        + " is set (now: " + System.getProperty(JdkFonts.PROPERTY, "not set")
                        + ") or another application"
                        + " used fonts first. Restart the server without that option, or install any font package"
                        + " (e.g. fonts-dejavu-core).",
                cause);
    }

    private static String innermost(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
