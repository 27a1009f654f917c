package dev.rfm.web.report;

import dev.rfm.domain.snapshot.Snapshots;
import dev.rfm.domain.user.Role;
import dev.rfm.reports.pdf.ReportFontsUnavailable;
import dev.rfm.reports.pdf.SegmentReports;
import dev.rfm.reports.pdf.UnknownRunException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The segment report of a run as a PDF, for any signed-in role. Parameters: {@code runId} (default: the current run),
 * {@code locale} ({@code en} or {@code zh-CN}), {@code scheme} ({@code standard}, {@code cn8}, {@code custom}, {@code
 * lifecycle}) and {@code top} (customers listed per segment, 0 leaves personal data out).
 */
@Path("reports/segment-summary.pdf")
@RequestScoped
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME})
public class SegmentReportResource {

    static final String PDF = "application/pdf";

    @Inject
    SegmentReports reports;

    @Inject
    Snapshots snapshots;

    @GET
    @Produces({PDF, "application/json"})
    @Operation(summary = "The segment report of a run (default: the current one) as a PDF, in English or Chinese")
    public Response segmentSummary(
            @QueryParam("runId") Long runId,
            @QueryParam("locale") @DefaultValue("en") String locale,
            @QueryParam("scheme") @DefaultValue("standard") String scheme,
            @QueryParam("top") @DefaultValue("10") int top)
            throws SQLException {
        Locale language = language(locale);
        if (!SegmentReports.SCHEMES.contains(scheme)) {
            throw new BadRequestException(
                    "scheme: unknown scheme '" + scheme + "'; use standard, cn8, custom or lifecycle.");
        }
        if (top < 0 || top > SegmentReports.MAX_TOP_CUSTOMERS) {
            throw new BadRequestException("top: must be 0.." + SegmentReports.MAX_TOP_CUSTOMERS + ", was " + top + ".");
        }
        if (runId != null && runId < 1) throw new BadRequestException("runId: must be a positive run id.");
        long run = runId != null
                ? runId
                : snapshots
                        .currentRunId()
                        .orElseThrow(() -> new NotFoundException(
                                "No scoring run has succeeded yet: start one with POST /api/runs."));
        byte[] pdf;
        try {
            pdf = reports.render(run, scheme, language, top);
        } catch (UnknownRunException e) {
            throw new NotFoundException(e.getMessage());
        } catch (ReportFontsUnavailable e) {
            throw new ServiceUnavailableException(e.getMessage());
        }
        String file = "segment-report-run-" + run + "-" + scheme + "-" + language.toLanguageTag() + ".pdf";
        return Response.ok(pdf, PDF)
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static Locale language(String locale) {
        return switch (locale) {
            case "en" -> Locale.ENGLISH;
            case "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            default -> throw new BadRequestException("locale: unsupported language '" + locale + "'; use en or zh-CN.");
        };
    }
}
