package dev.rfm.web.ingest;

import dev.rfm.domain.incident.ErrorReference;
import dev.rfm.domain.ingest.ImportFailedException;
import dev.rfm.domain.ingest.ImportProgress;
import dev.rfm.domain.ingest.ImportRecord;
import dev.rfm.domain.ingest.ImportResult;
import dev.rfm.domain.user.Role;
import dev.rfm.web.api.ApiError;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /api/imports}: import a CSV of transactions, read the import history and the rejected rows. */
@Path("imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME, Role.VIEWER_NAME}) // reading; changes declare their own
public class ImportResource {

    private static final System.Logger LOG = System.getLogger(ImportResource.class.getName());

    @Inject
    Importer importer;

    @Context
    SecurityContext security;

    @POST
    @Consumes({"text/csv", "application/csv"}) // not a type a cross-site form can send (CSRF); others answer 415
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            summary = "Import transactions from a CSV body",
            description = "UTF-8 CSV with a header row: customer_id, order_id, order_date, amount required; quantity,"
                    + " channel, customer_name, customer_email optional. Same order_id = item lines of one order."
                    + " Orders already stored are skipped as duplicates; bad rows are rejected with line, column and"
                    + " reason while good rows land. 400 when the body is not usable CSV at all; 413 when it is larger"
                    + " than RFM_IMPORT_MAX_BYTES (nothing is kept); 409 when another import held the lock too long.")
    public Response importCsv(
            InputStream body,
            @QueryParam("fileName") @DefaultValue("api-upload.csv") String name,
            @HeaderParam("Content-Length") String contentLength) {
        long limit = importer.maxBytes();
        long declared = declaredLength(contentLength);
        if (declared > limit) {
            return tooLarge(limit); // known too big: not a byte read, nothing written
        }
        // the whole body on disk first: the import lock and a pooled connection are taken only for a complete file
        try (ImportSpool spool = ImportSpool.write(body, declared, importer.spoolDirectory(), limit);
                InputStream file = spool.open()) {
            ImportResult result = importer.importCsv(
                    file, spool.size(), name, security.getUserPrincipal().getName(), ImportProgress.none());
            return Response.ok(result).build(); // the record is the contract's answer, plus counts and warnings
        } catch (ImportSpool.TooLargeException e) {
            return tooLarge(limit);
        } catch (ImportFailedException e) {
            return failure(e);
        } catch (ImportSpool.ReadException e) {
            ErrorReference reference = ErrorReference.log(LOG, "Reading an import body failed", e);
            return ApiError.response(
                    400,
                    "READ_ERROR",
                    "The body could not be read to its end, nothing was imported" + reference.sentence(),
                    List.of());
        } catch (IOException e) {
            ErrorReference reference = ErrorReference.log(LOG, "Spooling an import body failed", e);
            return ApiError.response(
                    500,
                    "INTERNAL_ERROR",
                    "The server could not store the body, nothing was imported" + reference.sentence(),
                    List.of());
        }
    }

    private static long declaredLength(String contentLength) {
        try {
            return contentLength == null ? -1 : Long.parseLong(contentLength.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Response tooLarge(long limit) {
        return ApiError.response(
                413,
                "BODY_TOO_LARGE",
                "The file is larger than the import limit of " + limit + " bytes (RFM_IMPORT_MAX_BYTES): nothing was"
                        + " imported",
                List.of(Map.of("limitBytes", limit)));
    }

    static Response failure(ImportFailedException e) {
        int status = e.code().isInputError() ? 400 : e.code() == ImportFailedException.Code.BUSY ? 409 : 500;
        List<Map<String, Object>> details =
                e.line().isPresent() ? List.of(Map.of("line", e.line().getAsLong())) : List.of();
        return ApiError.response(status, e.code().name(), e.getMessage(), details);
    }

    @GET
    @Operation(summary = "The most recent imports, newest first")
    public List<ImportRecord> recent(@QueryParam("limit") @DefaultValue("20") int limit) throws SQLException {
        return importer.recent(Math.max(1, Math.min(limit, 200)));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One import's record")
    public ImportRecord find(@PathParam("id") long id) throws SQLException {
        return importer.find(id).orElseThrow(() -> new NotFoundException("No import " + id + "."));
    }

    @GET
    @Path("{id}/rejections.csv")
    @Produces("text/csv")
    @Operation(summary = "Every rejected row of an import as CSV: line, column, message")
    public Response rejections(@PathParam("id") long id) throws SQLException {
        importer.find(id).orElseThrow(() -> new NotFoundException("No import " + id + "."));
        StreamingOutput csv = out -> {
            try {
                importer.writeRejectionsCsv(id, out);
            } catch (SQLException e) {
                throw new java.io.IOException(e);
            }
        };
        return Response.ok(csv, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-rejected-rows.csv\"")
                .build();
    }
}
