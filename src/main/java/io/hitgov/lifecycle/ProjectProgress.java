package io.hitgov.lifecycle;

import io.hitgov.interop.InteropReadiness;
import io.hitgov.lifecycle.LifecycleRecords.Deliverable;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * A project's way through the lifecycle as its records show it: phases entered and completed, the
 * gate it is at, the deliverables and test rounds submitted, go-live, closure or termination, and
 * the project's event log.
 */
@Service
public class ProjectProgress {

  private final ProjectRepository repository;
  private final LifecycleProperties properties;
  private final InteropReadiness interop;

  ProjectProgress(ProjectRepository repository, LifecycleProperties properties, InteropReadiness interop) {
    this.repository = repository;
    this.properties = properties;
    this.interop = interop;
  }

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

  /** A phase deliverable: the document submitted (or the item signed off) by {@code user}. */
  public void recordDeliverable(String projectId, String phase, String taskKey, String item, String documentId,
      String version, String summary, Boolean accepted, String user) {
    repository.insertDeliverable(Deliverable.submitted(projectId, phase, taskKey, user, EngineClock.now()).item(item)
        .document(documentId, version).summary(summary).accepted(accepted).build());
  }

  /** The integrated test rounds of P5, with the figures G5 checks. */
  public void recordTestRounds(String projectId, String phase, String taskKey, String departments, String documentId,
      String summary, int passRate, int openCritical, String user) {
    repository.insertDeliverable(Deliverable.submitted(projectId, phase, taskKey, user, EngineClock.now())
        .item(departments).document(documentId, null).summary(summary).testRounds(passRate, openCritical).build());
  }

  /**
   * What the project's own P5 records say against G5 (docs/domain/lifecycle-and-gates.md#gates):
   * the test rounds and UAT sign-offs ({@link TestExitPolicy}), interfaces and data conversion from
   * their own records (io.hitgov.interop).
   */
  public List<String> testExitProblems(String projectId) {
    List<String> problems = new ArrayList<>(new TestExitPolicy(properties.testPassRatePercent())
        .problems(repository.deliverables(projectId)));
    interop.interfaceProblems(projectId).forEach(p -> problems.add("G5-3 red: " + p));
    interop.conversionProblems(projectId).forEach(p -> problems.add("G5-4 red: " + p));
    return problems;
  }

  public void recordEvent(String projectId, String actor, String event, String details) {
    repository.insertEvent(projectId, EngineClock.now(), actor, event, details);
  }

  public void confirmGoLive(String projectId, String actualDate, String note, String user) {
    LocalDate date = IsoDates.parseRequired("actualGoLiveDate", actualDate);
    if (date.isAfter(EngineClock.today())) {
      throw new InvalidVariablesException("actualGoLiveDate " + date + " is in the future");
    }
    repository.update(projectId, "actual_go_live_date", date);
    repository.insertDeliverable(Deliverable.submitted(projectId, "P7",
        ImplementationLifecycleProcess.Elements.CONFIRM_GO_LIVE, user, EngineClock.now()).summary(note).accepted(true)
        .build());
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
}
