package io.hitgov.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RiskScoreDecision (docs/domain/risk.md#score-and-bands): every band edge and the patient-safety override. */
class RiskScoreDecisionTest {

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of(RiskEscalationProcess.SCORE_RESOURCE))) {
      decision = dmn.parseDecision(RiskEscalationProcess.SCORE_DECISION, in);
    }
  }

  static DmnDecisionResultEntries score(String category, int likelihood, int impact) {
    return dmn.evaluateDecision(decision, Map.of("category", category, "likelihood", likelihood, "impact", impact))
        .getSingleResult();
  }

  @ParameterizedTest(name = "{0}: {1} x {2} = {3} {4}")
  @CsvSource({
    // band edges: 3|4, 6|8, 12|15 and the corners
    "SCHEDULE,       1, 1,  1, LOW",
    "BUDGET,         1, 3,  3, LOW",
    "TECHNICAL,      3, 1,  3, LOW",
    "ADOPTION,       2, 2,  4, MODERATE",
    "REGULATORY,     1, 4,  4, MODERATE",
    "SCHEDULE,       2, 3,  6, MODERATE",
    "SCHEDULE,       4, 2,  8, HIGH",
    "BUDGET,         3, 3,  9, HIGH",
    "TECHNICAL,      3, 4, 12, HIGH",
    "REGULATORY,     5, 3, 15, EXTREME",
    "ADOPTION,       4, 4, 16, EXTREME",
    "SCHEDULE,       5, 5, 25, EXTREME",
    "REGULATORY,     1, 5,  5, MODERATE",
    // patient safety without the override (impact below 4)
    "PATIENT_SAFETY, 1, 3,  3, LOW",
    "PATIENT_SAFETY, 4, 3, 12, HIGH",
    "PATIENT_SAFETY, 5, 3, 15, EXTREME",
    // override: impact 4 is at least HIGH
    "PATIENT_SAFETY, 1, 4,  4, HIGH",
    "PATIENT_SAFETY, 2, 4,  8, HIGH",
    "PATIENT_SAFETY, 4, 4, 16, EXTREME",
    // override: impact 5 with likelihood >= 2 is EXTREME; likelihood 1 is HIGH
    "PATIENT_SAFETY, 1, 5,  5, HIGH",
    "PATIENT_SAFETY, 2, 5, 10, EXTREME",
  })
  void scores_and_bands(String category, int likelihood, int impact, int expectedScore, String expectedBand) {
    DmnDecisionResultEntries result = score(category, likelihood, impact);
    assertThat(((Number) result.getEntry("riskScore")).intValue()).isEqualTo(expectedScore);
    assertThat(result.<String>getEntry("riskBand")).isEqualTo(expectedBand);
  }

  @Test
  void every_cell_of_the_grid_has_a_band_and_non_safety_bands_follow_the_score() {
    for (String category : RiskEscalationProcess.Values.CATEGORIES) {
      for (int likelihood = 1; likelihood <= 5; likelihood++) {
        for (int impact = 1; impact <= 5; impact++) {
          String band = score(category, likelihood, impact).getEntry("riskBand");
          int product = likelihood * impact;
          String byScore = product >= 15 ? "EXTREME" : product >= 8 ? "HIGH" : product >= 4 ? "MODERATE" : "LOW";
          if (!category.equals("PATIENT_SAFETY") || impact < 4) {
            assertThat(band).as(category + " " + likelihood + "x" + impact).isEqualTo(byScore);
          } else {
            assertThat(RiskEscalationProcess.Values.BANDS.indexOf(band)).as("override never lowers")
                .isGreaterThanOrEqualTo(Math.max(2, RiskEscalationProcess.Values.BANDS.indexOf(byScore)));
          }
        }
      }
    }
  }

  @Test
  void category_is_optional_when_a_pmo_tries_the_table() {
    DmnDecisionResultEntries result = dmn.evaluateDecision(decision, Map.of("likelihood", 2, "impact", 4))
        .getSingleResult();
    assertThat(result.<String>getEntry("riskBand")).isEqualTo("HIGH");
  }
}
