package io.hitgov.lifecycle;

import io.hitgov.hipaa.HipaaPasses;
import io.hitgov.interop.InteropReadiness;
import io.hitgov.lifecycle.LifecycleRecords.Checkpoint;
import io.hitgov.lifecycle.LifecycleRecords.Deliverable;
import io.hitgov.lifecycle.LifecycleRecords.Phase;
import io.hitgov.lifecycle.LifecycleRecords.Project;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.risk.RiskProfile;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * The project registry behind ImplementationLifecycleProcess: registration, the phase plan derived
 * from the go-live date, phase transitions, deliverables, the go-live readiness trend and re-planning.
 */
@Service
public class ProjectService {

  /** The scorecard's outcome at one checkpoint or at G6. */
  public record Readiness(String outcome, List<String> redHard, List<String> redSoft, String summary,
      List<String> raisedRisks) {}

  /** The next date-bound readiness step: a checkpoint label (T-90...), GO_LIVE or DONE. */
  public record NextCheckpoint(String label, String dueAt) {}

  /**
   * What LifecycleTailoringDecision decided for a project type: the phases skipped (with their
   * gates), clinical-content validation in P5, and the readiness criteria that apply.
   */
  public record Tailoring(String projectType, boolean runP2, boolean runP8, boolean clinicalContentValidation,
      List<String> readinessCriteria) {

    public Set<String> skippedPhases() {
      Set<String> skipped = new java.util.TreeSet<>();
      if (!runP2) {
        skipped.add("P2");
      }
      if (!runP8) {
        skipped.add("P8");
      }
      return skipped;
    }

    /** The lifecycle before tailoring (version 1): every phase but P2 without vendor selection, R01-R20. */
    public static Tailoring untailored(boolean vendorSelectionRequired) {
      return new Tailoring(ImplementationLifecycleProcess.Values.DEFAULT_PROJECT_TYPE, vendorSelectionRequired, true,
          false, ImplementationLifecycleProcess.Values.DEFAULT_READINESS_CRITERIA);
    }
  }

  private final ProjectRepository repository;
  private final HipaaPasses hipaaPasses;
  private final RiskProfile riskProfile;
  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final LifecycleProperties properties;
  private final InteropReadiness interop;

  public ProjectService(ProjectRepository repository, HipaaPasses hipaaPasses, RiskProfile riskProfile,
      DecisionService decisionService, RepositoryService repositoryService,
      RuntimeService runtimeService, IdentityService identityService, LifecycleProperties properties,
      InteropReadiness interop) {
    this.repository = repository;
    this.hipaaPasses = hipaaPasses;
    this.riskProfile = riskProfile;
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.properties = properties;
    this.interop = interop;
  }

  // ---------------------------------------------------------------- registration and plan

  /**
   * Evaluates LifecycleTailoringDecision for a project type (null: EHR_REPLACEMENT). Whatever the
   * PMO's table says, the HIPAA gate and G6 are not part of it and R01-R03 always apply; a table
   * that does not give exactly one row per type, or names an unknown criterion, stops the start.
   */
  public Tailoring tailor(String projectType, boolean vendorSelectionRequired) {
    String type = projectType == null ? ImplementationLifecycleProcess.Values.DEFAULT_PROJECT_TYPE : projectType;
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(ImplementationLifecycleProcess.TAILORING_DECISION)
        .variables(Variables.createVariables().putValue(ImplementationLifecycleProcess.Variables.PROJECT_TYPE, type)
            .putValue(ImplementationLifecycleProcess.Variables.VENDOR_SELECTION_REQUIRED, vendorSelectionRequired))
        .evaluate();
    if (result.size() != 1) {
      throw new IllegalStateException(ImplementationLifecycleProcess.TAILORING_DECISION + " gave " + result.size()
          + " rows for project type " + type + "; exactly one is needed");
    }
    var row = result.get(0);
    List<String> notApplicable = criteria(row.getEntry("readinessNotApplicable"));
    List<String> added = criteria(row.getEntry("readinessAdded"));
    List<String> problems = new ArrayList<>();
    notApplicable.stream().filter(ImplementationLifecycleProcess.Values.UNTAILORABLE_CRITERIA::contains)
        .forEach(c -> problems.add(c + " applies to every project and cannot be tailored away"));
    java.util.stream.Stream.concat(notApplicable.stream(), added.stream())
        .filter(c -> !ImplementationLifecycleProcess.Values.READINESS_CRITERIA.contains(c))
        .forEach(c -> problems.add("unknown readiness criterion " + c));
    if (!problems.isEmpty()) {
      throw new IllegalStateException(ImplementationLifecycleProcess.TAILORING_DECISION + " for " + type + ": " + problems);
    }
    List<String> applicable = ImplementationLifecycleProcess.Values.READINESS_CRITERIA.stream()
        .filter(c -> (ImplementationLifecycleProcess.Values.DEFAULT_READINESS_CRITERIA.contains(c) || added.contains(c))
            && !notApplicable.contains(c))
        .toList();
    return new Tailoring(type, Boolean.TRUE.equals(row.getEntry("runP2")), !Boolean.FALSE.equals(row.getEntry("runP8")),
        Boolean.TRUE.equals(row.getEntry("clinicalContentValidation")), applicable);
  }

  private static List<String> criteria(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
  }

  public Project register(String projectId, String name, String goLiveDate, long budget, String sponsor,
      String projectManager, boolean vendorSelectionRequired, String startedBy, String processInstanceId) {
    return register(projectId, name, goLiveDate, budget, sponsor, projectManager, vendorSelectionRequired,
        Tailoring.untailored(vendorSelectionRequired), startedBy, processInstanceId);
  }

  public Project register(String projectId, String name, String goLiveDate, long budget, String sponsor,
      String projectManager, boolean vendorSelectionRequired, Tailoring tailoring, String startedBy,
      String processInstanceId) {
    List<String> problems = new ArrayList<>();
    repository.find(projectId).ifPresent(existing -> problems.add("projectId '" + projectId
        + "' is already registered (" + existing.status() + ")"));
    LocalDate goLive = parseDate(ImplementationLifecycleProcess.Variables.GO_LIVE_DATE, goLiveDate);
    if (!goLive.isAfter(EngineClock.today())) {
      problems.add("goLiveDate " + goLive + " must be in the future");
    }
    Set<String> skipped = tailoring.skippedPhases();
    PhasePlan phasePlan = phasePlan();
    if (goLive.isAfter(EngineClock.today()) && !phasePlan.feasible(EngineClock.today(), goLive, skipped)) {
      problems.add(tooClose(ImplementationLifecycleProcess.Variables.GO_LIVE_DATE, goLive,
          phasePlan.earliestGoLive(EngineClock.today(), skipped), skipped));
    }
    requireMember(sponsor, GovernanceGroup.EXECUTIVE_SPONSOR.id(), "sponsor", problems);
    requireMember(projectManager, GovernanceGroup.PROJECT_MANAGERS.id(), "projectManager", problems);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    Project project = new Project(projectId, name.strip(), goLive, goLive, null, budget, budget, sponsor, projectManager,
        vendorSelectionRequired, "P0", "G0", "ACTIVE", null, null, startedBy, EngineClock.now(), null,
        processInstanceId, tailoring.projectType(), String.join(",", tailoring.readinessCriteria()));
    repository.insert(project);
    phasePlan.plan(EngineClock.today(), goLive, skipped).forEach((phase, dates) -> repository.insertPhase(new Phase(projectId, phase,
        dates[0], dates[1], null, null, 0, skipped.contains(phase))));
    repository.insertEvent(projectId, EngineClock.now(), startedBy, "STARTED", "go-live " + goLive + ", budget "
        + budget + " USD, sponsor " + sponsor + ", project manager " + projectManager
        + (vendorSelectionRequired ? ", vendor selection required" : ""));
    repository.insertEvent(projectId, EngineClock.now(), startedBy, "TAILORED", tailoring.projectType()
        + (skipped.isEmpty() ? ": every phase" : ": skips " + String.join(", ", skipped) + " and their gates")
        + (tailoring.clinicalContentValidation() ? ", clinical-content validation in P5" : "")
        + "; readiness criteria " + String.join(",", tailoring.readinessCriteria()));
    return project;
  }

  private void requireMember(String user, String group, String field, List<String> problems) {
    if (identityService.createUserQuery().userId(user).memberOfGroup(group).count() == 0) {
      problems.add(field + " '" + user + "' is not a member of " + group);
    }
  }

  /** The phase plan rule (docs/domain/lifecycle-and-gates.md#phase-plan) with the configured lengths. */
  private PhasePlan phasePlan() {
    return new PhasePlan(properties::phaseDays, properties::minimumPhaseDays);
  }

  private String tooClose(String field, LocalDate goLive, LocalDate earliest, Set<String> skipped) {
    List<String> phases = PhasePlan.BEFORE_GO_LIVE.stream().filter(p -> !skipped.contains(p)).toList();
    return field + " " + goLive + " is too close: " + String.join(", ", phases) + " need at least "
        + java.time.temporal.ChronoUnit.DAYS.between(EngineClock.today(), earliest) + " days together"
        + " (hitgov.lifecycle.minimum-phase-days); the earliest feasible go-live date is " + earliest;
  }

  /**
   * When each phase counts as stalled: its planned end plus the tolerance (a share of its planned
   * length), as timer dates ({@code stallDateP0}...).
   */
  public Map<String, String> stallDates(String projectId) {
    Map<String, String> dates = new LinkedHashMap<>();
    for (Phase phase : repository.phases(projectId)) {
      long length = ChronoUnit.DAYS.between(phase.plannedStart(), phase.plannedEnd()) + 1;
      long tolerance = Math.max(1, length * properties.stallTolerancePercent() / 100);
      dates.put(ImplementationLifecycleProcess.Variables.STALL_DATE_PREFIX + phase.phase(),
          BusinessCalendar.startOfDay(phase.plannedEnd().plusDays(tolerance)));
    }
    return dates;
  }

  // ---------------------------------------------------------------- phases, gates, deliverables

  public void phaseEntered(String projectId, String phase) {
    repository.update(projectId, "current_phase", phase);
    repository.phaseEntered(projectId, phase, EngineClock.now());
    repository.insertEvent(projectId, EngineClock.now(), null, "PHASE_ENTERED", phase);
  }

  public void phaseCompleted(String projectId, String phase) {
    repository.phaseCompleted(projectId, phase, EngineClock.now());
  }

  public void gateReached(String projectId, String gateId) {
    repository.update(projectId, "next_gate", gateId);
    repository.insertEvent(projectId, EngineClock.now(), null, "GATE_REVIEW", gateId);
  }

  public void recordDeliverable(String projectId, String phase, String taskKey, String item, String documentId,
      String version, String summary, Boolean accepted, String user) {
    repository.insertDeliverable(new Deliverable(null, projectId, phase, taskKey, item, documentId, version, summary,
        accepted, null, null, user, EngineClock.now()));
  }

  /** The integrated test rounds of P5, with the figures G5 checks. */
  public void recordTestRounds(String projectId, String phase, String taskKey, String departments, String documentId,
      String summary, int passRate, int openCritical, String user) {
    repository.insertDeliverable(new Deliverable(null, projectId, phase, taskKey, departments, documentId, null, summary,
        null, passRate, openCritical, user, EngineClock.now()));
  }

  /**
   * What the project's own P5 records say against G5 (docs/domain/lifecycle-and-gates.md#gates): the last test rounds below
   * the pass rate or with open Critical/High defects, and each department whose last UAT sign-off
   * refused the build.
   */
  public List<String> testExitProblems(String projectId) {
    List<String> problems = new ArrayList<>();
    List<Deliverable> deliverables = repository.deliverables(projectId);
    Deliverable latestRounds = deliverables.stream()
        .filter(d -> ImplementationLifecycleProcess.Elements.RUN_INTEGRATED_TESTING.equals(d.taskKey()))
        .reduce((a, b) -> b).orElse(null);
    java.util.Optional.ofNullable(latestRounds).ifPresent(rounds -> {
          if (rounds.passRate() != null && rounds.passRate() < properties.testPassRatePercent()
              || rounds.openCritical() != null && rounds.openCritical() > 0) {
            problems.add("G5-1 red in the recorded test rounds: pass rate " + rounds.passRate() + "% (at least "
                + properties.testPassRatePercent() + "% needed), " + rounds.openCritical() + " open Critical/High");
          }
        });
    // the sign-offs given after the latest test rounds count (a recycled P5 re-plans them); per department the last wins
    long since = latestRounds == null ? 0 : latestRounds.id();
    Map<String, Boolean> uat = new LinkedHashMap<>();
    deliverables.stream().filter(d -> ImplementationLifecycleProcess.Elements.SIGN_OFF_UAT.equals(d.taskKey()))
        .filter(d -> d.id() > since)
        .forEach(d -> uat.put(d.item(), Boolean.TRUE.equals(d.accepted())));
    uat.forEach((department, accepted) -> {
      if (!accepted) {
        problems.add("G5-5 red: UAT not accepted by " + department);
      }
    });
    // interfaces and data conversion from their own records (io.hitgov.interop)
    interop.interfaceProblems(projectId).forEach(p -> problems.add("G5-3 red: " + p));
    interop.conversionProblems(projectId).forEach(p -> problems.add("G5-4 red: " + p));
    return problems;
  }

  public void recordEvent(String projectId, String actor, String event, String details) {
    repository.insertEvent(projectId, EngineClock.now(), actor, event, details);
  }

  public void confirmGoLive(String projectId, String actualDate, String note, String user) {
    LocalDate date = parseDate("actualGoLiveDate", actualDate);
    if (date.isAfter(EngineClock.today())) {
      throw new InvalidVariablesException("actualGoLiveDate " + date + " is in the future");
    }
    repository.update(projectId, "actual_go_live_date", date);
    recordDeliverable(projectId, "P7", ImplementationLifecycleProcess.Elements.CONFIRM_GO_LIVE, null, null, null,
        note, true, user);
    repository.insertEvent(projectId, EngineClock.now(), user, "WENT_LIVE", date.toString());
  }

  public void close(String projectId) {
    repository.end(projectId, "CLOSED", EngineClock.now());
    repository.update(projectId, "next_gate", null);
    repository.insertEvent(projectId, EngineClock.now(), null, "CLOSED", "G8 passed");
  }

  public void terminate(String projectId, String comment) {
    repository.end(projectId, "TERMINATED", EngineClock.now());
    repository.insertEvent(projectId, EngineClock.now(), null, "TERMINATED", comment);
  }

  /** The planned last day of a project's phase, when the project and phase are registered. */
  public java.util.Optional<LocalDate> plannedEnd(String projectId, String phase) {
    return repository.phases(projectId).stream().filter(p -> p.phase().equals(phase)).map(Phase::plannedEnd)
        .findFirst();
  }

  public Project project(String projectId) {
    return repository.get(projectId);
  }

  // ---------------------------------------------------------------- HIPAA and risk profile (G6)

  /** A HIPAA audit gate of the project passed and is still valid today. */
  public boolean hipaaPassValid(String projectId) {
    return hipaaPasses.validPassOn(projectId, EngineClock.today());
  }

  /** What makes the risk profile red (R17): open EXTREME risks, unmitigated patient-safety risks of HIGH or above. */
  public List<String> riskProfileProblems(String projectId) {
    return riskProfile.redFlags(projectId);
  }

  // ---------------------------------------------------------------- interfaces and conversion (R06, R07)

  /**
   * R06 and R07 as the records say, with the reasons they are red: R06 from the interface inventory
   * (every go-live-critical interface has a passed, signed, current test round), R07 from the
   * conversion domains (latest trial load reconciled, golden-patient sample signed). A criterion
   * is derived only when the project keeps such records; without them the PMO's tick counts.
   */
  public Map<String, List<String>> derivedReadiness(String projectId) {
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
    return io.hitgov.shared.process.TaskFields.clipped(String.join("\n\n", lines), 3000);
  }

  // ---------------------------------------------------------------- readiness

  /**
   * The next readiness checkpoint still ahead, else the go-live date itself (daily after it, while
   * the project has not gone live), else DONE once it went live or ended.
   */
  public NextCheckpoint nextCheckpoint(String projectId) {
    Project project = repository.get(projectId);
    LocalDate today = EngineClock.today();
    boolean wentLive = project.actualGoLiveDate() != null || !project.active();
    if (wentLive) {
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
      if (applicable.contains(key.toUpperCase(java.util.Locale.ROOT))) {
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
    repository.insertCheckpoint(new Checkpoint(null, projectId, checkpoint, days, user, EngineClock.now(), outcome,
        String.join(",", redHard), String.join(",", redSoft), scoring.text(), latestVersion(
            ImplementationLifecycleProcess.READINESS_DECISION), raised.isEmpty() ? null : String.join(",", raised),
        note));
    repository.update(projectId, "readiness_outcome", outcome);
    repository.update(projectId, "readiness_proposal", proposal);
    String summary = checkpoint + " (" + days + " days before go-live): " + outcome
        + (redHard.isEmpty() ? "" : "; hard red " + redHard) + (redSoft.isEmpty() ? "" : "; soft red " + redSoft)
        + ("NO_GO".equals(proposal) ? "; NO_GO proposed for G6" : "")
        + derivedReasons(derived, applicable);
    return new Readiness(outcome, redHard, redSoft, summary, raised);
  }

  private static String derivedReasons(Map<String, List<String>> derived, List<String> applicable) {
    StringBuilder reasons = new StringBuilder();
    derived.forEach((key, problems) -> {
      String id = key.toUpperCase(java.util.Locale.ROOT);
      if (applicable.contains(id) && !problems.isEmpty()) {
        reasons.append("; ").append(id).append(" computed red: ").append(String.join("; ", problems));
      }
    });
    return io.hitgov.shared.process.TaskFields.clipped(reasons.toString(), 600);
  }

  /** The last readiness scoring of the project, with a NO_GO proposed by a late checkpoint. */
  public String lastReadiness(String projectId) {
    List<Checkpoint> trend = repository.checkpoints(projectId);
    if (trend.isEmpty()) {
      return "not scored yet";
    }
    Checkpoint last = trend.get(trend.size() - 1);
    Project project = repository.get(projectId);
    return last.checkpoint() + " (" + last.daysToGoLive() + " days before go-live): " + last.outcome()
        + (last.redHard() == null || last.redHard().isEmpty() ? "" : "; hard red [" + last.redHard() + "]")
        + (last.redSoft() == null || last.redSoft().isEmpty() ? "" : "; soft red [" + last.redSoft() + "]")
        + ("NO_GO".equals(project.readinessProposal()) ? "; NO_GO proposed for G6" : "");
  }

  private Set<String> alreadyRaised(String projectId) {
    Set<String> criteria = new java.util.HashSet<>();
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

  public Integer latestVersion(String decisionKey) {
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
        .latestVersion().singleResult();
    return definition == null ? null : definition.getVersion();
  }

  // ---------------------------------------------------------------- go-live date changes

  /** Moves the go-live date: the project, its planned phase dates and an audit entry. */
  public Project replan(String projectId, String newDate, String reason, String actor) {
    Project project = repository.get(projectId);
    LocalDate date = parseDate(ImplementationLifecycleProcess.Variables.NEW_GO_LIVE_DATE, newDate);
    if (!project.active()) {
      throw new InvalidVariablesException("Project " + projectId + " is " + project.status());
    }
    if (project.actualGoLiveDate() != null) {
      throw new InvalidVariablesException("Project " + projectId + " went live on " + project.actualGoLiveDate());
    }
    if (!date.isAfter(EngineClock.today())) {
      throw new InvalidVariablesException("newGoLiveDate " + date + " must be in the future");
    }
    repository.update(projectId, "go_live_date", date);
    hipaaPasses.goLiveMoved(projectId, date);
    Set<String> skipped = new java.util.HashSet<>();
    repository.phases(projectId).stream().filter(Phase::skipped).forEach(p -> skipped.add(p.phase()));
    // re-planned from the project's own start; a move closer than the minimum lengths allow (the
    // phases behind the project keep their days) compresses the remaining ones down to a day each
    LocalDate start = repository.phases(projectId).stream().filter(p -> "P0".equals(p.phase()))
        .map(Phase::plannedStart).findFirst().orElse(EngineClock.today());
    PhasePlan phasePlan = phasePlan().feasible(start, date, skipped) ? phasePlan()
        : new PhasePlan(properties::phaseDays, phase -> 1);
    if (!phasePlan.feasible(start, date, skipped)) {
      start = date.minusDays(PhasePlan.BEFORE_GO_LIVE.stream().filter(p -> !skipped.contains(p)).count());
    }
    phasePlan.plan(start, date, skipped).forEach((phase, dates) ->
        repository.replanPhase(projectId, phase, dates[0], dates[1]));
    repository.insertEvent(projectId, EngineClock.now(), actor, "GO_LIVE_MOVED", project.goLiveDate() + " -> " + date
        + (reason == null ? "" : ": " + reason));
    return repository.get(projectId);
  }

  static LocalDate parseDate(String field, String value) {
    return IsoDates.parseRequired(field, value);
  }
}
