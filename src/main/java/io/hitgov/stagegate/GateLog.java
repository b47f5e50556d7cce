package io.hitgov.stagegate;

import io.hitgov.shared.process.EngineClock;
import org.springframework.stereotype.Component;

/** Appends the steps of gate reviews to the gate record (append-only, chained per project). */
@Component
class GateLog {

  private final GateRepository repository;

  GateLog(GateRepository repository) {
    this.repository = repository;
  }

  void record(GateRecords.Step step) {
    repository.insertGateRecord(step.at(EngineClock.now()));
  }
}
