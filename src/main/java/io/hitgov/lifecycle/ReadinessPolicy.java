package io.hitgov.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a go-live readiness scoring around GoLiveReadinessDecision
 * (docs/domain/lifecycle.md): which criteria the table sees as scored and which as not applicable
 * to the project's type, and what a checkpoint does about red hard criteria (a HIGH risk per
 * criterion from T-30, a NO_GO proposal for G6 from T-7). Plain functions, tested without Spring.
 */
public final class ReadinessPolicy {

  private ReadinessPolicy() {}

  /**
   * The decision's inputs: a criterion applicable to the project is green only when ticked; one the
   * project's type does not apply (LifecycleTailoringDecision) counts as green and is listed.
   */
  public record Inputs(Map<String, Boolean> values, List<String> notApplicable) {

    /** "all green" or "red: R04,R10", with "; n/a: ..." for the criteria not applied. */
    public String text() {
      String red = String.join(",", values.entrySet().stream().filter(e -> !e.getValue())
          .map(e -> e.getKey().toUpperCase(Locale.ROOT)).toList());
      return (red.isEmpty() ? "all green" : "red: " + red)
          + (notApplicable.isEmpty() ? "" : "; n/a: " + String.join(",", notApplicable));
    }
  }

  /** What a checkpoint does: the red hard criteria to raise a risk for, and the G6 proposal afterwards. */
  public record Actions(List<String> raiseRisksFor, String proposal) {}

  public static Inputs inputs(List<String> criteria, List<String> applicable, Map<String, Boolean> scored) {
    Map<String, Boolean> values = new LinkedHashMap<>();
    List<String> notApplicable = new ArrayList<>();
    for (String criterion : criteria) {
      String key = criterion.toLowerCase(Locale.ROOT);
      values.put(key, !applicable.contains(criterion) || Boolean.TRUE.equals(scored.get(key)));
      if (!applicable.contains(criterion)) {
        notApplicable.add(criterion);
      }
    }
    return new Inputs(values, notApplicable);
  }

  /**
   * At a checkpoint {@code daysToGoLive} before go-live: from {@code riskDays} on, each red hard
   * criterion not raised before gets a risk; from {@code noGoDays} on, NO_GO is proposed while any
   * hard criterion is red (and withdrawn when none is). Earlier, the proposal stays as it was.
   */
  public static Actions checkpoint(long daysToGoLive, int riskDays, int noGoDays, List<String> redHard,
      Set<String> alreadyRaised, String proposal) {
    List<String> raise = daysToGoLive > riskDays ? List.of()
        : redHard.stream().filter(c -> !alreadyRaised.contains(c)).toList();
    return new Actions(raise, daysToGoLive > noGoDays ? proposal : redHard.isEmpty() ? null : "NO_GO");
  }
}
