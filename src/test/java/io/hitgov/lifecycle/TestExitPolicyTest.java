package io.hitgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.lifecycle.LifecycleRecords.Deliverable;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** G5's test exit rule over a project's P5 records, as a plain function (no Spring, no database). */
class TestExitPolicyTest {

  static final TestExitPolicy POLICY = new TestExitPolicy(95);
  static final String ROUNDS = ImplementationLifecycleProcess.Elements.RUN_INTEGRATED_TESTING;
  static final String UAT = ImplementationLifecycleProcess.Elements.SIGN_OFF_UAT;

  @Test
  void the_latest_test_rounds_must_reach_the_pass_rate_without_open_critical_defects() {
    assertThat(POLICY.problems(List.of(rounds(1, 90, 0), rounds(2, 97, 0)))).isEmpty();
    assertThat(POLICY.problems(List.of(rounds(1, 97, 0), rounds(2, 94, 2))))
        .containsExactly("G5-1 red in the recorded test rounds: pass rate 94% (at least 95% needed), 2 open Critical/High");
  }

  @Test
  void per_department_the_last_uat_sign_off_after_the_latest_rounds_counts() {
    List<Deliverable> records = List.of(uat(1, "Pharmacy", false), rounds(2, 99, 0), uat(3, "Radiology", false),
        uat(4, "Radiology", true), uat(5, "Nursing", false));
    assertThat(POLICY.problems(records)).containsExactly("G5-5 red: UAT not accepted by Nursing");
  }

  @Test
  void nothing_recorded_is_nothing_red() {
    assertThat(POLICY.problems(List.of())).isEmpty();
  }

  private static Deliverable rounds(long id, int passRate, int openCritical) {
    return withId(id, Deliverable.submitted("P", "P5", ROUNDS, "tom", OffsetDateTime.now()).item("all")
        .testRounds(passRate, openCritical).build());
  }

  private static Deliverable uat(long id, String department, boolean accepted) {
    return withId(id, Deliverable.submitted("P", "P5", UAT, "ursula", OffsetDateTime.now()).item(department)
        .accepted(accepted).build());
  }

  private static Deliverable withId(long id, Deliverable d) {
    return new Deliverable(id, d.projectId(), d.phase(), d.taskKey(), d.item(), d.documentId(), d.version(), d.summary(),
        d.accepted(), d.passRate(), d.openCritical(), d.submittedBy(), d.submittedAt());
  }
}
