package io.hitgov.change;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The change freeze around a go-live (docs/domain/change-control.md): from {@code daysBefore}
 * before go-live to {@code daysAfter} after it only EMERGENCY changes are raised, and a change that
 * touches configuration is not implemented for the first time (a budget, schedule or go-live
 * re-baseline, and a fix after a failed verification, may go ahead). Pure: no Spring, no engine.
 */
record FreezePolicy(int daysBefore, int daysAfter) {

  /** The freeze window of a go-live date, both ends included. */
  record Window(LocalDate from, LocalDate to) {
    boolean contains(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }

    @Override
    public String toString() {
      return from + " to " + to;
    }
  }

  Window window(LocalDate goLive) {
    return new Window(goLive.minusDays(daysBefore), goLive.plusDays(daysAfter));
  }

  /** Why a change of {@code type} cannot be raised on {@code today}, if it cannot. */
  Optional<String> refusesRaising(String projectId, LocalDate goLive, String type, LocalDate today) {
    Window window = window(goLive);
    if (window.contains(today) && !"EMERGENCY".equals(type)) {
      return Optional.of("project " + projectId + " is in its change freeze (" + window
          + "): only EMERGENCY changes are accepted");
    }
    return Optional.empty();
  }

  /** Why a change cannot be implemented on {@code today}, if it cannot. */
  Optional<String> refusesImplementing(String changeId, LocalDate goLive, String type, boolean touchesConfiguration,
      boolean firstImplementation, LocalDate today) {
    Window window = window(goLive);
    if (!"EMERGENCY".equals(type) && touchesConfiguration && firstImplementation && window.contains(today)) {
      return Optional.of(changeId + " cannot be implemented during the change freeze (" + window
          + "); implement it afterwards, or raise an EMERGENCY change");
    }
    return Optional.empty();
  }
}
