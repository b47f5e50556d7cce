package io.hitgov.change;

import io.hitgov.change.ChangeRecords.Approval;
import io.hitgov.change.ChangeRecords.BaselineChange;
import io.hitgov.change.ChangeRecords.ChangeRequest;
import io.hitgov.change.ChangeRecords.Raised;
import io.hitgov.lifecycle.ProjectBaselines.Baseline;
import io.hitgov.lifecycle.ProjectBaselines;
import io.hitgov.shared.event.EscalationRaised;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.IsoDates;
import io.hitgov.shared.process.TaskFields;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Change control (ChangeRequestProcess): registration with the freeze window and type rules,
 * impact assessment, routing with ChangeRoutingDecision, approvals with segregation of duties,
 * implementation and verification, and the baseline update that follows an approval.
 */
@Service
public class ChangeService {

  /** What the routing decided: the matched rules and the union of their groups. */
  public record Routing(List<String> rules, List<String> groups, String summary) {}

  private final ChangeRepository repository;
  private final ProjectBaselines projects;
  private final DecisionService decisionService;
  private final RepositoryService repositoryService;
  private final IdCounter idCounter;
  private final ChangeProperties properties;
  private final ApplicationEventPublisher events;

  public ChangeService(ChangeRepository repository, ProjectBaselines projects, DecisionService decisionService,
      RepositoryService repositoryService, IdCounter idCounter,
      ChangeProperties properties, ApplicationEventPublisher events) {
    this.repository = repository;
    this.events = events;
    this.projects = projects;
    this.decisionService = decisionService;
    this.repositoryService = repositoryService;
    this.idCounter = idCounter;
    this.properties = properties;
  }

  // ---------------------------------------------------------------- registration

  /** The change freeze around go-live, from the configured days before and after. */
  private FreezePolicy freeze() {
    return new FreezePolicy(properties.freezeDaysBeforeGoLive(), properties.freezeDaysAfterGoLive());
  }

  public Raised register(Map<String, Object> v, String requester, String processInstanceId) {
    String projectId = (String) v.get("projectId");
    Baseline project = projects.find(projectId).filter(Baseline::active).orElseThrow(() ->
        new InvalidVariablesException("projectId '" + projectId + "' is not an active project"));
    String type = (String) v.get("changeType");
    long cost = ((Number) v.get("costImpact")).longValue();
    int days = ((Number) v.get("scheduleImpactDays")).intValue();
    boolean movesGoLive = Boolean.TRUE.equals(v.get("movesGoLive"));
    boolean safety = Boolean.TRUE.equals(v.get("patientSafetyImpact"));
    boolean phi = Boolean.TRUE.equals(v.get("phiImpact"));
    String newDate = blankToNull(v.get("newGoLiveDate"));
    String template = blankToNull(v.get("standardTemplateId"));
    List<String> problems = new ArrayList<>();
    LocalDate newGoLive = null;
    if (movesGoLive) {
      if (newDate == null) {
        problems.add("newGoLiveDate is required when movesGoLive is true");
      } else {
        newGoLive = IsoDates.parseRequired("newGoLiveDate", newDate);
        if (!newGoLive.isAfter(EngineClock.today())) {
          problems.add("newGoLiveDate " + newGoLive + " must be in the future");
        } else if (newGoLive.equals(project.goLiveDate())) {
          problems.add("newGoLiveDate " + newGoLive + " is the current go-live date");
        }
      }
    } else if (newDate != null) {
      problems.add("newGoLiveDate is only for a change with movesGoLive true");
    }
    if ("STANDARD".equals(type)) {
      if (template == null) {
        problems.add("standardTemplateId is required for a STANDARD change");
      } else if (!properties.templates().contains(template)) {
        problems.add("standardTemplateId '" + template + "' is not a pre-authorized template " + properties.templates());
      }
      if (cost != 0 || days != 0 || movesGoLive || safety || phi || Boolean.TRUE.equals(v.get("clinicalContentImpact"))
          || Boolean.TRUE.equals(v.get("interfaceImpact"))) {
        problems.add("a STANDARD change has no cost, schedule, go-live, clinical, patient-safety, PHI or interface "
            + "impact; raise it as NORMAL");
      }
    }
    if ("EMERGENCY".equals(type) && (cost != 0 || days != 0 || movesGoLive)) {
      problems.add("an EMERGENCY change restores service and moves no baseline: raise its cost, schedule or go-live "
          + "effect as a NORMAL change");
    }
    boolean inFreeze = freeze().window(project.goLiveDate()).contains(EngineClock.today());
    freeze().refusesRaising(projectId, project.goLiveDate(), type, EngineClock.today()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    String id = "CR-" + projectId + "-" + idCounter.next("CR/" + projectId);
    Raised cr = new Raised(id, projectId, ((String) v.get("title")).strip(), type, cost, days,
        movesGoLive, newGoLive, Boolean.TRUE.equals(v.get("clinicalContentImpact")), safety, phi,
        Boolean.TRUE.equals(v.get("interfaceImpact")), blankToNull(v.get("justification")), template, requester,
        EngineClock.now(), inFreeze, "STANDARD".equals(type) ? "PRE_AUTHORIZED" : "OPEN",
        "STANDARD".equals(type) ? ChangeRequestProcess.Values.APPROVED : null, processInstanceId);
    repository.insert(cr);
    event(id, requester, "RAISED", type + ", cost " + cost + " USD, schedule " + days + " business days"
        + (movesGoLive ? ", go-live to " + newGoLive : "") + (inFreeze ? ", in the freeze window" : ""));
    if ("STANDARD".equals(type)) {
      event(id, null, "PRE_AUTHORIZED", "standard change template " + template + " (rule C1)");
    }
    return cr;
  }

  public Baseline project(String projectId) {
    return projects.get(projectId);
  }

  public double budgetShare(long cost, long budget) {
    return budget <= 0 ? 0 : Math.abs(cost) * 100.0 / budget;
  }

  // ---------------------------------------------------------------- assessment and routing

  public String recordAssessment(String id, Map<String, Object> answers, String user) {
    List<String> problems = new ArrayList<>();
    Object scope = answers.get("scopeChange");
    if (!(scope instanceof String s) || !ChangeRequestProcess.Values.SCOPE_CHANGES.contains(s)) {
      problems.add("scopeChange must be one of " + ChangeRequestProcess.Values.SCOPE_CHANGES);
    }
    Object risk = answers.get("changeRisk");
    if (!(risk instanceof String r) || !ChangeRequestProcess.Values.RISKS.contains(r)) {
      problems.add("changeRisk must be one of " + ChangeRequestProcess.Values.RISKS);
    }
    for (String required : List.of("implementationPlan", "backoutPlan")) {
      if (blankToNull(answers.get(required)) == null) {
        problems.add(required + " is required");
      }
    }
    for (String flag : List.of("criticalPath", "movesGate", "newFunding", "crossesFiscalYear",
        "changesCapitalOperatingSplit")) {
      Object value = answers.get(flag);
      if (value != null && !(value instanceof Boolean)) {
        problems.add(flag + " must be a Boolean, not " + value);
      }
    }
    for (String text : List.of("implementationPlan", "backoutPlan", "testPlan", "fiscalYear")) {
      Object value = answers.get(text);
      if (value != null && !(value instanceof String)) {
        problems.add(text + " must be a String");
      } else if (value instanceof String t && t.length() > 2000) {
        problems.add(text + " is longer than 2000 characters");
      }
    }
    Object draw = answers.get("contingencyDrawPercent");
    if (draw != null && !(draw instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 100)) {
      problems.add("contingencyDrawPercent must be a number 0..100");
    }
    if (!problems.isEmpty()) {
      throw new InvalidVariablesException(problems);
    }
    String summary = answers.entrySet().stream().filter(e -> e.getValue() != null && !"".equals(e.getValue()))
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    repository.update(id, new Object[] {"assessed_by", user, "assessment", TaskFields.clipped(summary),
        "change_risk", risk, "scope_change", scope, "status", "ASSESSED"});
    event(id, user, "ASSESSED", "risk " + risk + ", scope " + scope);
    return summary;
  }

  /** Evaluates ChangeRoutingDecision with everything known about the change. */
  public Routing route(String id, Map<String, Object> inputs) {
    DmnDecisionResult result = decisionService.evaluateDecisionByKey(ChangeRequestProcess.ROUTING_DECISION)
        .variables(Variables.fromMap(inputs)).evaluate();
    Set<String> rules = new LinkedHashSet<>();
    Set<String> groups = new LinkedHashSet<>();
    Map<String, List<String>> byGroup = new LinkedHashMap<>();
    result.forEach(row -> {
      String rule = (String) row.get("ruleId");
      String group = (String) row.get("approverGroup");
      rules.add(rule);
      if (group != null) {
        groups.add(group);
        byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(rule);
      }
    });
    ChangeRequest cr = repository.get(id);
    if (groups.isEmpty() && !"STANDARD".equals(cr.changeType())) {
      throw new IllegalStateException(ChangeRequestProcess.ROUTING_DECISION + " named no approver for " + id
          + " (rules " + rules + ")");
    }
    String summary = byGroup.entrySet().stream().map(e -> "- " + e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("\n"));
    DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
        .decisionDefinitionKey(ChangeRequestProcess.ROUTING_DECISION).latestVersion().singleResult();
    repository.update(id, new Object[] {"routing", String.join(",", rules),
        "required_approvals", String.join(",", groups),
        "routing_decision_version", definition == null ? null : definition.getVersion(), "status", "IN_APPROVAL"});
    event(id, null, "ROUTED", "rules " + rules + " -> " + groups);
    return new Routing(List.copyOf(rules), List.copyOf(groups), summary);
  }

  public String approvalDue(String changeType, String group) {
    if ("EMERGENCY".equals(changeType)) {
      return EngineClock.now().plus(Duration.parse(properties.emergencyAuthorization()))
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    return BusinessCalendar.dueInBusinessDays(properties.approvalDays(group));
  }

  public String retrospectiveDue() {
    return BusinessCalendar.dueInBusinessDays(properties.retrospectiveBusinessDays());
  }

  public String escalationOf(String group) {
    return properties.escalationOf(group);
  }

  // ---------------------------------------------------------------- segregation of duties

  /** The requester does not assess their own change: the assessment decides who approves it. */
  public void checkAssessor(String id, String user) {
    refuse(ChangeDuties.whyNotAssessor(parties(id), user));
  }

  /** The requester never approves their own change; whoever implemented it never approves it. */
  public void checkApprover(String id, String user) {
    refuse(ChangeDuties.whyNotApprover(parties(id), user));
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
    checkApprover(id, user);
    if (actingGroup.equals(group)) {
      checkOneApprovalPerPerson(id, user);
    } else if (!wasEscalated(id, group)) {
      throw new AuthorizationException("User '" + user + "' is not in " + group + " and its approval of " + id
          + " was not escalated");
    }
    repository.insertApproval(new Approval(null, id, actingGroup, user, EngineClock.now(), approved, comment));
    event(id, user, approved ? "APPROVED_BY" : "REJECTED_BY", actingGroup
        + (actingGroup.equals(group) ? "" : " for overdue " + group) + (comment == null ? "" : ": " + comment));
  }

  /** A person holding two approving roles still approves a change once (four-eyes per group). */
  public void checkOneApprovalPerPerson(String id, String user) {
    refuse(ChangeDuties.whyNotAnotherApproval(parties(id), user));
  }

  /** The approval slot of {@code group} went overdue and was opened to the next level up. */
  public boolean wasEscalated(String id, String group) {
    return repository.escalated(id, group);
  }

  public void escalated(String id, String group, String to) {
    ChangeRequest cr = repository.get(id);
    repository.insertEscalation(id, group, to, EngineClock.now());
    event(id, null, "ESCALATED", "approval by " + group + " overdue: " + to + " may now decide; requester "
        + cr.requester() + " notified");
    events.publishEvent(new EscalationRaised(cr.projectId(), id, to, "approval by " + group + " overdue"));
  }

  /** APPROVED when every required group approved, REJECTED otherwise; the reasons of a rejection. */
  public String decide(String id) {
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
    event(id, null, outcome, null);
    return outcome;
  }

  public String rejectionReasons(String id) {
    String reasons = repository.approvals(id).stream().filter(a -> !a.approved())
        .map(a -> "- " + a.groupId() + " (" + a.userId() + "): " + a.comment()).collect(Collectors.joining("\n"));
    return reasons.isEmpty() ? "not every required group approved" : reasons;
  }

  public void implemented(String id, String user, String reference, String note) {
    if (reference == null || note == null) {
      throw new InvalidVariablesException("implementationReference and implementationNote are required");
    }
    if (reference.length() > 200 || note.length() > 2000) {
      throw new InvalidVariablesException("implementationReference (200) or implementationNote (2000) is too long");
    }
    for (Approval approval : repository.approvals(id)) {
      if (approval.userId().equals(user)) {
        throw new AuthorizationException("User '" + user + "' approved " + id + " and cannot implement it");
      }
    }
    ChangeRequest cr = repository.get(id);
    boolean touchesConfiguration = cr.clinicalContentImpact() || cr.patientSafetyImpact() || cr.phiImpact()
        || cr.interfaceImpact() || cr.scopeChange() != null && !"NONE".equals(cr.scopeChange());
    freeze().refusesImplementing(id, projects.get(cr.projectId()).goLiveDate(), cr.changeType(), touchesConfiguration,
        cr.implementer() == null, EngineClock.today()).ifPresent(problem -> {
          throw new InvalidVariablesException(problem);
        });
    repository.update(id, new Object[] {"implementer", user, "implemented_at", EngineClock.now(),
        "implementation_reference", reference, "status", "IMPLEMENTED"});
    event(id, user, "IMPLEMENTED", reference + ": " + note);
  }

  public void checkVerifier(String id, String user) {
    refuse(ChangeDuties.whyNotVerifier(parties(id), user));
  }

  public void verified(String id, String user, Boolean verified, String note) {
    if (verified == null || note == null) {
      throw new InvalidVariablesException("changeVerified and verificationNote are required");
    }
    checkVerifier(id, user);
    if (verified) {
      repository.update(id, new Object[] {"verifier", user, "verified_at", EngineClock.now(), "status", "VERIFIED"});
    } else {
      repository.update(id, "status", "APPROVED");
    }
    event(id, user, verified ? "VERIFIED" : "VERIFICATION_FAILED", note);
  }

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

  private static void refuse(java.util.Optional<String> why) {
    why.ifPresent(reason -> {
      throw new AuthorizationException(reason);
    });
  }

  public void retrospective(String id, String user, Boolean accepted, String note) {
    if (accepted == null || note == null) {
      throw new InvalidVariablesException("retrospectiveAccepted and retrospectiveNote are required");
    }
    checkRetrospectiveReviewer(id, user);
    event(id, user, accepted ? "RETROSPECTIVE_ACCEPTED" : "RETROSPECTIVE_FOLLOW_UP", note);
  }

  // ---------------------------------------------------------------- baselines

  /**
   * Moves the project's baselines: budget by the cost impact, go-live to the approved date (sent to
   * the lifecycle as GoLiveDateChanged), scope as recorded; each move is an audit entry.
   */
  public void updateBaselines(String id) {
    ChangeRequest cr = repository.get(id);
    Baseline project = projects.get(cr.projectId());
    String actor = cr.verifier();
    if (cr.costImpact() != 0) {
      long budget = project.budget() + cr.costImpact();
      projects.moveBudget(project.projectId(), budget);
      baseline(cr, "BUDGET", String.valueOf(project.budget()), String.valueOf(budget), actor);
    }
    if (cr.movesGoLive()) {
      String problem = projects.whyGoLiveCannotMove(project.projectId())
          .orElse(cr.newGoLiveDate().isAfter(EngineClock.today()) ? null : cr.newGoLiveDate() + " has passed");
      if (problem == null) {
        baseline(cr, "GO_LIVE", project.goLiveDate().toString(), cr.newGoLiveDate().toString(), actor);
        projects.moveGoLive(project.projectId(), cr.newGoLiveDate(), id + " approved: " + cr.title());
      } else {
        // the change is closed anyway; the PMO sees why the date did not move
        event(id, actor, "GO_LIVE_NOT_MOVED", "go-live stays " + project.goLiveDate() + ": " + problem);
        projects.recordEvent(project.projectId(), actor, "GO_LIVE_NOT_MOVED",
            id + ": " + cr.newGoLiveDate() + " not applied, " + problem);
      }
    }
    if (cr.scheduleImpactDays() != 0) {
      baseline(cr, "SCHEDULE", null, cr.scheduleImpactDays() + " business days", actor);
    }
    if (cr.scopeChange() != null && !"NONE".equals(cr.scopeChange())) {
      baseline(cr, "SCOPE", null, cr.scopeChange() + ": " + cr.title(), actor);
    }
    repository.update(id, new Object[] {"status", "CLOSED", "closed_at", EngineClock.now()});
    event(id, null, "CLOSED", "baselines updated");
  }

  private void baseline(ChangeRequest cr, String field, String oldValue, String newValue, String actor) {
    repository.insertBaselineChange(new BaselineChange(null, cr.projectId(), cr.changeRequestId(), field, oldValue,
        TaskFields.clipped(newValue, 300), EngineClock.now(), actor));
    projects.recordEvent(cr.projectId(), actor, "BASELINE_" + field,
        cr.changeRequestId() + ": " + (oldValue == null ? "" : oldValue + " -> ") + newValue);
  }

  public void event(String id, String actor, String event, String details) {
    repository.insertEvent(id, EngineClock.now(), actor, event, TaskFields.clipped(details, 2000));
  }

  static String blankToNull(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }
}
