package dev.rfm.web.ingest;

import dev.rfm.web.api.ApiError;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses an upload to the Import page whose declared length is over the import limit, before the container reads
 * and stores the multipart body (web.xml cannot take the limit from the settings). Browsers declare the length of
 * every form upload; a body without one is checked by {@link ImportBacking} once stored.
 */
@WebFilter(filterName = "ImportUploadLimit", urlPatterns = "/import.xhtml")
public class ImportUploadLimit extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** Room for the multipart framing and the page's form fields around the file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    @Inject
    Importer importer;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getContentType();
        if ("POST".equals(request.getMethod())
                && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                && request.getContentLengthLong() > importer.maxBytes() + MULTIPART_OVERHEAD) {
            response.setStatus(413);
            response.setContentType("application/json;charset=UTF-8");
            response.setHeader("Connection", "close");
            ApiError error =
                    (ApiError) ImportResource.tooLarge(importer.maxBytes()).getEntity();
            response.getWriter()
                    .write("{\"error\":\"" + error.error() + "\",\"message\":\"" + error.message()
                            + "\",\"details\":[{\"limitBytes\":" + importer.maxBytes() + "}]}");
            return;
        }
        chain.doFilter(request, response);
    }
}
