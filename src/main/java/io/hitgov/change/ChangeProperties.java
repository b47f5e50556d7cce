package io.hitgov.change;

import io.hitgov.shared.GovernanceGroup;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Change control settings ({@code hitgov.change.*}); DEF defaults of docs/domain/change-control.md#routing. The routing
 * thresholds themselves are rows of ChangeRoutingDecision, which the PMO edits in Camunda Modeler.
 *
 * @param approvalBusinessDays decision SLA per approving group, in business days ({@code default} for the rest)
 * @param emergencyAuthorization ISO-8601 duration the emergency CAB has to authorize (around the clock)
 * @param retrospectiveBusinessDays the CAB's retrospective review of an emergency change is due after this
 * @param escalation the next level up per group, for overdue approvals
 * @param freezeDaysBeforeGoLive the change freeze starts this many days before go-live
 * @param freezeDaysAfterGoLive and ends this many days after it
 * @param standardTemplates the pre-authorized standard change templates (ITIL change catalogue)
 * @param contingencyPercent the project's contingency reserve as a share of its baseline budget
 *     (docs/domain/change-control.md#contingency); the assessment form shows what remains of it
 */
@ConfigurationProperties("hitgov.change")
public record ChangeProperties(
    Map<String, Integer> approvalBusinessDays,
    @DefaultValue("PT4H") String emergencyAuthorization,
    @DefaultValue("2") int retrospectiveBusinessDays,
    Map<String, String> escalation,
    @DefaultValue("14") int freezeDaysBeforeGoLive,
    @DefaultValue("14") int freezeDaysAfterGoLive,
    java.util.List<String> standardTemplates,
    @DefaultValue("10") int contingencyPercent) {

  static final java.util.List<String> DEFAULT_TEMPLATES = java.util.List.of("STD-INTERFACE-RESTART",
      "STD-USER-ACCESS-ROLE", "STD-PRINTER-MAPPING", "STD-REPORT-SCHEDULE", "STD-NONPROD-REFRESH");

  /** The change freeze around go-live, from the configured days before and after. */
  public FreezePolicy freezePolicy() {
    return new FreezePolicy(freezeDaysBeforeGoLive, freezeDaysAfterGoLive);
  }

  public java.util.List<String> templates() {
    // unset: the default catalogue; an empty list switches STANDARD changes off
    return standardTemplates == null ? DEFAULT_TEMPLATES : standardTemplates;
  }

  static final Map<String, Integer> DEFAULT_SLA = Map.of(GovernanceGroup.PROJECT_MANAGERS.id(), 2, GovernanceGroup.PMO.id(), 5, GovernanceGroup.CHANGE_ADVISORY_BOARD.id(), 5,
      GovernanceGroup.STEERING_COMMITTEE.id(), 10, "default", 5);
  static final Map<String, String> DEFAULT_ESCALATION = Map.ofEntries(Map.entry(GovernanceGroup.PROJECT_MANAGERS.id(), GovernanceGroup.PMO.id()),
      Map.entry(GovernanceGroup.PMO.id(), GovernanceGroup.STEERING_COMMITTEE.id()), Map.entry(GovernanceGroup.CHANGE_ADVISORY_BOARD.id(), GovernanceGroup.PMO.id()),
      Map.entry(GovernanceGroup.FINANCE.id(), GovernanceGroup.EXECUTIVE_SPONSOR.id()), Map.entry(GovernanceGroup.CMIO.id(), GovernanceGroup.STEERING_COMMITTEE.id()),
      Map.entry(GovernanceGroup.PATIENT_SAFETY.id(), GovernanceGroup.STEERING_COMMITTEE.id()), Map.entry(GovernanceGroup.SECURITY_OFFICER.id(), GovernanceGroup.EXECUTIVE_SPONSOR.id()),
      Map.entry(GovernanceGroup.PRIVACY_OFFICER.id(), GovernanceGroup.EXECUTIVE_SPONSOR.id()), Map.entry(GovernanceGroup.INTEGRATION.id(), GovernanceGroup.PMO.id()),
      Map.entry(GovernanceGroup.STEERING_COMMITTEE.id(), GovernanceGroup.EXECUTIVE_SPONSOR.id()), Map.entry(GovernanceGroup.EXECUTIVE_SPONSOR.id(), GovernanceGroup.STEERING_COMMITTEE.id()));

  public int approvalDays(String group) {
    Map<String, Integer> sla = approvalBusinessDays == null ? DEFAULT_SLA : approvalBusinessDays;
    return sla.getOrDefault(group, sla.getOrDefault("default", DEFAULT_SLA.getOrDefault(group, 5)));
  }

  public String escalationOf(String group) {
    return (escalation == null ? DEFAULT_ESCALATION : escalation).getOrDefault(group,
        DEFAULT_ESCALATION.getOrDefault(group, GovernanceGroup.STEERING_COMMITTEE.id()));
  }
}
