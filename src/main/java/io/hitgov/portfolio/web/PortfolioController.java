package io.hitgov.portfolio.web;

import static io.hitgov.shared.web.ApiAccess.requireAnyGroup;

import io.hitgov.portfolio.PortfolioApi;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.web.ApiAccess;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The portfolio's API (docs/contract.md): {@code GET /api/portfolio} (paged), the risk heat map, and
 * {@code POST /api/portfolio/watch} to run the watch now. Readers: every governance group.
 */
@RestController
class PortfolioController {

  static final int MAX_PAGE_SIZE = 200;
  static final int DEFAULT_PAGE_SIZE = 50;
  static final Set<String> WATCH_STARTERS = Set.of(GovernanceGroup.PMO.id(), GovernanceGroup.OPERATORS.id());

  private final PortfolioApi portfolio;

  PortfolioController(PortfolioApi portfolio) {
    this.portfolio = portfolio;
  }

  @GetMapping("/api/portfolio")
  Map<String, Object> portfolio(@RequestParam(required = false) String page, @RequestParam(required = false) String size,
      @RequestParam(required = false) String projectId, @RequestParam(required = false) String stalled,
      Authentication user) {
    requireAnyGroup(user, ApiAccess.GOVERNANCE_READERS, "read the portfolio");
    int pageNumber = number("page", page, 0, 0, 1_000_000);
    int pageSize = number("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    boolean stalledOnly = flag("stalled", stalled);
    String project = projectId(projectId);
    return portfolio.page(project, stalledOnly, pageNumber, pageSize);
  }

  @GetMapping("/api/portfolio/risk-heat-map")
  Map<String, Object> heatMap(@RequestParam(required = false) String projectId, Authentication user) {
    requireAnyGroup(user, ApiAccess.GOVERNANCE_READERS, "read the portfolio");
    return portfolio.heatMap(projectId(projectId));
  }

  /** Runs the watch now: starts PortfolioWatchProcess as the caller (202; the sweep runs as a job). */
  @PostMapping("/api/portfolio/watch")
  ResponseEntity<Map<String, Object>> watch(Authentication user) {
    requireAnyGroup(user, WATCH_STARTERS, "run the portfolio watch");
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(portfolio.startWatch());
  }

  private String projectId(String projectId) {
    if (projectId == null || projectId.isEmpty()) {
      return null;
    }
    if (!projectId.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new InvalidVariablesException("projectId: a project id of at most 64 letters, digits, '.', '_' or '-'");
    }
    if (!portfolio.isActive(projectId)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No active project " + projectId);
    }
    return projectId;
  }

  static int number(String name, String value, int fallback, int min, int max) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidVariablesException(name + ": a whole number from " + min + " to " + max + ", not '"
        + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'");
  }

  static boolean flag(String name, String value) {
    if (value == null || value.isEmpty()) {
      return false;
    }
    if (!value.equals("true") && !value.equals("false")) {
      throw new InvalidVariablesException(name + ": true or false");
    }
    return Boolean.parseBoolean(value);
  }
}
