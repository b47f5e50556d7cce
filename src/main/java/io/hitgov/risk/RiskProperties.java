package io.hitgov.risk;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Risk escalation SLAs ({@code hitgov.risk.*}); all DEF defaults of docs/domain/risk.md#escalation, in business
 * days unless named otherwise.
 *
 * @param planDueBusinessDays per band: business days the owner has for a mitigation plan before
 *     the risk escalates one level (and again after each further period)
 * @param reviewCadenceDays per band: calendar days between reviews
 * @param safetyAcknowledgement ISO-8601 duration for the patient-safety acknowledgement (24/7, not business time)
 * @param rootCauseAnalysisBusinessDays due date of a root-cause analysis after severe harm
 */
@ConfigurationProperties("hitgov.risk")
public record RiskProperties(
    Map<String, Integer> planDueBusinessDays,
    Map<String, Integer> reviewCadenceDays,
    @DefaultValue("PT4H") String safetyAcknowledgement,
    @DefaultValue("45") int rootCauseAnalysisBusinessDays) {

  static final Map<String, Integer> DEFAULT_PLAN_DUE = Map.of("EXTREME", 2, "HIGH", 5, "MODERATE", 10, "LOW", 20);
  static final Map<String, Integer> DEFAULT_REVIEW_CADENCE = Map.of("EXTREME", 7, "HIGH", 14, "MODERATE", 30, "LOW", 90);

  public int planDue(String band) {
    return (planDueBusinessDays == null ? DEFAULT_PLAN_DUE : planDueBusinessDays)
        .getOrDefault(band, DEFAULT_PLAN_DUE.getOrDefault(band, 10));
  }

  public int reviewCadence(String band) {
    return (reviewCadenceDays == null ? DEFAULT_REVIEW_CADENCE : reviewCadenceDays)
        .getOrDefault(band, DEFAULT_REVIEW_CADENCE.getOrDefault(band, 30));
  }
}
