package dev.rfm.web.export;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A file download from a page's action: a list as CSV (streamed) or Excel (made in a file first), or a PDF report.
 */
public final class Downloads {

    public static final String EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** What writes the file's content. */
    @FunctionalInterface
    public interface Content<T> {
        void writeTo(T out) throws IOException, SQLException;
    }

    private Downloads() {}

    /** Streams the rows as they are read: a CSV of a million customers never sits in memory. */
    public static void csv(String fileName, Content<Writer> content) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext context = faces.getExternalContext();
        context.responseReset();
        context.setResponseContentType("text/csv; charset=UTF-8");
        context.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        Writer out = new OutputStreamWriter(context.getResponseOutputStream(), StandardCharsets.UTF_8);
        write(content, out);
        out.flush();
        faces.responseComplete();
    }

    /**
     * Writes the workbook to a temporary file before anything is sent: a failure then shows as a page, not as a
     * broken download, and the length is known.
     */
    public static void excel(String fileName, Content<OutputStream> content) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        Path file = Files.createTempFile("rfm-export-", ".xlsx");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                write(content, out);
            }
            ExternalContext context = faces.getExternalContext();
            context.responseReset();
            context.setResponseContentType(EXCEL);
            context.setResponseContentLength((int) Math.min(Integer.MAX_VALUE, Files.size(file)));
            context.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
            Files.copy(file, context.getResponseOutputStream());
            faces.responseComplete();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** A document made in memory (a report of some hundred kilobytes). */
    public static void pdf(String fileName, byte[] pdf) throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext context = faces.getExternalContext();
        context.responseReset();
        context.setResponseContentType("application/pdf");
        context.setResponseContentLength(pdf.length);
        context.setResponseHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        context.getResponseOutputStream().write(pdf);
        faces.responseComplete();
    }

    private static <T> void write(Content<T> content, T out) throws IOException {
        try {
            content.writeTo(out);
        } catch (SQLException e) {
            throw new IllegalStateException("The list could not be read", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
