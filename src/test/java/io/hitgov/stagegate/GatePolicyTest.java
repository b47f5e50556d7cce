package io.hitgov.stagegate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.GovernanceGroup;
import io.hitgov.stagegate.GatePolicy.Blockers;
import io.hitgov.stagegate.GatePolicy.Facts;
import io.hitgov.lifecycle.ProjectGates.RedCriteria;
import io.hitgov.stagegate.GateRecords.Criterion;
import io.hitgov.stagegate.GateRecords.GateRecord;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gate review rules as plain functions: blockers, four-eyes, what a vote may say, the outcome inputs. */
class GatePolicyTest {

  static final String REVIEW = "GATE-EHR-1-G3-1";
  static final String STEERING = GovernanceGroup.STEERING_COMMITTEE.id();
  static final String SPONSOR = GovernanceGroup.EXECUTIVE_SPONSOR.id();
  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  static final List<Criterion> CHECKLIST = List.of(new Criterion("G3-1", "design signed off", true),
      new Criterion("G3-2", "interfaces listed", false));
  static final Facts NOTHING_AGAINST = new Facts(List.of(), List.of(), true, List.of(), null);

  static GateRecord row(String kind, String user, String group, String outcome, String unmet) {
    return new GateRecord(null, REVIEW, "EHR-1", "G3", 1, kind, user, group, OffsetDateTime.now(), outcome, null,
        null, unmet, null, null, null, null, null, null);
  }

  static GateRecord evidence(String user, String unmet) {
    return row("EVIDENCE", user, null, null, unmet);
  }

  static GateRecord vote(String user, String group, String outcome) {
    return row("VOTE", user, group, outcome, null);
  }

  // ---------------------------------------------------------------- blockers

  @Test
  void an_unmet_hard_criterion_blocks_hard_a_soft_one_soft_and_a_criterion_gone_from_the_checklist_hard() {
    Blockers blockers = GatePolicy.blockers("G3", List.of(evidence("maria", "G3-1,G3-2,G3-9")), CHECKLIST,
        NOTHING_AGAINST);

    assertThat(blockers.hard()).containsExactly("G3-1 not met: design signed off",
        "G3-9 not met: (no longer in the checklist)");
    assertThat(blockers.soft()).containsExactly("G3-2 not met: interfaces listed");
    assertThat(blockers.text()).isEqualTo("- **hard**: G3-1 not met: design signed off\n"
        + "- **hard**: G3-9 not met: (no longer in the checklist)\n- soft: G3-2 not met: interfaces listed");
  }

  @Test
  void only_the_latest_evidence_pack_counts_and_none_unmet_is_no_blocker() {
    Blockers blockers = GatePolicy.blockers("G3", List.of(evidence("maria", "G3-1"), evidence("maria", null)),
        CHECKLIST, NOTHING_AGAINST);

    assertThat(blockers.hard()).isEmpty();
    assertThat(blockers.soft()).isEmpty();
    assertThat(blockers.text()).isEqualTo("none");
  }

  @Test
  void a_holding_patient_safety_risk_blocks_any_gate_and_test_exit_problems_only_g5() {
    Facts facts = new Facts(List.of("G5-1 red in the recorded test rounds"), List.of("RISK-7"), true, List.of(), null);

    assertThat(GatePolicy.blockers("G3", List.of(), CHECKLIST, facts).hard())
        .containsExactly("held by patient-safety risk RISK-7");
    assertThat(GatePolicy.blockers("G5", List.of(), List.of(), facts).hard())
        .containsExactly("G5-1 red in the recorded test rounds", "held by patient-safety risk RISK-7");
  }

  @Test
  void g6_needs_a_valid_hipaa_pass_a_green_risk_profile_and_readiness_scored_in_this_review() {
    Facts facts = new Facts(List.of(), List.of(), false, List.of("open EXTREME risk RISK-3"),
        new RedCriteria(List.of("R05"), List.of("R12")));

    Blockers unscored = GatePolicy.blockers("G6", List.of(evidence("maria", null)), List.of(), facts);
    assertThat(unscored.hard()).containsExactly("no valid HIPAA audit gate PASS", "risk profile: open EXTREME risk RISK-3",
        "go-live readiness not scored in this review");
    assertThat(unscored.soft()).isEmpty();

    Blockers scored = GatePolicy.blockers("G6", List.of(evidence("maria", null), row("READINESS", "paula", null,
        "NO_GO", "R05,R12")), List.of(), facts);
    assertThat(scored.hard()).containsExactly("no valid HIPAA audit gate PASS", "risk profile: open EXTREME risk RISK-3",
        "readiness red: R05");
    assertThat(scored.soft()).containsExactly("readiness red: R12");
  }

  @Test
  void the_g6_rules_do_not_apply_to_other_gates() {
    Facts facts = new Facts(List.of(), List.of(), false, List.of("open EXTREME risk RISK-3"), null);

    assertThat(GatePolicy.blockers("G3", List.of(), CHECKLIST, facts).hard()).isEmpty();
  }

  // ---------------------------------------------------------------- four-eyes

  @Test
  void a_signatory_signs_once_and_never_a_review_whose_evidence_or_scorecard_they_submitted() {
    List<GateRecord> records = List.of(evidence("maria", null), row("READINESS", "paula", null, "GO", null),
        vote("edward", SPONSOR, "GO"));

    assertThat(GatePolicy.fourEyesViolation(REVIEW, records, "edward")).hasValueSatisfying(v ->
        assertThat(v).contains("already signed " + REVIEW + " as " + SPONSOR).contains("four-eyes"));
    assertThat(GatePolicy.fourEyesViolation(REVIEW, records, "maria")).hasValueSatisfying(v ->
        assertThat(v).contains("submitted the evidence pack or the readiness scorecard").contains("four-eyes"));
    assertThat(GatePolicy.fourEyesViolation(REVIEW, records, "paula")).isPresent();
    assertThat(GatePolicy.fourEyesViolation(REVIEW, records, "steve")).isEmpty();
  }

  // ---------------------------------------------------------------- votes

  static List<String> problems(String group, String outcome, String comment) {
    return GatePolicy.voteProblems(group, outcome, comment, null, null, u -> true, null, TODAY);
  }

  @Test
  void terminate_is_reserved_to_the_steering_committee() {
    assertThat(problems(SPONSOR, "TERMINATE", "stop it")).containsExactly(
        "gateOutcome TERMINATE is reserved to the steering committee (this review is for " + SPONSOR + ")");
    assertThat(problems(STEERING, "TERMINATE", "stop it")).isEmpty();
  }

  @Test
  void an_outcome_from_the_list_and_a_comment_unless_go() {
    assertThat(problems(SPONSOR, "GO", null)).isEmpty();
    assertThat(problems(SPONSOR, "NO_GO", null)).containsExactly("gateComment is required unless gateOutcome is GO");
    assertThat(problems(SPONSOR, "MAYBE", "hm")).containsExactly(
        "gateOutcome must be one of [GO, GO_WITH_CONDITIONS, RECYCLE, NO_GO, TERMINATE]");
    assertThat(problems(SPONSOR, null, null)).hasSize(1);
  }

  @Test
  void go_with_conditions_needs_a_text_an_owner_who_is_a_user_and_a_due_date_not_in_the_past() {
    assertThat(GatePolicy.voteProblems(SPONSOR, "GO_WITH_CONDITIONS", "ok if", null, null, u -> true, null, TODAY))
        .containsExactly("conditionText is required for GO_WITH_CONDITIONS",
            "conditionOwner is required for GO_WITH_CONDITIONS", "conditionDue is required for GO_WITH_CONDITIONS");
    assertThat(GatePolicy.voteProblems(SPONSOR, "GO_WITH_CONDITIONS", "ok if", "train the night shift", "ghost",
        Set.of("mike")::contains, TODAY.minusDays(1), TODAY)).containsExactly("conditionOwner 'ghost' is not a user",
            "conditionDue " + TODAY.minusDays(1) + " is in the past");
    assertThat(GatePolicy.voteProblems(SPONSOR, "GO_WITH_CONDITIONS", "ok if", "train the night shift", "mike",
        Set.of("mike")::contains, TODAY, TODAY)).isEmpty();
  }

  // ---------------------------------------------------------------- pending groups and outcome inputs

  @Test
  void the_groups_still_to_vote_and_the_inputs_of_the_outcome_decision() {
    List<GateRecord> votes = new ArrayList<>(List.of(vote("edward", SPONSOR, "GO_WITH_CONDITIONS"),
        vote("steve", STEERING, "NO_GO")));

    assertThat(GatePolicy.pendingGroups(votes, List.of(SPONSOR, STEERING, GovernanceGroup.PMO.id())))
        .containsExactly(GovernanceGroup.PMO.id());
    assertThat(GatePolicy.outcomeInputs(votes, new Blockers(List.of("a", "b"), List.of("c"))))
        .containsExactly(Map.entry("terminateVotes", 0), Map.entry("noGoVotes", 1),
            Map.entry("recycleVotes", 0), Map.entry("hardBlockers", 2),
            Map.entry("conditionVotes", 1), Map.entry("softGaps", 1));
  }
}
