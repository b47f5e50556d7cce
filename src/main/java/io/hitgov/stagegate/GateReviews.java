package io.hitgov.stagegate;

import io.hitgov.lifecycle.LifecycleProperties;
import io.hitgov.lifecycle.ProjectGates;
import io.hitgov.lifecycle.ProjectReadiness;
import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.Readable;
import io.hitgov.stagegate.GateRecords.Criterion;
import io.hitgov.stagegate.GateRecords.GateRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;

/**
 * Opening a stage gate review round (StageGateReviewProcess): the checklist and signatories from
 * their decision tables, the comments of earlier rounds, the due dates, and the evidence pack and
 * readiness scoring recorded for the round.
 */
@Service
public class GateReviews {

  /** A review round as opened. */
  public record Review(String reviewId, int round, List<Criterion> checklist, List<String> reviewers,
      String checklistText, String previousComments, String evidencePackDue, String decisionDue) {}

  private final GateRepository repository;
  private final GateLog log;
  private final ProjectGates projects;
  private final DecisionService decisionService;
  private final IdCounter idCounter;
  private final LifecycleProperties properties;
  private final Readable readable;

  GateReviews(GateRepository repository, GateLog log, ProjectGates projects, DecisionService decisionService,
      IdCounter idCounter, LifecycleProperties properties, Readable readable) {
    this.readable = readable;
    this.repository = repository;
    this.log = log;
    this.projects = projects;
    this.decisionService = decisionService;
    this.idCounter = idCounter;
    this.properties = properties;
  }

  /** The gate's checklist (StageGateChecklistDecision). */
  public List<Criterion> checklist(String gateId) {
    return decisionService.evaluateDecisionByKey(StageGateReviewProcess.CHECKLIST_DECISION)
        .variables(Variables.createVariables().putValue("gateId", gateId)).evaluate().stream()
        .map(row -> new Criterion((String) row.get("criterionId"), (String) row.get("criterion"),
            Boolean.TRUE.equals(row.get("hard"))))
        .toList();
  }

  public Review open(String projectId, String gateId, String user) {
    List<Criterion> checklist = checklist(gateId);
    List<String> reviewers = decisionService.evaluateDecisionByKey(StageGateReviewProcess.SIGNATORIES_DECISION)
        .variables(Variables.createVariables().putValue("gateId", gateId)).evaluate()
        .collectEntries("signatoryGroup").stream().map(String.class::cast).distinct().toList();
    if (reviewers.isEmpty()) {
      throw new IllegalStateException(StageGateReviewProcess.SIGNATORIES_DECISION + " names no signatory for " + gateId);
    }
    String previous = previousComments(projectId, gateId);
    int round = (int) idCounter.next("GATE/" + projectId + "/" + gateId);
    String reviewId = "GATE-" + projectId + "-" + gateId + "-" + round;
    log.record(GateRecord.step(reviewId, projectId, gateId, round, "OPENED").by(user, null)
        .decision(StageGateReviewProcess.CHECKLIST_DECISION,
            projects.latestVersion(StageGateReviewProcess.CHECKLIST_DECISION))
        .details("signatories " + reviewers + "; checklist " + checklist.stream().map(Criterion::criterionId).toList()));
    String text = checklist.stream().map(c -> "- **" + c.criterionId() + "** " + (c.hard() ? "(hard) " : "(soft) ")
        + c.criterion()).collect(Collectors.joining("\n"));
    return new Review(reviewId, round, checklist, reviewers, text, previous,
        BusinessCalendar.dueInBusinessDays(properties.evidencePackBusinessDays()),
        BusinessCalendar.dueInBusinessDays(properties.gateDecisionBusinessDays()));
  }

  private String previousComments(String projectId, String gateId) {
    String text = repository.gateHistory(projectId, gateId).stream()
        .filter(r -> r.comment() != null && r.userId() != null) // a decision repeats its votes' comments
        .map(r -> "- round " + r.round() + ", " + Readable.date(r.at()) + ": " + Readable.words(r.kind()).toLowerCase()
            + (r.outcome() == null ? "" : " " + Readable.words(r.outcome()).toLowerCase()) + " by " + readable.user(r.userId())
            + (r.groupId() == null ? "" : " for " + Readable.group(r.groupId())) + ": " + r.comment())
        .collect(Collectors.joining("\n"));
    return text.isEmpty() ? "none" : text;
  }

  /** Records the evidence pack; refuses unknown criterion ids. Returns the normalized unmet ids. */
  public String recordEvidence(String reviewId, String projectId, String gateId, int round, String references,
      String unmet, String note, String user) {
    if (references == null) {
      throw new InvalidVariablesException("evidenceReferences is required");
    }
    Set<String> known = checklist(gateId).stream().map(Criterion::criterionId).collect(Collectors.toSet());
    List<String> ids = unmet == null ? List.of() : Arrays.stream(unmet.split("[,;\\s]+"))
        .filter(s -> !s.isBlank()).map(String::toUpperCase).distinct().toList();
    List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new InvalidVariablesException("unmetCriteria " + unknown + " are not criteria of " + gateId + " "
          + known.stream().sorted().toList());
    }
    String normalized = String.join(",", ids);
    log.record(GateRecord.step(reviewId, projectId, gateId, round, "EVIDENCE").by(user, null).outcome(null, note)
        .evidence(references, normalized.isEmpty() ? null : normalized));
    return normalized.isEmpty() ? "none" : normalized;
  }

  public void recordReadiness(String reviewId, String projectId, String gateId, int round, ProjectReadiness.Readiness r,
      String user) {
    log.record(GateRecord.step(reviewId, projectId, gateId, round, "READINESS").by(user, null).outcome(r.outcome(), null)
        .evidence(null, r.redHard().isEmpty() && r.redSoft().isEmpty() ? null
            : String.join(",", concat(r.redHard(), r.redSoft())))
        .decision("GoLiveReadinessDecision", projects.latestVersion("GoLiveReadinessDecision")).details(r.summary()));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(new LinkedHashSet<>(a));
    all.addAll(b);
    return all;
  }
}
