package io.hitgov.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.change.ChangeDuties.Parties;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Segregation of duties on a change, as plain functions (no Spring, no engine). */
class ChangeDutiesTest {

  final Parties change = new Parties("CR-1", "irene", Set.of("ivan"), Map.of("fiona", "finance"));

  @Test
  void the_requester_neither_assesses_nor_approves_nor_reviews_afterwards() {
    assertThat(ChangeDuties.whyNotAssessor(change, "irene")).hasValueSatisfying(r -> assertThat(r)
        .contains("requested CR-1", "cannot assess"));
    assertThat(ChangeDuties.whyNotApprover(change, "irene")).hasValueSatisfying(r -> assertThat(r)
        .contains("requester is never the approver"));
    assertThat(ChangeDuties.whyNotRetrospectiveReviewer(change, "irene")).isPresent();
    assertThat(ChangeDuties.whyNotVerifier(change, "irene")).as("the requester may verify").isEmpty();
  }

  @Test
  void the_implementer_neither_approves_nor_verifies_nor_reviews_afterwards() {
    assertThat(ChangeDuties.whyNotApprover(change, "ivan")).hasValueSatisfying(r -> assertThat(r)
        .contains("implemented CR-1"));
    assertThat(ChangeDuties.whyNotVerifier(change, "ivan")).hasValueSatisfying(r -> assertThat(r)
        .contains("the tester is never the builder"));
    assertThat(ChangeDuties.whyNotRetrospectiveReviewer(change, "ivan")).isPresent();
    assertThat(ChangeDuties.whyNotAssessor(change, "ivan")).isEmpty();
  }

  @Test
  void an_approver_does_not_implement() {
    assertThat(ChangeDuties.whyNotImplementer(change, "fiona")).hasValueSatisfying(r -> assertThat(r)
        .isEqualTo("User 'fiona' approved CR-1 and cannot implement it"));
    assertThat(ChangeDuties.whyNotImplementer(change, "ivan")).isEmpty();
  }

  @Test
  void one_person_approves_a_change_once() {
    assertThat(ChangeDuties.whyNotAnotherApproval(change, "fiona")).hasValueSatisfying(r -> assertThat(r)
        .contains("already decided CR-1 for finance"));
    assertThat(ChangeDuties.whyNotAnotherApproval(change, "mike")).isEmpty();
  }

  @Test
  void anyone_else_may_take_every_duty() {
    assertThat(ChangeDuties.whyNotAssessor(change, "mike")).isEmpty();
    assertThat(ChangeDuties.whyNotApprover(change, "mike")).isEmpty();
    assertThat(ChangeDuties.whyNotVerifier(change, "mike")).isEmpty();
    assertThat(ChangeDuties.whyNotRetrospectiveReviewer(change, "mike")).isEmpty();
  }
}
