package io.hitgov.change;

import io.hitgov.change.ChangeRecords.Approval;
import io.hitgov.change.ChangeRecords.ChangeRequest;
import io.hitgov.shared.event.EscalationRaised;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.InvalidVariablesException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The approvals a change's routing asked for: each group's decision (four-eyes through
 * {@link ChangeSegregation}), due dates and escalation of overdue ones to the next level up, and
 * the outcome once every group decided.
 */
@Service
public class ChangeApprovals {

  /**
   * The change's outcome: APPROVED or REJECTED, with the rejections' reasons, and when an approved
   * emergency change's retrospective review is due.
   */
  public record Decided(String outcome, String rejectionReasons, String retrospectiveDue) {}

  private final ChangeRepository repository;
  private final ChangeLog log;
  private final ChangeSegregation duties;
  private final ChangeProperties properties;
  private final ApplicationEventPublisher events;

  ChangeApprovals(ChangeRepository repository, ChangeLog log, ChangeSegregation duties, ChangeProperties properties,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.log = log;
    this.duties = duties;
    this.properties = properties;
    this.events = events;
  }

  /** When a group's approval is due: business days by group, an emergency change within hours. */
  public String approvalDue(String changeType, String group) {
    if ("EMERGENCY".equals(changeType)) {
      return EngineClock.now().plus(Duration.parse(properties.emergencyAuthorization()))
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    return BusinessCalendar.dueInBusinessDays(properties.approvalDays(group));
  }

  public String escalationOf(String group) {
    return properties.escalationOf(group);
  }

  /**
   * Records one approval for {@code group}'s slot. {@code actingGroup} is the group the user acts in
   * (the slot's group, or the next level up after an escalation). One person approves a change once.
   */
  public void approve(String id, String group, String actingGroup, String user, Boolean approved, String comment) {
    if (approved == null) {
      throw new InvalidVariablesException("approved is required");
    }
    if (!approved && comment == null) {
      throw new InvalidVariablesException("decisionComment is required when rejecting");
    }
    if (comment != null && comment.length() > 2000) {
      throw new InvalidVariablesException("decisionComment is longer than 2000 characters");
    }
    duties.checkApprover(id, user);
    if (actingGroup.equals(group)) {
      duties.checkOneApprovalPerPerson(id, user);
    } else if (!repository.escalated(id, group)) {
      throw new AuthorizationException("User '" + user + "' is not in " + group + " and its approval of " + id
          + " was not escalated");
    }
    repository.insertApproval(new Approval(null, id, actingGroup, user, EngineClock.now(), approved, comment));
    log.event(id, user, approved ? "APPROVED_BY" : "REJECTED_BY", actingGroup
        + (actingGroup.equals(group) ? "" : " for overdue " + group) + (comment == null ? "" : ": " + comment));
  }

  /** The approval slot of {@code group} went overdue: {@code to} may now decide it; the requester is told. */
  public void escalated(String id, String group, String to) {
    ChangeRequest cr = repository.get(id);
    repository.insertEscalation(id, group, to, EngineClock.now());
    log.event(id, null, "ESCALATED", "approval by " + group + " overdue: " + to + " may now decide; requester "
        + cr.requester() + " notified");
    events.publishEvent(new EscalationRaised(cr.projectId(), id, to, "approval by " + group + " overdue"));
  }

  /** APPROVED when every required group (or the group it escalated to) approved, REJECTED otherwise. */
  public Decided decide(String id) {
    ChangeRequest cr = repository.get(id);
    List<Approval> approvals = repository.approvals(id);
    boolean rejected = approvals.stream().anyMatch(a -> !a.approved());
    Set<String> approvedGroups = approvals.stream().filter(Approval::approved).map(Approval::groupId)
        .collect(Collectors.toSet());
    List<String> required = cr.requiredApprovals() == null ? List.of() : List.of(cr.requiredApprovals().split(","));
    boolean complete = required.stream().allMatch(g -> approvedGroups.contains(g)
        || approvedGroups.contains(escalationOf(g)));
    String outcome = !rejected && complete ? ChangeRequestProcess.Values.APPROVED : ChangeRequestProcess.Values.REJECTED;
    repository.update(id, new Object[] {"outcome", outcome, "status", outcome});
    log.event(id, null, outcome, null);
    if (ChangeRequestProcess.Values.REJECTED.equals(outcome)) {
      return new Decided(outcome, rejectionReasons(approvals), null);
    }
    return new Decided(outcome, null, "EMERGENCY".equals(cr.changeType())
        ? BusinessCalendar.dueInBusinessDays(properties.retrospectiveBusinessDays()) : null);
  }

  private static String rejectionReasons(List<Approval> approvals) {
    String reasons = approvals.stream().filter(a -> !a.approved())
        .map(a -> "- " + a.groupId() + " (" + a.userId() + "): " + a.comment()).collect(Collectors.joining("\n"));
    return reasons.isEmpty() ? "not every required group approved" : reasons;
  }
}
