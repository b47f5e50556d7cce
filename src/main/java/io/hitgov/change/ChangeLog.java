package io.hitgov.change;

import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.TaskFields;
import org.springframework.stereotype.Component;

/** The change's event log (insert-only, chained): every step of a change writes its entry here. */
@Component
class ChangeLog {

  private final ChangeRepository repository;

  ChangeLog(ChangeRepository repository) {
    this.repository = repository;
  }

  void event(String id, String actor, String event, String details) {
    repository.insertEvent(id, EngineClock.now(), actor, event, TaskFields.clipped(details, 2000));
  }
}
