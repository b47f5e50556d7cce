package io.hitgov.hipaa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The result of applying the HIPAA gate rule ({@link HipaaGateRule}) to a gate's evidence and BAAs. */
public record HipaaEvaluation(int passCount, int annualReviewCount, List<String> blockedSpecs,
    Map<String, String> specFindings, Map<Integer, String> baaFindings) {

  public boolean clear() {
    return blockedSpecs.isEmpty() && baaFindings.isEmpty();
  }

  public int blockedCount() {
    return blockedSpecs.size() + baaFindings.size();
  }

  public String summary() {
    if (clear()) {
      return "No blocking findings.";
    }
    List<String> lines = new ArrayList<>();
    specFindings.forEach((spec, finding) -> lines.add(spec + ": " + finding));
    baaFindings.forEach((position, finding) -> lines.add("BAA #" + position + ": " + finding));
    return String.join("\n", lines);
  }
}
