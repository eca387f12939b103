package io.coerouter.router.usage.web;

import io.coerouter.router.error.ErrorKind;
import io.coerouter.router.error.QueryParameters;
import io.coerouter.router.error.RouterException;
import io.coerouter.router.usage.UsageHistory;
import io.coerouter.router.usage.UsageQuery;
import io.coerouter.router.usage.UsageRow;
import io.coerouter.router.usage.UsageStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/usage}: requests, errors, tokens, cost and latency percentiles per API key, expert, skill or
 * model, per hour, day or for the whole range, from the hourly rollups in PostgreSQL; JSON or CSV. Admin (and viewer)
 * only, like every {@code /admin} route.
 */
@RestController
class UsageAdminController {

    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final Set<String> PARAMS = Set.of("group_by", "bucket", "from", "to", "format");

    private final UsageHistory history;

    UsageAdminController(UsageHistory history) {
        this.history = history;
    }

    @Operation(
            operationId = "getUsage",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "Usage per group and bucket (enabled: false when usage history is off)",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        schema = @Schema(implementation = UsageReport.class)),
                                @Content(mediaType = "text/csv", schema = @Schema(type = "string"))
                            }))
    @GetMapping("/admin/usage")
    ResponseEntity<?> usage(
            HttpServletRequest request,
            @Parameter(description = "key (the default), expert, skill or model")
                    @RequestParam(name = "group_by", required = false)
                    String groupBy,
            @Parameter(description = "hour (the default), day (UTC) or none (the whole range)")
                    @RequestParam(name = "bucket", required = false)
                    String bucket,
            @Parameter(description = "ISO-8601 instant; default: 24 hours before to")
                    @RequestParam(name = "from", required = false)
                    String from,
            @Parameter(description = "ISO-8601 instant; default: now") @RequestParam(name = "to", required = false)
                    String to,
            @Parameter(description = "json (the default) or csv") @RequestParam(name = "format", required = false)
                    String format) {
        QueryParameters.onlyKnown(request.getParameterMap(), PARAMS);
        UsageQuery.GroupBy group =
                QueryParams.choice("group_by", groupBy, UsageQuery.GroupBy.class, UsageQuery.GroupBy.KEY);
        UsageQuery.Bucket buckets =
                QueryParams.choice("bucket", bucket, UsageQuery.Bucket.class, UsageQuery.Bucket.HOUR);
        Instant[] range = QueryParams.range(from, to, history.clock().instant(), Duration.ofHours(24));
        boolean csv = QueryParams.choice("format", format, Format.class, Format.JSON) == Format.CSV;
        UsageQuery query = new UsageQuery(group, buckets, range[0], range[1]);
        if (query.buckets() > UsageStore.MAX_ROWS) {
            throw tooManyRows(); // refused before asking the database
        }
        if (!history.enabled()) {
            return csv
                    ? ResponseEntity.ok().contentType(CSV).body(UsageCsv.HEADER + "\r\n")
                    : ResponseEntity.ok()
                            .contentType(MediaType.APPLICATION_JSON)
                            .body(UsageReport.off());
        }
        List<UsageRow> rows = history.usage(query);
        if (rows.size() > UsageStore.MAX_ROWS) {
            throw tooManyRows();
        }
        List<UsageReport.Entry> entries =
                rows.stream().map(UsageReport.Entry::of).toList();
        if (csv) {
            return ResponseEntity.ok()
                    .contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage.csv\"")
                    .body(UsageCsv.of(entries));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new UsageReport(
                        "usage",
                        true,
                        null,
                        group.wire(),
                        buckets.wire(),
                        range[0].toString(),
                        range[1].toString(),
                        entries));
    }

    private static RouterException tooManyRows() {
        return new RouterException(
                ErrorKind.INVALID_REQUEST,
                "More than " + UsageStore.MAX_ROWS + " rows: narrow from and to, or choose a coarser bucket.",
                "bucket",
                "too_many_rows");
    }

    /** The answer's formats. */
    enum Format {
        JSON,
        CSV
    }
}
