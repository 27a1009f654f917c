package dev.rfm.reports.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Gives the JDK a font configuration that names the packaged font, so reports render on a Linux server with no fonts
 * installed at all. There the JDK's font manager refuses to start ("Fontconfig head is null") and not even a font
 * loaded from a file can measure text. The JDK reads a font configuration file named by the {@value #PROPERTY} system
 * property instead of asking fontconfig; this writes one that maps every logical font (serif, sans-serif, monospaced,
 * dialog, dialog input) to Noto Sans SC extracted to a directory, and sets the property. Decision 0013.
 *
 * <p>It must run before anything in the JVM first uses AWT fonts: the application calls it at start ({@link
 * ReportStart}) and {@link SegmentReports} again outside a container. It leaves an operator's own {@value #PROPERTY}
 * alone, and does nothing on other systems (Windows and macOS fonts do not depend on fontconfig).
 */
public final class JdkFonts {

    /** The JDK's system property naming a font configuration file. */
    public static final String PROPERTY = "sun.awt.fontconfig";

    private static final Logger LOG = Logger.getLogger(JdkFonts.class.getName());
    private static final String PACKAGED = "dev/rfm/reports/fonts/";
    private static final String REGULAR = "NotoSansSC_400Regular.ttf";
    private static final String BOLD = "NotoSansSC_700Bold.ttf";
    private static final List<String> FAMILIES = List.of("serif", "sansserif", "monospaced", "dialog", "dialoginput");

    private JdkFonts() {}

    /**
     * Writes the font configuration and the font files into {@code directory/fonts} and points the JDK at it.
     *
     * @return the configuration file, or empty when the operator set {@value #PROPERTY} already or the system is not
     *     Linux
     * @throws UncheckedIOException when the files cannot be written
     */
    public static synchronized Optional<Path> configure(Path directory) {
        if (System.getProperty(PROPERTY) != null) return Optional.empty();
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return Optional.empty();
        Path fonts = directory.toAbsolutePath().resolve("fonts");
        try {
            Files.createDirectories(fonts);
            Path regular = extract(REGULAR, fonts);
            Path bold = extract(BOLD, fonts);
            Path config = fonts.resolve("fontconfig.properties");
            replace(config, configuration(regular, bold).getBytes(StandardCharsets.ISO_8859_1));
            System.setProperty(PROPERTY, config.toString());
            LOG.info(() -> "The JDK's logical fonts are Noto Sans SC from " + fonts + " (" + PROPERTY + ")");
            return Optional.of(config);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report font configuration into " + fonts, e);
        }
    }

    /** The JDK's font configuration format (version 1): one component font per logical font and style. */
    static String configuration(Path regular, Path bold) {
        List<String> lines = new ArrayList<>();
        lines.add("# Written by the RFM platform at start (dev.rfm.reports.pdf.JdkFonts); rewritten at every start.");
        lines.add("version=1");
        lines.add("sequence.allfonts=latin-1");
        for (String family : FAMILIES) {
            for (String style : List.of("plain", "italic")) lines.add(family + "." + style + ".latin-1=Noto Sans SC");
            for (String style : List.of("bold", "bolditalic")) {
                lines.add(family + "." + style + ".latin-1=Noto Sans SC Bold");
            }
        }
        lines.add("filename.Noto_Sans_SC=" + escaped(regular));
        lines.add("filename.Noto_Sans_SC_Bold=" + escaped(bold));
        return String.join("\n", lines) + "\n";
    }

    /** A path as a properties value: backslashes (Windows-style paths) and non-Latin-1 characters escaped. */
    private static String escaped(Path path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toString().toCharArray()) {
            if (c == '\\') out.append("\\\\");
            else if (c > 0xff) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.toString();
    }

    /** Copies a packaged font file unless the same size is there already (a restart rewrites nothing). */
    private static Path extract(String name, Path directory) throws IOException {
        Path target = directory.resolve(name);
        try (InputStream in = JdkFonts.class.getClassLoader().getResourceAsStream(PACKAGED + name)) {
            if (in == null) {
                throw new IOException("The packaged font " + PACKAGED + name + " is not on the class path");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) return target;
            replace(target, bytes);
        }
        return target;
    }

    /** Written beside, then moved over: a reader never sees half a file. */
    private static void replace(Path target, byte[] bytes) throws IOException {
        Path temporary =
                Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
