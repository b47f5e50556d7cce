package io.hitgov.lifecycle;

import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskCalendar;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * Due and follow-up dates of the lifecycle's tasks: a deliverable is due when its phase is planned
 * to end ({@code ${lifecycleCalendar.phaseDue(projectId, 'P3')}}), so a re-planned go-live moves
 * the deliverables created after it; the SLAs of the other tasks are business days in the model.
 */
@Component("lifecycleCalendar")
@ModelCallable(processes = {ImplementationLifecycleProcess.KEY, ImplementationLifecycleProcess.P0_PROCESS,
    ImplementationLifecycleProcess.P1_PROCESS, ImplementationLifecycleProcess.P2_PROCESS,
    ImplementationLifecycleProcess.P3_PROCESS, ImplementationLifecycleProcess.P4_PROCESS,
    ImplementationLifecycleProcess.P5_PROCESS, ImplementationLifecycleProcess.P6_PROCESS,
    ImplementationLifecycleProcess.P7_PROCESS, ImplementationLifecycleProcess.P8_PROCESS,
    ImplementationLifecycleProcess.P9_PROCESS})
public class LifecycleCalendar extends TaskCalendar {

  /** Business days a deliverable gets when its phase's planned end has already passed (a recycled phase). */
  static final int LATE_PHASE_BUSINESS_DAYS = 5;

  private final ProjectService projects;

  LifecycleCalendar(ProjectService projects) {
    this.projects = projects;
  }

  /**
   * The planned end of the project's phase (the last business day on or before it), or
   * {@value #LATE_PHASE_BUSINESS_DAYS} business days from today when that is not after today.
   */
  public String phaseDue(String projectId, String phase) {
    LocalDate end = projects.plannedEnd(projectId, phase).map(day -> BusinessCalendar.minusBusinessDays(day, 0))
        .orElse(null);
    return BusinessCalendar.startOfDay(end == null || !end.isAfter(EngineClock.today())
        ? BusinessCalendar.plusBusinessDays(EngineClock.today(), LATE_PHASE_BUSINESS_DAYS) : end);
  }

  /** A reminder {@code businessDaysBefore} business days before the phase's due date (none when it is close). */
  public String phaseReminder(String projectId, String phase, int businessDaysBefore) {
    return reminder(phaseDue(projectId, phase), businessDaysBefore);
  }
}
