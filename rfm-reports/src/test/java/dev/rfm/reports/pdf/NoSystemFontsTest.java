package dev.rfm.reports.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Chinese report on a Linux server without any fonts installed. Such a server is made here by starting a JVM of
 * its own whose fontconfig reads an empty configuration (no font directories) and whose home has no cached font
 * list: there Java's font manager cannot start ("Fontconfig head is null"). First, to show the server really has no
 * fonts, a report check fails with the clear message; then the application's way, with the packaged font as the
 * JDK's font configuration ({@link JdkFonts}), renders the report with its Chinese text.
 */
class NoSystemFontsTest {

    @TempDir
    Path dir;

    @Test
    void aChineseReportRendersOnAServerWithoutFonts() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "fontconfig is Linux's");

        Path check = dir.resolve("check.txt");
        assertThat(runWithoutFonts("check", check)).as(read(check)).isEqualTo(3);
        assertThat(read(check))
                .startsWith("Reports cannot be made: Java on this server cannot use fonts (")
                .contains("install any font package");

        Path pdf = dir.resolve("report-zh.pdf");
        assertThat(runWithoutFonts("render", pdf))
                .as(read(dir.resolve("render.log")))
                .isZero();
        try (PDDocument document = Loader.loadPDF(Files.readAllBytes(pdf))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("客户分群报告", "重要价值客户", "重要挽留客户");
        }
        assertThat(Files.readString(dir.resolve("tmp/rfm-report-fonts/fonts/fontconfig.properties")))
                .contains("sansserif.plain.latin-1=Noto Sans SC", "filename.Noto_Sans_SC=");
    }

    /** This test's class path in a new JVM that sees no fonts; its output goes to {@code <mode>.log}. */
    private int runWithoutFonts(String mode, Path out) throws IOException, InterruptedException {
        Path emptyConfig = dir.resolve("fonts.conf");
        Files.writeString(
                emptyConfig,
                "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>" + dir.resolve("fc-cache")
                        + "</cachedir></fontconfig>\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-Duser.home=" + home, // Java caches what fontconfig found under the home directory
                "-Djava.io.tmpdir=" + tmp,
                "-cp",
                System.getProperty("java.class.path"),
                FontlessReport.class.getName(),
                mode,
                out.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(mode + ".log").toFile());
        builder.environment().put("FONTCONFIG_FILE", emptyConfig.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(mode + " did not finish in 5 minutes");
        }
        return process.exitValue();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(no " + file.getFileName() + ")";
    }
}
