package io.hitgov.portfolio;

import io.hitgov.hipaa.HipaaPassPortfolio;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.lifecycle.ProjectPortfolio;
import io.hitgov.lifecycle.ProjectPortfolio.ActiveProject;
import io.hitgov.portfolio.PortfolioWatchProcess.IncidentTypes;
import io.hitgov.risk.RiskPortfolio;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.stagegate.PendingGateDecisions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The sweep of {@code PortfolioWatchProcess} (docs/processes/portfolio-watch.md): every active
 * project against {@code StalledProjectDecision}, each finding a custom incident on the project's
 * lifecycle instance, raised once and resolved when its cause clears.
 *
 * <p>Set-based: a fixed handful of statements reads the whole portfolio (projects with their current
 * phase, readiness and last activity; pending gate decisions; open EXTREME risks; valid HIPAA passes;
 * the decision; the open incidents), whatever its size; only raising and resolving incidents costs
 * statements per change. One sweep at a time in the whole cluster: the sweep locks the row of
 * {@code portfolio_watch_lock} in its transaction, so an overlapping run (scheduled and on-demand, or
 * another node) waits and then sees the incidents the first one raised.
 */
@Service
public class PortfolioWatch {

  private static final Logger LOG = LoggerFactory.getLogger(PortfolioWatch.class);

  /** What one sweep did. */
  public record Sweep(int projects, int raised, int resolved, int open) {}

  private final JdbcClient jdbc;
  private final ProjectPortfolio projects;
  private final PendingGateDecisions gates;
  private final RiskPortfolio risks;
  private final HipaaPassPortfolio hipaa;
  private final StalledProjectRules rules;
  private final RuntimeService runtime;
  private final Counter gateSlaBreaches;
  private final FindingRepository records;

  PortfolioWatch(JdbcClient jdbc, ProjectPortfolio projects, PendingGateDecisions gates, RiskPortfolio risks,
      HipaaPassPortfolio hipaa, StalledProjectRules rules, RuntimeService runtime, MeterRegistry registry,
      FindingRepository records) {
    this.records = records;
    this.jdbc = jdbc;
    this.projects = projects;
    this.gates = gates;
    this.risks = risks;
    this.hipaa = hipaa;
    this.rules = rules;
    this.runtime = runtime;
    this.gateSlaBreaches = Counter.builder("hitgov.gate.sla.breaches")
        .description("Gate decisions found pending beyond their SLA (overdueGate incidents raised)").register(registry);
  }

  /** Sweeps the portfolio; must run inside a transaction (the watch's service task, a job). */
  public Sweep sweep(String runBy) {
    jdbc.sql("select id from portfolio_watch_lock where id = 1 for update").query(Integer.class).single();
    LocalDate today = EngineClock.today();
    List<ActiveProject> active = projects.activeProjects();
    var pending = gates.pending();
    var extremes = risks.oldestOpenExtreme();
    Set<String> passes = hipaa.projectsWithValidPass(today);
    DmnDecision decision = rules.latest();

    Map<String, Finding> findings = new HashMap<>();
    for (ActiveProject project : active) {
      ProjectFacts facts = new ProjectFacts(project, today, pending.get(project.projectId()),
          extremes.get(project.projectId()), passes.contains(project.projectId()));
      for (Finding finding : rules.evaluate(decision, facts)) {
        if (!StalledProjectRules.knownType(finding.type())) {
          LOG.warn("{} yields unknown incident type '{}' for {}: ignored; known: {}", PortfolioWatchProcess.DECISION,
              finding.type(), project.projectId(), IncidentTypes.ALL);
          continue;
        }
        findings.put(key(finding.processInstanceId(), finding.type(), finding.configuration()), finding);
      }
    }

    Map<String, Incident> open = new HashMap<>();
    for (Incident incident : runtime.createIncidentQuery().processDefinitionKeyIn(ImplementationLifecycleProcess.KEY).list()) {
      if (IncidentTypes.ALL.contains(incident.getIncidentType())) {
        String key = key(incident.getProcessInstanceId(), incident.getIncidentType(), incident.getConfiguration());
        if (open.putIfAbsent(key, incident) != null) {
          runtime.resolveIncident(incident.getId()); // a duplicate from before the lock: keep one
          records.resolved(incident.getId(), EngineClock.now());
        }
      }
    }

    Set<String> live = new java.util.HashSet<>();
    int resolved = 0;
    for (Map.Entry<String, Incident> entry : open.entrySet()) {
      if (findings.containsKey(entry.getKey())) {
        live.add(entry.getValue().getId());
      }
      if (!findings.containsKey(entry.getKey())) {
        runtime.resolveIncident(entry.getValue().getId());
        records.resolved(entry.getValue().getId(), EngineClock.now());
        resolved++;
      }
    }
    List<Finding> fresh = findings.entrySet().stream().filter(e -> !open.containsKey(e.getKey()))
        .map(Map.Entry::getValue).toList();
    int raised = 0;
    List<String> orphans = new ArrayList<>();
    for (Finding finding : fresh) {
      String execution = executionAt(finding.processInstanceId());
      if (execution == null) {
        orphans.add(finding.projectId());
        continue;
      }
      Incident incident = runtime.createIncident(finding.type(), execution, finding.configuration(), finding.message());
      records.raised(incident.getId(), finding, EngineClock.now());
      live.add(incident.getId());
      if (IncidentTypes.OVERDUE_GATE.equals(finding.type())) {
        gateSlaBreaches.increment();
      }
      raised++;
    }
    if (!orphans.isEmpty()) {
      LOG.warn("Portfolio watch: no running lifecycle instance for stalled project(s) {}", orphans);
    }
    // findings whose incident went with its instance (a project closed or terminated) are over too
    for (FindingRepository.OpenFinding record : records.open()) {
      if (!live.contains(record.incidentId())) {
        records.resolved(record.incidentId(), EngineClock.now());
      }
    }
    Sweep sweep = new Sweep(active.size(), raised, resolved, open.size() - resolved + raised);
    jdbc.sql("""
        update portfolio_watch_lock set last_run_at = ?, last_run_by = ?, last_projects = ?, last_raised = ?,
          last_resolved = ? where id = 1""")
        .params(EngineClock.now(), runBy, sweep.projects(), sweep.raised(), sweep.resolved()).update();
    LOG.info("Portfolio watch: {} active projects, {} incidents raised, {} resolved, {} open", sweep.projects(),
        sweep.raised(), sweep.resolved(), sweep.open());
    return sweep;
  }

  /**
   * The lifecycle's execution at its current step (the phase or gate it is calling, a waiting task):
   * Camunda keeps an incident on an execution in an activity, and the process instance's own
   * execution is in none while it waits in parallel branches. Null when the instance has ended.
   */
  private String executionAt(String processInstanceId) {
    ActivityInstance tree = runtime.getActivityInstance(processInstanceId);
    return tree == null ? null : leafExecution(tree);
  }

  /** The execution of the first activity that waits itself (a scope's own execution may be in none). */
  private static String leafExecution(ActivityInstance instance) {
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      String found = leafExecution(child);
      if (found != null) {
        return found;
      }
    }
    for (TransitionInstance transition : instance.getChildTransitionInstances()) {
      return transition.getExecutionId();
    }
    boolean leaf = instance.getChildActivityInstances().length == 0 && instance.getParentActivityInstanceId() != null;
    return leaf && instance.getExecutionIds().length > 0 ? instance.getExecutionIds()[0] : null;
  }

  private static String key(String processInstanceId, String type, String configuration) {
    return processInstanceId + "|" + type + "|" + configuration;
  }
}
