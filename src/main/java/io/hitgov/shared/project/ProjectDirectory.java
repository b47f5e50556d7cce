package io.hitgov.shared.project;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Which projects exist, for the features that govern a project without owning it (risks, HIPAA
 * gates, stage gates). The lifecycle feature registers projects and implements this; the others
 * depend only on this port, so no feature reaches into another's tables. (Change control moves a
 * project's baselines and uses the lifecycle's {@code ProjectBaselines} for that.)
 */
public interface ProjectDirectory {

  /** True when a project with this id is registered (in any state). */
  boolean isRegistered(String projectId);

  /** The project's planned go-live date, when the project is registered. */
  Optional<LocalDate> goLiveDate(String projectId);

  /**
   * The project's executive sponsor (a user id), when the project is registered: decisions that are
   * the sponsor's own are assigned to them (the group stays candidate).
   */
  Optional<String> sponsor(String projectId);

  /** The project's manager (a user id), when the project is registered: who keeps the project's own records. */
  Optional<String> projectManager(String projectId);
}
