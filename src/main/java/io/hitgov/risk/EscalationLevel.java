package io.hitgov.risk;

import io.hitgov.shared.GovernanceGroup;

/**
 * The escalation ladder (docs/domain/risk.md#escalation), bottom to top, with the group that owns
 * each level. Pure: which level a band starts at and which level comes next.
 */
public enum EscalationLevel {
  PROJECT_MANAGER(GovernanceGroup.PROJECT_MANAGERS.id()),
  PMO(GovernanceGroup.PMO.id()),
  STEERING_COMMITTEE(GovernanceGroup.STEERING_COMMITTEE.id());

  private final String group;

  EscalationLevel(String group) {
    this.group = group;
  }

  public String group() {
    return group;
  }

  public boolean top() {
    return this == STEERING_COMMITTEE;
  }

  /** Where a risk of the band belongs at once: EXTREME at the steering committee, HIGH at the PMO. */
  static EscalationLevel forBand(String band) {
    return switch (band == null ? "" : band) {
      case "EXTREME" -> STEERING_COMMITTEE;
      case "HIGH" -> PMO;
      default -> PROJECT_MANAGER;
    };
  }

  /** The risk sits below where its band belongs: it is escalated at once. */
  boolean belowBand(String band) {
    return ordinal() < forBand(band).ordinal();
  }

  /** One step up from here, or straight to where the band belongs when that is higher; the top stays. */
  EscalationLevel escalated(String band) {
    if (belowBand(band)) {
      return forBand(band);
    }
    return top() ? this : values()[ordinal() + 1];
  }
}
