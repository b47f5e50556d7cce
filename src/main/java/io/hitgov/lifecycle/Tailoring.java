package io.hitgov.lifecycle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What LifecycleTailoringDecision decided for a project type: the phases skipped (with their
 * gates), clinical-content validation in P5, and the readiness criteria that apply
 * (docs/domain/lifecycle-and-gates.md). {@link #resolve} is the pure rule around the PMO's table:
 * R01-R03 always apply and an unknown criterion stops the start; tested without Spring.
 */
public record Tailoring(String projectType, boolean runP2, boolean runP8, boolean clinicalContentValidation,
    List<String> readinessCriteria) {

  public Set<String> skippedPhases() {
    Set<String> skipped = new TreeSet<>();
    if (!runP2) {
      skipped.add("P2");
    }
    if (!runP8) {
      skipped.add("P8");
    }
    return skipped;
  }

  /** The lifecycle before tailoring (version 1): every phase but P2 without vendor selection, R01-R20. */
  public static Tailoring untailored(boolean vendorSelectionRequired) {
    return new Tailoring(ImplementationLifecycleProcess.Values.DEFAULT_PROJECT_TYPE, vendorSelectionRequired, true,
        false, ImplementationLifecycleProcess.Values.DEFAULT_READINESS_CRITERIA);
  }

  /**
   * The tailoring of one decision row: {@code notApplicable} and {@code added} are the row's
   * comma-separated criteria. Refused (IllegalStateException) when the row tailors away a criterion
   * that applies to every project or names an unknown one.
   */
  public static Tailoring resolve(String type, boolean runP2, boolean runP8, boolean clinicalContentValidation,
      Object notApplicableCriteria, Object addedCriteria) {
    List<String> notApplicable = criteria(notApplicableCriteria);
    List<String> added = criteria(addedCriteria);
    List<String> problems = new ArrayList<>();
    notApplicable.stream().filter(ImplementationLifecycleProcess.Values.UNTAILORABLE_CRITERIA::contains)
        .forEach(c -> problems.add(c + " applies to every project and cannot be tailored away"));
    Stream.concat(notApplicable.stream(), added.stream())
        .filter(c -> !ImplementationLifecycleProcess.Values.READINESS_CRITERIA.contains(c))
        .forEach(c -> problems.add("unknown readiness criterion " + c));
    if (!problems.isEmpty()) {
      throw new IllegalStateException(ImplementationLifecycleProcess.TAILORING_DECISION + " for " + type + ": "
          + problems);
    }
    List<String> applicable = ImplementationLifecycleProcess.Values.READINESS_CRITERIA.stream()
        .filter(c -> (ImplementationLifecycleProcess.Values.DEFAULT_READINESS_CRITERIA.contains(c) || added.contains(c))
            && !notApplicable.contains(c))
        .toList();
    return new Tailoring(type, runP2, runP8, clinicalContentValidation, applicable);
  }

  private static List<String> criteria(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::strip).filter(c -> !c.isEmpty()).toList();
  }
}
