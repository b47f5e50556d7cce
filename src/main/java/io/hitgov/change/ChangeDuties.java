package io.hitgov.change;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Segregation of duties on a change request (docs/domain/change-control.md): who may assess,
 * approve, verify and review it retrospectively, given who requested, implemented and approved it.
 * Plain functions: each answers why {@code user} may not act, if so; {@link ChangeSegregation} reads
 * the parties from the change log and refuses with 403 and that reason.
 */
public final class ChangeDuties {

  private ChangeDuties() {}

  /**
   * Who did what on one change: the requester, everyone recorded as implementing it, and the
   * approvals so far (user to the group they decided for).
   */
  public record Parties(String changeRequestId, String requester, Set<String> implementers,
      Map<String, String> approvals) {}

  /** The requester does not assess their own change: the assessment decides its approvers. */
  public static Optional<String> whyNotAssessor(Parties p, String user) {
    return user.equals(p.requester()) ? Optional.of("User '" + user + "' requested " + p.changeRequestId()
        + " and cannot assess its impact (the assessment decides its approvers)") : Optional.empty();
  }

  /** The requester never approves their own change; whoever implemented it never approves it. */
  public static Optional<String> whyNotApprover(Parties p, String user) {
    if (user.equals(p.requester())) {
      return Optional.of("User '" + user + "' requested " + p.changeRequestId()
          + " and cannot approve it (four-eyes: requester is never the approver)");
    }
    return p.implementers().contains(user)
        ? Optional.of("User '" + user + "' implemented " + p.changeRequestId() + " and cannot approve it")
        : Optional.empty();
  }

  /** Every approval of a change comes from a different person. */
  public static Optional<String> whyNotAnotherApproval(Parties p, String user) {
    return Optional.ofNullable(p.approvals().get(user)).map(group -> "User '" + user + "' already decided "
        + p.changeRequestId() + " for " + group + "; every approval must come from a different person");
  }

  /** Whoever approved (or rejected) the change does not implement it. */
  public static Optional<String> whyNotImplementer(Parties p, String user) {
    return p.approvals().containsKey(user) ? Optional.of("User '" + user + "' approved " + p.changeRequestId()
        + " and cannot implement it") : Optional.empty();
  }

  /** The tester is never the builder. */
  public static Optional<String> whyNotVerifier(Parties p, String user) {
    return p.implementers().contains(user) ? Optional.of("User '" + user + "' implemented " + p.changeRequestId()
        + " and cannot verify it (the tester is never the builder)") : Optional.empty();
  }

  /** An emergency change is reviewed afterwards by someone who neither requested nor implemented it. */
  public static Optional<String> whyNotRetrospectiveReviewer(Parties p, String user) {
    return user.equals(p.requester()) || p.implementers().contains(user)
        ? Optional.of("User '" + user + "' requested or implemented " + p.changeRequestId()
            + " and cannot review it retrospectively")
        : Optional.empty();
  }
}
