package io.hitgov.change;

import io.hitgov.change.ChangeRecords.ChangeEvent;
import io.hitgov.change.ChangeRecords.ChangeRequest;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What others may read of a project's change requests (docs/adr/0004-feature-packages.md): the
 * changes of a reporting period in plain values, for the weekly status report. The change tables
 * stay inside change control.
 */
@Service
public class ProjectChanges {

  /** A change request as a report shows it: what it is, where it stands, its impact, its last step. */
  public record ChangeSummary(String changeRequestId, String title, String changeType, String status, String outcome,
      long costImpact, int scheduleImpactDays, boolean movesGoLive, OffsetDateTime raisedAt, String lastEvent,
      OffsetDateTime lastEventAt) {}

  private final ChangeRepository repository;

  ProjectChanges(ChangeRepository repository) {
    this.repository = repository;
  }

  /** The project's change requests raised or moved (any change-log entry) at or after {@code since}, oldest first. */
  public List<ChangeSummary> changedSince(String projectId, OffsetDateTime since) {
    Map<String, List<ChangeEvent>> events = repository.eventsOfProject(projectId);
    return repository.ofProject(projectId).stream()
        .map(cr -> summary(cr, events.getOrDefault(cr.changeRequestId(), List.of())))
        .filter(c -> !c.raisedAt().isBefore(since) || c.lastEventAt() != null && !c.lastEventAt().isBefore(since))
        .toList();
  }

  private ChangeSummary summary(ChangeRequest cr, List<ChangeEvent> events) {
    Optional<ChangeEvent> last = events.stream()
        .max(Comparator.comparing(ChangeEvent::at).thenComparing(ChangeEvent::id));
    return new ChangeSummary(cr.changeRequestId(), cr.title(), cr.changeType(), cr.status(), cr.outcome(),
        cr.costImpact(), cr.scheduleImpactDays(), cr.movesGoLive(), cr.raisedAt(),
        last.map(ChangeEvent::event).orElse(null), last.map(ChangeEvent::at).orElse(null));
  }
}
