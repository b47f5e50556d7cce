package io.hitgov.hipaa;

import io.hitgov.shared.GovernanceGroup;

/** Roles that sign or acknowledge a HIPAA audit gate, with their form fields and group. */
public enum SignOffRole {
  SECURITY_OFFICIAL("securitySignOffApproved", "securitySignOffComment", GovernanceGroup.SECURITY_OFFICER.id()),
  PRIVACY_OFFICIAL("privacySignOffApproved", "privacySignOffComment", GovernanceGroup.PRIVACY_OFFICER.id()),
  EXECUTIVE_SPONSOR("residualRiskAccepted", "residualRiskComment", GovernanceGroup.EXECUTIVE_SPONSOR.id());

  private final String approvedField;
  private final String commentField;
  private final String group;

  SignOffRole(String approvedField, String commentField, String group) {
    this.approvedField = approvedField;
    this.commentField = commentField;
    this.group = group;
  }

  /** The group whose members alone may sign in this role. */
  public String group() {
    return group;
  }

  /** The form field that carries the decision. */
  public String approvedField() {
    return approvedField;
  }

  public String commentField() {
    return commentField;
  }

  /** The other official: the security and privacy officials sign as two different people. */
  SignOffRole otherOfficial() {
    return this == SECURITY_OFFICIAL ? PRIVACY_OFFICIAL : SECURITY_OFFICIAL;
  }

  /** Who resolves this role's refusal: each official's own office; the sponsor's, the security office. */
  String objectionOwner() {
    return this == EXECUTIVE_SPONSOR ? SECURITY_OFFICIAL.group() : group;
  }
}
