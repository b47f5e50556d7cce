package io.hitgov.stagegate;

import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.lifecycle.ProjectGates.RedCriteria;
import io.hitgov.shared.GovernanceGroup;
import io.hitgov.stagegate.GateRecords.Criterion;
import io.hitgov.stagegate.GateRecords.GateRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The rules of a gate review as plain functions (no Spring, no engine, no database): which hard and
 * soft blockers a review has, what a vote may say (TERMINATE only by the steering committee, the
 * fields of a GO_WITH_CONDITIONS), four-eyes between signatories and submitters, the groups still
 * to vote and the inputs of GateOutcomeDecision. {@link GateService} gathers the facts and records
 * the results.
 */
public final class GatePolicy {

  private GatePolicy() {}

  /** Blockers: hard ones make a NO_GO, soft ones at most a GO_WITH_CONDITIONS. */
  public record Blockers(List<String> hard, List<String> soft) {
    public String text() {
      if (hard.isEmpty() && soft.isEmpty()) {
        return "none";
      }
      return hard.stream().map(h -> "- **hard**: " + h).collect(Collectors.joining("\n"))
          + (hard.isEmpty() || soft.isEmpty() ? "" : "\n")
          + soft.stream().map(s -> "- soft: " + s).collect(Collectors.joining("\n"));
    }
  }

  /**
   * What the project's records and the neighbouring features say against the gate: the G5 test
   * exit problems, the patient-safety risks holding the gate, and at G6 the HIPAA pass, the risk
   * profile's red flags and the latest readiness scoring (null when never scored).
   */
  public record Facts(List<String> testExitProblems, List<String> holdingRisks, boolean hipaaPassValid,
      List<String> riskProfileProblems, RedCriteria latestReadiness) {}

  /** What HITGov itself finds against passing the gate, from the review's records and the facts. */
  public static Blockers blockers(String gateId, List<GateRecord> records, List<Criterion> checklist, Facts facts) {
    List<String> hard = new ArrayList<>();
    List<String> soft = new ArrayList<>();
    Map<String, Criterion> byId = checklist.stream().collect(Collectors.toMap(Criterion::criterionId, c -> c));
    records.stream().filter(r -> "EVIDENCE".equals(r.kind())).reduce((a, b) -> b)
        .map(GateRecord::unmetCriteria).filter(u -> u != null && !u.isBlank())
        .ifPresent(u -> Arrays.stream(u.split(",")).forEach(id -> {
          Criterion c = byId.get(id);
          String line = id + " not met: " + (c == null ? "(no longer in the checklist)" : c.criterion());
          (c == null || c.hard() ? hard : soft).add(line);
        }));
    if ("G5".equals(gateId)) {
      hard.addAll(facts.testExitProblems());
    }
    facts.holdingRisks().forEach(riskId -> hard.add("held by patient-safety risk " + riskId));
    if ("G6".equals(gateId)) {
      if (!facts.hipaaPassValid()) {
        hard.add("no valid HIPAA audit gate PASS");
      }
      facts.riskProfileProblems().forEach(p -> hard.add("risk profile: " + p));
      boolean scored = records.stream().anyMatch(r -> "READINESS".equals(r.kind()));
      RedCriteria latest = facts.latestReadiness();
      if (!scored || latest == null) {
        hard.add("go-live readiness not scored in this review");
      } else {
        latest.hard().forEach(named -> hard.add("readiness red: " + named));
        latest.soft().forEach(named -> soft.add("readiness red: " + named));
      }
    }
    return new Blockers(hard, soft);
  }

  /**
   * Four-eyes: why {@code user} may not sign this review, if so. A signatory signs once per round
   * and not a review whose evidence pack or readiness scorecard they submitted.
   */
  public static Optional<String> fourEyesViolation(String reviewId, List<GateRecord> records, String user) {
    for (GateRecord r : records) {
      if ("VOTE".equals(r.kind()) && user.equals(r.userId())) {
        return Optional.of("User '" + user + "' already signed " + reviewId + " as " + r.groupId()
            + "; every signature of a gate must come from a different person (four-eyes)");
      }
      if (("EVIDENCE".equals(r.kind()) || "READINESS".equals(r.kind())) && user.equals(r.userId())) {
        return Optional.of("User '" + user + "' submitted the evidence pack or the readiness scorecard of "
            + reviewId + " and cannot sign it (four-eyes)");
      }
    }
    return Optional.empty();
  }

  /**
   * What is wrong with a signatory's vote for {@code group}: the outcome, a comment unless GO,
   * TERMINATE only by the steering committee, and for GO_WITH_CONDITIONS the condition's text,
   * owner (a user, as {@code isUser} says) and due date ({@code due}, already parsed; not before
   * {@code today}).
   */
  public static List<String> voteProblems(String group, String outcome, String comment, String conditionText,
      String conditionOwner, Predicate<String> isUser, LocalDate due, LocalDate today) {
    List<String> problems = new ArrayList<>();
    if (outcome == null || !ImplementationLifecycleProcess.Values.GATE_OUTCOMES.contains(outcome)) {
      problems.add("gateOutcome must be one of " + ImplementationLifecycleProcess.Values.GATE_OUTCOMES);
    } else if (!"GO".equals(outcome) && comment == null) {
      problems.add("gateComment is required unless gateOutcome is GO");
    }
    if ("TERMINATE".equals(outcome) && !GovernanceGroup.STEERING_COMMITTEE.id().equals(group)) {
      problems.add("gateOutcome TERMINATE is reserved to the steering committee (this review is for " + group + ")");
    }
    if ("GO_WITH_CONDITIONS".equals(outcome)) {
      if (conditionText == null) {
        problems.add("conditionText is required for GO_WITH_CONDITIONS");
      }
      if (conditionOwner == null) {
        problems.add("conditionOwner is required for GO_WITH_CONDITIONS");
      } else if (!isUser.test(conditionOwner)) {
        problems.add("conditionOwner '" + conditionOwner + "' is not a user");
      }
      if (due == null) {
        problems.add("conditionDue is required for GO_WITH_CONDITIONS");
      } else if (due.isBefore(today)) {
        problems.add("conditionDue " + due + " is in the past");
      }
    }
    return problems;
  }

  /** The signatory groups that have not voted yet in this round. */
  public static List<String> pendingGroups(List<GateRecord> records, List<String> reviewers) {
    Set<String> voted = records.stream().filter(r -> "VOTE".equals(r.kind()))
        .map(GateRecord::groupId).collect(Collectors.toSet());
    return reviewers.stream().filter(g -> !voted.contains(g)).toList();
  }

  /** The inputs of GateOutcomeDecision: the votes by outcome and the blockers. */
  public static Map<String, Object> outcomeInputs(List<GateRecord> votes, Blockers blockers) {
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("terminateVotes", count(votes, "TERMINATE"));
    counts.put("noGoVotes", count(votes, "NO_GO"));
    counts.put("recycleVotes", count(votes, "RECYCLE"));
    counts.put("hardBlockers", blockers.hard().size());
    counts.put("conditionVotes", count(votes, "GO_WITH_CONDITIONS"));
    counts.put("softGaps", blockers.soft().size());
    return counts;
  }

  private static int count(List<GateRecord> votes, String outcome) {
    return (int) votes.stream().filter(v -> outcome.equals(v.outcome())).count();
  }
}
