package io.hitgov.shared;

import java.util.Arrays;
import java.util.List;

/**
 * The governance roles (docs/contract.md, "Groups"), as Camunda groups. The ids are public names: models
 * ({@code camunda:candidateGroups}), DMN outputs and customers' scripts rely on them.
 */
public enum GovernanceGroup {
  EXECUTIVE_SPONSOR("executiveSponsor", "Executive sponsor"),
  STEERING_COMMITTEE("steeringCommittee", "Steering committee"),
  PMO("pmo", "PMO / program office"),
  PROJECT_MANAGERS("projectManagers", "Project managers"),
  CMIO("cmio", "CMIO / CNIO, clinical informatics"),
  PATIENT_SAFETY("patientSafety", "Patient safety officer"),
  SECURITY_OFFICER("securityOfficer", "HIPAA security official"),
  PRIVACY_OFFICER("privacyOfficer", "HIPAA privacy official"),
  CHANGE_ADVISORY_BOARD("changeAdvisoryBoard", "Change advisory board (and emergency CAB)"),
  FINANCE("finance", "Finance"),
  INTEGRATION("integration", "Interface / integration lead"),
  TRAINING("training", "Training lead and super users"),
  FACILITIES("facilities", "Facilities and physical security (HIPAA physical safeguards)"),
  OPERATORS("camunda-admin", "Operators");

  private final String id;
  private final String displayName;

  GovernanceGroup(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  public String id() {
    return id;
  }

  public String displayName() {
    return displayName;
  }

  /** Every group that decides in Tasklist (all but the operators). */
  public static List<GovernanceGroup> approverGroups() {
    return Arrays.stream(values()).filter(group -> group != OPERATORS).toList();
  }

  public static boolean isKnown(String id) {
    return Arrays.stream(values()).anyMatch(group -> group.id.equals(id));
  }
}
