package io.hitgov.change;

import io.hitgov.change.ChangeRecords.Raised;
import io.hitgov.lifecycle.ProjectBaselines;
import io.hitgov.lifecycle.ProjectBaselines.Baseline;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Change intake (ChangeRequestProcess's start): a change raised on an active project, checked
 * against the type rules ({@link ChangeAnswers}) and the freeze window around go-live
 * ({@link FreezePolicy}), registered with its CR-… id; a STANDARD change is pre-authorized.
 */
@Service
public class ChangeIntake {

  /** A registered change with what the process keeps of its project: budget and the cost's share of it. */
  record Registered(Raised change, long budget, double budgetShare) {}

  private final ChangeRepository repository;
  private final ChangeLog log;
  private final ProjectBaselines projects;
  private final IdCounter idCounter;
  private final ChangeProperties properties;

  ChangeIntake(ChangeRepository repository, ChangeLog log, ProjectBaselines projects, IdCounter idCounter,
      ChangeProperties properties) {
    this.repository = repository;
    this.log = log;
    this.projects = projects;
    this.idCounter = idCounter;
    this.properties = properties;
  }

  Registered register(Map<String, Object> v, String requester, String processInstanceId) {
    String projectId = (String) v.get("projectId");
    Baseline project = projects.find(projectId).filter(Baseline::active).orElseThrow(() ->
        new InvalidVariablesException("projectId '" + projectId + "' is not an active project"));
    String type = (String) v.get("changeType");
    ChangeAnswers.RaiseCheck check = ChangeAnswers.raise(v, project.goLiveDate(), EngineClock.today(),
        properties.templates());
    FreezePolicy freeze = properties.freezePolicy();
    boolean inFreeze = freeze.window(project.goLiveDate()).contains(EngineClock.today());
    List<String> problems = new java.util.ArrayList<>(check.problems());
    freeze.refusesRaising(projectId, project.goLiveDate(), type, EngineClock.today()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    Raised cr = raised(v, "CR-" + projectId + "-" + idCounter.nextAtOnce("CR/" + projectId), check.newGoLive(), requester,
        inFreeze, processInstanceId);
    repository.insert(cr);
    log.event(cr.changeRequestId(), requester, "RAISED", type + ", cost " + cr.costImpact() + " USD, schedule "
        + cr.scheduleImpactDays() + " business days" + (cr.movesGoLive() ? ", go-live to " + cr.newGoLiveDate() : "")
        + (inFreeze ? ", in the freeze window" : ""));
    if ("STANDARD".equals(type)) {
      log.event(cr.changeRequestId(), null, "PRE_AUTHORIZED", "standard change template "
          + cr.standardTemplateId() + " (rule C1)");
    }
    return new Registered(cr, project.budget(), budgetShare(cr.costImpact(), project.budget()));
  }

  private static Raised raised(Map<String, Object> v, String id, LocalDate newGoLive, String requester,
      boolean inFreeze, String processInstanceId) {
    boolean standard = "STANDARD".equals(v.get("changeType"));
    return new Raised(id, (String) v.get("projectId"), ((String) v.get("title")).strip(), (String) v.get("changeType"),
        ((Number) v.get("costImpact")).longValue(), ((Number) v.get("scheduleImpactDays")).intValue(),
        Boolean.TRUE.equals(v.get("movesGoLive")), newGoLive, Boolean.TRUE.equals(v.get("clinicalContentImpact")),
        Boolean.TRUE.equals(v.get("patientSafetyImpact")), Boolean.TRUE.equals(v.get("phiImpact")),
        Boolean.TRUE.equals(v.get("interfaceImpact")), ChangeAnswers.blankToNull(v.get("justification")),
        ChangeAnswers.blankToNull(v.get("standardTemplateId")), requester, EngineClock.now(), inFreeze,
        standard ? "PRE_AUTHORIZED" : "OPEN", standard ? ChangeRequestProcess.Values.APPROVED : null,
        processInstanceId);
  }

  static double budgetShare(long cost, long budget) {
    return budget <= 0 ? 0 : Math.abs(cost) * 100.0 / budget;
  }
}
