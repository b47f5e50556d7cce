package io.hitgov.shared.project;

import java.util.List;

/**
 * The conditions that gate decisions (GO_WITH_CONDITIONS) put on a project, for the project's own
 * view. Stage gates implement this; the lifecycle shows the conditions without reading the gate
 * tables, so the lifecycle does not depend on stage gates.
 */
public interface ProjectConditions {

  /** One condition; shown as its own JSON object, counted as open by its status. */
  interface Condition {
    /** OPEN or FULFILLED. */
    String status();
  }

  /** The project's conditions, oldest first (none for an unknown project). */
  List<? extends Condition> conditions(String projectId);
}
