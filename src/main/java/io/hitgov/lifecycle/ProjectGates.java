package io.hitgov.lifecycle;

import io.hitgov.shared.process.TaskFields;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Service;

/**
 * What stage gates ask of the lifecycle (docs/adr/0004-feature-packages.md): the project's own
 * records against a gate (G5 test exit, G6 HIPAA pass, risk profile and readiness), its project
 * manager, the readiness scorecard scored at G6, the latest decision table versions and the
 * project's event log. Plain values only; the lifecycle's rows stay inside the lifecycle.
 */
@Service
public class ProjectGates {

  /** The red criteria of a readiness scoring, hard ones first, each named ("R04 Downtime procedures and kits"). */
  public record RedCriteria(List<String> hard, List<String> soft) {}

  /**
   * What a gate's forms show of the project (docs/conventions.md#readable-forms): its name, the
   * phase it is in, its go-live date, its latest readiness scoring in words (red = a hard criterion
   * not met, amber = a soft one, green = met) and whether a HIPAA gate pass is valid today.
   */
  public record GateBrief(String projectName, String currentPhase, LocalDate goLiveDate, String readinessText,
      boolean hipaaPassValid) {}

  /** Task variable the readiness scorecard form shows: R06 and R07 as computed, with the reasons. */
  public static final String READINESS_EVIDENCE = "readinessEvidence";

  private final ProjectProgress progress;
  private final ProjectReadiness readiness;
  private final ProjectRepository repository;
  private final ReadinessWording wording;

  ProjectGates(ProjectProgress progress, ProjectReadiness readiness, ProjectRepository repository,
      ReadinessWording wording) {
    this.progress = progress;
    this.readiness = readiness;
    this.repository = repository;
    this.wording = wording;
  }

  /** The project's executive sponsor (assignee of the sponsor's own gate decisions). */
  public String sponsor(String projectId) {
    return repository.get(projectId).sponsor();
  }

  /** The project's manager (owner of the conditions raised for soft gaps, assignee of the evidence pack). */
  public String projectManager(String projectId) {
    return repository.get(projectId).projectManager();
  }

  /** What the project's P5 records say against G5. */
  public List<String> testExitProblems(String projectId) {
    return progress.testExitProblems(projectId);
  }

  /** A HIPAA audit gate of the project passed and is still valid today. */
  public boolean hipaaPassValid(String projectId) {
    return readiness.hipaaPassValid(projectId);
  }

  /** What makes the risk profile red (R17). */
  public List<String> riskProfileProblems(String projectId) {
    return readiness.riskProfileProblems(projectId);
  }

  /** The latest deployed version of a decision table (for the record), if deployed. */
  public Integer latestVersion(String decisionKey) {
    return readiness.latestVersion(decisionKey);
  }

  /** Appends to the project's event log. */
  public void recordEvent(String projectId, String actor, String event, String details) {
    progress.recordEvent(projectId, actor, event, details);
  }

  /** Scores the readiness scorecard for the G6 review (no checkpoint actions). */
  public ProjectReadiness.Readiness scoreG6Readiness(String projectId, Map<String, Boolean> scored, String note,
      String user) {
    return readiness.scoreReadiness(projectId, "G6", scored, note, user, false);
  }

  /** R06 and R07 as the interface and conversion records say, as text for the scorecard form. */
  public String readinessEvidence(String projectId) {
    return readiness.readinessEvidence(projectId);
  }

  /** The last readiness scoring of the project, as text. */
  public String lastReadiness(String projectId) {
    return readiness.lastReadiness(projectId);
  }

  /** The project as a gate's forms show it; reads the project and its readiness scorings once each. */
  public Optional<GateBrief> brief(String projectId) {
    return repository.find(projectId).map(project -> new GateBrief(project.projectName(), project.currentPhase(),
        project.goLiveDate(), wording.brief(project.applicableCriteria().size(), repository.checkpoints(projectId)),
        readiness.hipaaPassValid(projectId)));
  }

  /** The red criteria of the project's latest readiness scoring at this checkpoint (e.g. G6), if scored. */
  public Optional<RedCriteria> latestReadiness(String projectId, String checkpoint) {
    return repository.checkpoints(projectId).stream().filter(c -> checkpoint.equals(c.checkpoint()))
        .reduce((x, y) -> y).map(c -> {
          List<String> hard = ReadinessWording.ids(c.redHard());
          List<String> soft = ReadinessWording.ids(c.redSoft());
          if (hard.isEmpty() && soft.isEmpty()) {
            return new RedCriteria(hard, soft);
          }
          ReadinessWording.Names names = wording.latest();
          return new RedCriteria(hard.stream().map(names::of).toList(), soft.stream().map(names::of).toList());
        });
  }

  /** The fields of the readiness scorecard form. */
  public static String[] scorecardFields() {
    List<String> fields = new ArrayList<>(ImplementationLifecycleProcess.Variables.SCORED_CRITERIA);
    fields.add("readinessNote");
    return fields.toArray(String[]::new);
  }

  /** The scorecard as ticked on the form (unticked or missing = red). */
  public static Map<String, Boolean> scorecard(VariableScope scope) {
    Map<String, Boolean> values = new LinkedHashMap<>();
    for (String criterion : ImplementationLifecycleProcess.Variables.SCORED_CRITERIA) {
      values.put(criterion, Boolean.TRUE.equals(TaskFields.bool(scope, criterion)));
    }
    return values;
  }
}
