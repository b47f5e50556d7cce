package io.hitgov.lifecycle;

import io.hitgov.lifecycle.LifecycleRecords.Deliverable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * G5's test exit criteria over the project's P5 records (docs/domain/lifecycle-and-gates.md#gates):
 * the latest integrated test rounds reach the pass rate with no open Critical/High defect (G5-1),
 * and every department's last UAT sign-off after those rounds accepted the build (G5-5). Plain
 * function of the records, tested without Spring.
 */
final class TestExitPolicy {

  private final int passRatePercent;

  TestExitPolicy(int passRatePercent) {
    this.passRatePercent = passRatePercent;
  }

  /** The red criteria, with their reasons, of a project's deliverables in submission order. */
  List<String> problems(List<Deliverable> deliverables) {
    List<String> problems = new ArrayList<>();
    Deliverable latestRounds = deliverables.stream()
        .filter(d -> ImplementationLifecycleProcess.Elements.RUN_INTEGRATED_TESTING.equals(d.taskKey()))
        .reduce((a, b) -> b).orElse(null);
    if (latestRounds != null && (latestRounds.passRate() != null && latestRounds.passRate() < passRatePercent
        || latestRounds.openCritical() != null && latestRounds.openCritical() > 0)) {
      problems.add("G5-1 red in the recorded test rounds: pass rate " + latestRounds.passRate() + "% (at least "
          + passRatePercent + "% needed), " + latestRounds.openCritical() + " open Critical/High");
    }
    // the sign-offs given after the latest test rounds count (a recycled P5 re-plans them); per department the last wins
    long since = latestRounds == null ? 0 : latestRounds.id();
    Map<String, Boolean> uat = new LinkedHashMap<>();
    deliverables.stream().filter(d -> ImplementationLifecycleProcess.Elements.SIGN_OFF_UAT.equals(d.taskKey()))
        .filter(d -> d.id() > since)
        .forEach(d -> uat.put(d.item(), Boolean.TRUE.equals(d.accepted())));
    uat.forEach((department, accepted) -> {
      if (!accepted) {
        problems.add("G5-5 red: UAT not accepted by " + department);
      }
    });
    return problems;
  }
}
