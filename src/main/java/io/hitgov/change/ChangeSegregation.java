package io.hitgov.change;

import io.hitgov.change.ChangeRecords.ChangeRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.stereotype.Service;

/**
 * Segregation of duties on a change (docs/domain/change-control.md): reads who requested,
 * implemented and approved it from its record and its history, and refuses (403, with the reason)
 * whom {@link ChangeDuties} rules out.
 */
@Service
public class ChangeSegregation {

  private final ChangeRepository repository;

  ChangeSegregation(ChangeRepository repository) {
    this.repository = repository;
  }

  /** The requester does not assess their own change: the assessment decides who approves it. */
  public void checkAssessor(String id, String user) {
    refuse(ChangeDuties.whyNotAssessor(parties(id), user));
  }

  /** The requester never approves their own change; whoever implemented it never approves it. */
  public void checkApprover(String id, String user) {
    refuse(ChangeDuties.whyNotApprover(parties(id), user));
  }

  /** A person holding two approving roles still approves a change once (four-eyes per group). */
  public void checkOneApprovalPerPerson(String id, String user) {
    refuse(ChangeDuties.whyNotAnotherApproval(parties(id), user));
  }

  /** Whoever approved the change does not implement it. */
  public void checkImplementer(String id, String user) {
    refuse(ChangeDuties.whyNotImplementer(parties(id), user));
  }

  /** The tester is never the builder. */
  public void checkVerifier(String id, String user) {
    refuse(ChangeDuties.whyNotVerifier(parties(id), user));
  }

  /** An emergency change is reviewed afterwards by someone who neither requested nor implemented it. */
  public void checkRetrospectiveReviewer(String id, String user) {
    refuse(ChangeDuties.whyNotRetrospectiveReviewer(parties(id), user));
  }

  /** Who requested, implemented and approved the change, from its record and its history. */
  private ChangeDuties.Parties parties(String id) {
    ChangeRequest cr = repository.get(id);
    Set<String> implementers = new LinkedHashSet<>();
    if (cr.implementer() != null) {
      implementers.add(cr.implementer());
    }
    repository.events(id).stream().filter(e -> "IMPLEMENTED".equals(e.event()) && e.actor() != null)
        .forEach(e -> implementers.add(e.actor()));
    Map<String, String> approvals = new LinkedHashMap<>();
    repository.approvals(id).forEach(a -> approvals.putIfAbsent(a.userId(), a.groupId()));
    return new ChangeDuties.Parties(cr.changeRequestId(), cr.requester(), implementers, approvals);
  }

  private static void refuse(Optional<String> why) {
    why.ifPresent(reason -> {
      throw new AuthorizationException(reason);
    });
  }
}
