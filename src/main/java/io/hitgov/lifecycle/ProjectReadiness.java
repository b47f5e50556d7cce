package io.hitgov.lifecycle;

import io.hitgov.hipaa.HipaaPasses;
import io.hitgov.interop.InteropReadiness;
import io.hitgov.lifecycle.LifecycleRecords.Checkpoint;
import io.hitgov.lifecycle.LifecycleRecords.Project;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.risk.RiskProfile;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.TaskFields;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Go-live readiness (docs/domain/readiness.md): the checkpoints before go-live, the scorecard scored
 * with GoLiveReadinessDecision (R01 from the HIPAA pass, R17 from the risk profile, R06 and R07 from
 * the interface and conversion records), the trend, and the risks and NO_GO proposal a late red
 * criterion brings ({@link ReadinessPolicy}).
 */
@Service
public class ProjectReadiness {

  /** The scorecard's outcome at one checkpoint or at G6. */
  public record Readiness(String outcome, List<String> redHard, List<String> redSoft, String summary,
      List<String> raisedRisks) {}

  /** The next date-bound readiness step: a checkpoint label (T-90...), GO_LIVE or DONE. */
  public record NextCheckpoint(String label, String dueAt) {}

  private final ProjectRepository repository;
  private final HipaaPasses hipaaPasses;
  private final RiskProfile riskProfile;
  private final InteropReadiness interop;
  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final LifecycleProperties properties;
  private final ReadinessWording wording;

  ProjectReadiness(ProjectRepository repository, HipaaPasses hipaaPasses, RiskProfile riskProfile,
      InteropReadiness interop, DecisionService decisionService, RepositoryService repositoryService,
      RuntimeService runtimeService, LifecycleProperties properties, ReadinessWording wording) {
    this.repository = repository;
    this.hipaaPasses = hipaaPasses;
    this.riskProfile = riskProfile;
    this.interop = interop;
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.properties = properties;
    this.wording = wording;
  }

  /** A HIPAA audit gate of the project passed and is still valid today. */
  public boolean hipaaPassValid(String projectId) {
    return hipaaPasses.validPassOn(projectId, EngineClock.today());
  }

  /** What makes the risk profile red (R17): open EXTREME risks, unmitigated patient-safety risks of HIGH or above. */
  public List<String> riskProfileProblems(String projectId) {
    return riskProfile.redFlags(projectId);
  }

  /**
   * R06 and R07 as the records say, with the reasons they are red: R06 from the interface inventory
   * (every go-live-critical interface has a passed, signed, current test round), R07 from the
   * conversion domains (latest trial load reconciled, golden-patient sample signed). A criterion
   * is derived only when the project keeps such records; without them the PMO's tick counts.
   */
  Map<String, List<String>> derivedReadiness(String projectId) {
    Map<String, List<String>> derived = new LinkedHashMap<>();
    if (interop.hasInterfaces(projectId)) {
      derived.put("r06", interop.interfaceProblems(projectId));
    }
    if (interop.hasConversionDomains(projectId)) {
      derived.put("r07", interop.conversionProblems(projectId));
    }
    return derived;
  }

  /** The derived criteria as text for the scorecard form. */
  public String readinessEvidence(String projectId) {
    Map<String, List<String>> derived = derivedReadiness(projectId);
    List<String> lines = new ArrayList<>();
    lines.add(derived.containsKey("r06") ? "R06 computed from the interface inventory: "
        + (derived.get("r06").isEmpty() ? "green" : "red: " + String.join("; ", derived.get("r06")))
        : "R06: no interface inventory recorded, your tick counts");
    lines.add(derived.containsKey("r07") ? "R07 computed from the conversion records: "
        + (derived.get("r07").isEmpty() ? "green" : "red: " + String.join("; ", derived.get("r07")))
        : "R07: no conversion domains recorded, your tick counts");
    return TaskFields.clipped(String.join("\n\n", lines), 3000);
  }

  /**
   * The next readiness checkpoint still ahead, else the go-live date itself (daily after it, while
   * the project has not gone live), else DONE once it went live or ended.
   */
  public NextCheckpoint nextCheckpoint(String projectId) {
    Project project = repository.get(projectId);
    LocalDate today = EngineClock.today();
    if (project.actualGoLiveDate() != null || !project.active()) {
      return new NextCheckpoint(ImplementationLifecycleProcess.Values.DONE, null);
    }
    if (!today.isBefore(project.goLiveDate())) {
      // late: the date passed without a go-live; look again daily until it is re-planned or happens
      return new NextCheckpoint(ImplementationLifecycleProcess.Values.GO_LIVE,
          BusinessCalendar.startOfDay(today.plusDays(1)));
    }
    for (int days : properties.checkpoints()) {
      LocalDate date = project.goLiveDate().minusDays(days);
      if (date.isAfter(today)) {
        return new NextCheckpoint("T-" + days, BusinessCalendar.startOfDay(date));
      }
    }
    return new NextCheckpoint(ImplementationLifecycleProcess.Values.GO_LIVE,
        BusinessCalendar.startOfDay(project.goLiveDate()));
  }

  /**
   * Scores the readiness scorecard with GoLiveReadinessDecision. R01 (HIPAA gate) and R17 (risk
   * profile) are derived; the others come from the PMO's form (missing = red). At a checkpoint
   * from T-30 on, each red hard criterion raises one HIGH risk (once per criterion); from T-7 on a
   * red hard criterion proposes NO_GO for G6.
   */
  public Readiness scoreReadiness(String projectId, String checkpoint, Map<String, Boolean> scored, String note,
      String user, boolean checkpointActions) {
    Project project = repository.get(projectId);
    List<String> applicable = project.applicableCriteria();
    ReadinessPolicy.Inputs scoring = ReadinessPolicy.inputs(ImplementationLifecycleProcess.Values.READINESS_CRITERIA,
        applicable, scored);
    scoring.values().put("r01", hipaaPassValid(projectId));
    scoring.values().put("r17", riskProfileProblems(projectId).isEmpty());
    Map<String, List<String>> derived = derivedReadiness(projectId);
    derived.forEach((key, problems) -> {
      if (applicable.contains(key.toUpperCase(Locale.ROOT))) {
        scoring.values().put(key, problems.isEmpty());
      }
    });
    VariableMap inputs = Variables.fromMap(new LinkedHashMap<>(scoring.values()));
    DmnDecisionResult result = decisionService
        .evaluateDecisionByKey(ImplementationLifecycleProcess.READINESS_DECISION).variables(inputs).evaluate();
    String outcome = result.get(0).getEntry("readinessOutcome");
    List<String> redHard = new ArrayList<>();
    List<String> redSoft = new ArrayList<>();
    Map<String, String> texts = new LinkedHashMap<>();
    result.forEach(row -> {
      String id = (String) row.get("criterionId");
      if (id != null) {
        ("HARD".equals(row.get("criterionType")) ? redHard : redSoft).add(id);
        texts.put(id, (String) row.get("criterion"));
      }
    });
    int days = (int) ChronoUnit.DAYS.between(EngineClock.today(), project.goLiveDate());
    List<String> raised = new ArrayList<>();
    String proposal = project.readinessProposal();
    if (checkpointActions) {
      ReadinessPolicy.Actions actions = ReadinessPolicy.checkpoint(days, properties.readinessRiskDays(),
          properties.readinessNoGoDays(), redHard, alreadyRaised(projectId), proposal);
      for (String criterion : actions.raiseRisksFor()) {
        raised.add(criterion + "=" + raiseReadinessRisk(project, criterion, texts.get(criterion), checkpoint));
      }
      proposal = actions.proposal();
    }
    // the one query for the latest version both records it and names the red criteria
    ReadinessWording.Names names = wording.latest();
    repository.insertCheckpoint(new Checkpoint(null, projectId, checkpoint, days, user, EngineClock.now(), outcome,
        String.join(",", redHard), String.join(",", redSoft), scoring.text(), names.version(),
        raised.isEmpty() ? null : String.join(",", raised), note));
    repository.update(projectId, "readiness_outcome", outcome);
    repository.update(projectId, "readiness_proposal", proposal);
    String summary = wording.scoring(checkpoint, days, outcome, redHard, redSoft, "NO_GO".equals(proposal),
        derivedReasons(derived, applicable), names);
    return new Readiness(outcome, redHard, redSoft, summary, raised);
  }

  private static String derivedReasons(Map<String, List<String>> derived, List<String> applicable) {
    StringBuilder reasons = new StringBuilder();
    derived.forEach((key, problems) -> {
      String id = key.toUpperCase(Locale.ROOT);
      if (applicable.contains(id) && !problems.isEmpty()) {
        reasons.append("; ").append(id).append(" computed red: ").append(String.join("; ", problems));
      }
    });
    return TaskFields.clipped(reasons.toString(), 600);
  }

  /** The last readiness scoring of the project in words, with a no-go proposed by a late checkpoint. */
  public String lastReadiness(String projectId) {
    List<Checkpoint> trend = repository.checkpoints(projectId);
    return wording.last(trend, !trend.isEmpty() && "NO_GO".equals(repository.get(projectId).readinessProposal()));
  }

  private Set<String> alreadyRaised(String projectId) {
    Set<String> criteria = new HashSet<>();
    for (Checkpoint c : repository.checkpoints(projectId)) {
      if (c.raisedRisks() != null) {
        for (String pair : c.raisedRisks().split(",")) {
          criteria.add(pair.substring(0, pair.indexOf('=')));
        }
      }
    }
    return criteria;
  }

  /** Raises a HIGH risk (likelihood 4 x impact 3) through RiskEscalationProcess, owned by the project manager. */
  private String raiseReadinessRisk(Project project, String criterion, String text, String checkpoint) {
    String category = Set.of("R01", "R02", "R03").contains(criterion) ? "REGULATORY" : "SCHEDULE";
    String title = "Go-live readiness " + criterion + " red at " + checkpoint + ": " + text;
    VariableMap variables = Variables.createVariables()
        .putValue(RiskEscalationProcess.Variables.PROJECT_ID, project.projectId())
        .putValue(RiskEscalationProcess.Variables.TITLE, title.length() > 300 ? title.substring(0, 300) : title)
        .putValue(RiskEscalationProcess.Variables.CATEGORY, category)
        .putValue(RiskEscalationProcess.Variables.LIKELIHOOD, 4)
        .putValue(RiskEscalationProcess.Variables.IMPACT, 3)
        .putValue(RiskEscalationProcess.Variables.OWNER, project.projectManager());
    return runtimeService.startProcessInstanceByKey(RiskEscalationProcess.KEY, variables).getBusinessKey();
  }

  /** The latest deployed version of a decision table (for the record), if deployed. */
  public Integer latestVersion(String decisionKey) {
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
        .latestVersion().singleResult();
    return definition == null ? null : definition.getVersion();
  }
}
