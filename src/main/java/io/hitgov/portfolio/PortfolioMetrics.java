package io.hitgov.portfolio;

import io.hitgov.portfolio.PortfolioWatchProcess.IncidentTypes;
import io.hitgov.risk.RiskPortfolio;
import io.hitgov.shared.GovernanceGroup;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * The portfolio's figures on {@code /actuator/prometheus}: {@code hitgov_projects_stalled{type}}
 * (projects with an open watch incident of the type), {@code hitgov_risks_open{band}},
 * {@code hitgov_tasks_overdue{group}} (open tasks past their due date per candidate group); the
 * counter {@code hitgov_gate_sla_breaches_total} is {@link PortfolioWatch}'s. Read at most every 30
 * seconds, a fixed number of statements whatever the portfolio's size.
 */
@Component
class PortfolioMetrics implements MeterBinder {

  static final List<String> BANDS = List.of("LOW", "MODERATE", "HIGH", "EXTREME");

  private final FindingRepository findings;
  private final TaskService tasks;
  private final RiskPortfolio risks;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Snapshot> cache = new ConcurrentHashMap<>();

  private record Snapshot(Instant at, Map<String, Long> values) {}

  PortfolioMetrics(FindingRepository findings, TaskService tasks, RiskPortfolio risks) {
    this.findings = findings;
    this.tasks = tasks;
    this.risks = risks;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String type : IncidentTypes.ALL) {
      Gauge.builder("hitgov.projects.stalled", () -> read("stalled", this::stalled).getOrDefault(type, 0L))
          .description("Active projects with an open portfolio-watch incident of this type").tag("type", type)
          .register(registry);
    }
    for (String band : BANDS) {
      Gauge.builder("hitgov.risks.open", () -> read("risks", risks::openPerBand).getOrDefault(band, 0L))
          .description("Open risks per band, all projects").tag("band", band).register(registry);
    }
    for (GovernanceGroup group : GovernanceGroup.approverGroups()) {
      Gauge.builder("hitgov.tasks.overdue", () -> read("overdue", this::overdue).getOrDefault(group.id(), 0L))
          .description("Open tasks past their due date, per candidate group").tag("group", group.id())
          .register(registry);
    }
  }

  private Map<String, Long> stalled() {
    Map<String, Set<String>> projects = new HashMap<>();
    for (FindingRepository.OpenFinding finding : findings.open()) {
      projects.computeIfAbsent(finding.incidentType(), t -> new HashSet<>()).add(finding.projectId());
    }
    Map<String, Long> counts = new HashMap<>();
    projects.forEach((type, ids) -> counts.put(type, (long) ids.size()));
    return counts;
  }

  private Map<String, Long> overdue() {
    Map<String, Long> counts = new HashMap<>();
    java.util.Date now = java.util.Date.from(io.hitgov.shared.process.EngineClock.now().toInstant());
    for (GovernanceGroup group : GovernanceGroup.approverGroups()) {
      counts.put(group.id(), tasks.createTaskQuery().taskCandidateGroup(group.id()).includeAssignedTasks()
          .dueBefore(now).count());
    }
    return counts;
  }

  private Map<String, Long> read(String name, Supplier<Map<String, Long>> source) {
    Snapshot snapshot = cache.get(name);
    Instant now = clock.instant();
    if (snapshot != null && snapshot.at().plus(Duration.ofSeconds(30)).isAfter(now)) {
      return snapshot.values();
    }
    try {
      Map<String, Long> values = source.get();
      cache.put(name, new Snapshot(now, values));
      return values;
    } catch (RuntimeException e) {
      // a scrape never fails: the figure keeps its last value (0 before the first read)
      return snapshot == null ? Map.of() : snapshot.values();
    }
  }
}
