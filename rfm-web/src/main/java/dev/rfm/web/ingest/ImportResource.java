package dev.rfm.web.ingest;

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

    @Inject
    Importer importer;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Role.ADMIN_NAME, Role.ANALYST_NAME})
    @Operation(
            summary = "Import transactions from a CSV body",
            description = "UTF-8 CSV with a header row: customer_id, order_id, order_date, amount required; quantity,"
                    + " channel, customer_name, customer_email optional. Same order_id = item lines of one order."
                    + " Orders already stored are skipped as duplicates; bad rows are rejected with line, column and"
                    + " reason while good rows land. 400 when the body is not usable CSV at all.")
    public Response importCsv(InputStream body, @QueryParam("fileName") @DefaultValue("api-upload.csv") String name) {
        try {
            ImportResult result =
                    importer.importCsv(body, name, security.getUserPrincipal().getName(), ImportProgress.none());
            return Response.ok(result).build(); // the record is the contract's answer, plus counts and warnings
        } catch (ImportFailedException e) {
            return failure(e);
        }
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
