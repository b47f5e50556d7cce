package io.hitgov.lifecycle;

import io.hitgov.lifecycle.LifecycleRecords.Phase;
import io.hitgov.lifecycle.LifecycleRecords.PlannedPhase;
import io.hitgov.lifecycle.LifecycleRecords.Registration;
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
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * The project registry behind ImplementationLifecycleProcess: registration and the phase plan
 * derived from the go-live date (docs/domain/lifecycle-and-gates.md#phase-plan). Progress through
 * the phases is {@link ProjectProgress}'s, readiness {@link ProjectReadiness}'s, a moved go-live
 * {@link ProjectReplanning}'s.
 */
@Service
public class ProjectService {

  private final ProjectRepository repository;
  private final IdentityService identityService;
  private final LifecycleProperties properties;

  ProjectService(ProjectRepository repository, IdentityService identityService, LifecycleProperties properties) {
    this.repository = repository;
    this.identityService = identityService;
    this.properties = properties;
  }

  /** Registers a project of the untailored lifecycle (version 1, and tests that need just a project). */
  public void register(String projectId, String name, String goLiveDate, long budget, String sponsor,
      String projectManager, boolean vendorSelectionRequired, String startedBy, String processInstanceId) {
    register(projectId, name, goLiveDate, budget, sponsor, projectManager, vendorSelectionRequired,
        Tailoring.untailored(vendorSelectionRequired), startedBy, processInstanceId);
  }

  /** Registers the project with its phase plan; refused (400) for a taken id, an infeasible date or wrong people. */
  Registration register(String projectId, String name, String goLiveDate, long budget, String sponsor,
      String projectManager, boolean vendorSelectionRequired, Tailoring tailoring, String startedBy,
      String processInstanceId) {
    List<String> problems = new ArrayList<>();
    repository.find(projectId).ifPresent(existing -> problems.add("projectId '" + projectId
        + "' is already registered (" + existing.status() + ")"));
    LocalDate goLive = IsoDates.parseRequired(ImplementationLifecycleProcess.Variables.GO_LIVE_DATE, goLiveDate);
    if (!goLive.isAfter(EngineClock.today())) {
      problems.add("goLiveDate " + goLive + " must be in the future");
    }
    Set<String> skipped = tailoring.skippedPhases();
    PhasePlan phasePlan = properties.phasePlan();
    if (goLive.isAfter(EngineClock.today()) && !phasePlan.feasible(EngineClock.today(), goLive, skipped)) {
      problems.add(tooClose(goLive, phasePlan.earliestGoLive(EngineClock.today(), skipped), skipped));
    }
    requireMember(sponsor, GovernanceGroup.EXECUTIVE_SPONSOR.id(), "sponsor", problems);
    requireMember(projectManager, GovernanceGroup.PROJECT_MANAGERS.id(), "projectManager", problems);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    Registration project = new Registration(projectId, name.strip(), goLive, budget, sponsor, projectManager,
        vendorSelectionRequired, startedBy, EngineClock.now(), processInstanceId, tailoring.projectType(),
        String.join(",", tailoring.readinessCriteria()));
    repository.insert(project);
    phasePlan.plan(EngineClock.today(), goLive, skipped).forEach((phase, dates) -> repository.insertPhase(
        new PlannedPhase(projectId, phase, dates[0], dates[1], skipped.contains(phase))));
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

  private static String tooClose(LocalDate goLive, LocalDate earliest, Set<String> skipped) {
    List<String> phases = PhasePlan.BEFORE_GO_LIVE.stream().filter(p -> !skipped.contains(p)).toList();
    return ImplementationLifecycleProcess.Variables.GO_LIVE_DATE + " " + goLive + " is too close: "
        + String.join(", ", phases) + " need at least " + ChronoUnit.DAYS.between(EngineClock.today(), earliest)
        + " days together (hitgov.lifecycle.minimum-phase-days); the earliest feasible go-live date is " + earliest;
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

  /** The planned last day of a project's phase, when the project and phase are registered. */
  public Optional<LocalDate> plannedEnd(String projectId, String phase) {
    return repository.phases(projectId).stream().filter(p -> p.phase().equals(phase)).map(Phase::plannedEnd)
        .findFirst();
  }
}
