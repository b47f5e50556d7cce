package io.hitgov.stakeholder;

import static io.hitgov.shared.web.ApiAccess.GOVERNANCE_READERS;
import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.shared.process.InvalidVariablesException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/projects/{projectId}/status-report}: the project's status report as HTML (default),
 * CSV or PDF, chosen by {@code ?format=html|csv|pdf} or else by the {@code Accept} header.
 */
@RestController
class StatusReportController {

  static final List<String> FORMATS = List.of("html", "csv", "pdf");
  static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
  static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

  private final StatusReportService reports;
  private final StatusReportRenderer renderer;

  StatusReportController(StatusReportService reports, StatusReportRenderer renderer) {
    this.reports = reports;
    this.renderer = renderer;
  }

  @GetMapping("/api/projects/{projectId}/status-report")
  ResponseEntity<?> report(@PathVariable String projectId, @RequestParam(required = false) String format,
      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept, Authentication user) {
    requireAnyGroup(user, GOVERNANCE_READERS, "read a status report");
    String chosen = format(format, accept);
    StatusReport report = reports.build(projectId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No project " + projectId));
    String file = "status-report-" + projectId.replaceAll("[^A-Za-z0-9-]", "_") + "-" + report.reportDate();
    return switch (chosen) {
      case "csv" -> ResponseEntity.ok().contentType(CSV)
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"").body(report.csv());
      case "pdf" -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".pdf\"").body(renderer.pdf(report));
      default -> ResponseEntity.ok().contentType(HTML).body(renderer.html(report, Map.of()).body());
    };
  }

  static String format(String format, String accept) {
    if (format != null) {
      String f = format.toLowerCase(Locale.ROOT);
      if (!FORMATS.contains(f)) {
        throw new InvalidVariablesException("format must be one of " + FORMATS + ", not '" + format + "'");
      }
      return f;
    }
    if (accept != null) {
      List<MediaType> types;
      try {
        types = MediaType.parseMediaTypes(accept);
      } catch (org.springframework.http.InvalidMediaTypeException e) {
        throw new InvalidVariablesException("Accept header is not a list of media types: " + e.getMessage());
      }
      for (MediaType type : types) {
        if (type.isCompatibleWith(MediaType.APPLICATION_PDF) && !type.isWildcardType()) {
          return "pdf";
        }
        if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
          return "csv";
        }
        if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType()) {
          return "html";
        }
      }
      if (types.stream().noneMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML))) {
        throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "The status report is text/html, text/csv or "
            + "application/pdf (or ?format=html|csv|pdf), not " + accept);
      }
    }
    return "html";
  }
}
