package io.hitgov.hipaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue holds every standard and implementation specification of docs/domain/hipaa-gate.md#specification-catalogue with the
 * right R/A flag; the expected list below is typed from 45 CFR 164.308-164.316 (docs/domain/hipaa-gate.md), independently of the table.
 */
class HipaaSpecCatalogueDecisionTest {

  /** docs/domain/hipaa-gate.md#specification-catalogue: spec id → R, A or STD (a standard without its own specification row). */
  static final Map<String, String> DOMAIN_2_2 = new LinkedHashMap<>();

  static {
    String[] rows = {
      "164.308(a)(1)(i)=STD", "164.308(a)(1)(ii)(A)=R", "164.308(a)(1)(ii)(B)=R", "164.308(a)(1)(ii)(C)=R",
      "164.308(a)(1)(ii)(D)=R", "164.308(a)(2)=R", "164.308(a)(3)(i)=STD", "164.308(a)(3)(ii)(A)=A",
      "164.308(a)(3)(ii)(B)=A", "164.308(a)(3)(ii)(C)=A", "164.308(a)(4)(i)=STD", "164.308(a)(4)(ii)(A)=R",
      "164.308(a)(4)(ii)(B)=A", "164.308(a)(4)(ii)(C)=A", "164.308(a)(5)(i)=STD", "164.308(a)(5)(ii)(A)=A",
      "164.308(a)(5)(ii)(B)=A", "164.308(a)(5)(ii)(C)=A", "164.308(a)(5)(ii)(D)=A", "164.308(a)(6)(i)=STD",
      "164.308(a)(6)(ii)=R", "164.308(a)(7)(i)=STD", "164.308(a)(7)(ii)(A)=R", "164.308(a)(7)(ii)(B)=R",
      "164.308(a)(7)(ii)(C)=R", "164.308(a)(7)(ii)(D)=A", "164.308(a)(7)(ii)(E)=A", "164.308(a)(8)=R",
      "164.308(b)(1)=R",
      "164.310(a)(1)=STD", "164.310(a)(2)(i)=A", "164.310(a)(2)(ii)=A", "164.310(a)(2)(iii)=A",
      "164.310(a)(2)(iv)=A", "164.310(b)=R", "164.310(c)=R", "164.310(d)(1)=STD", "164.310(d)(2)(i)=R",
      "164.310(d)(2)(ii)=R", "164.310(d)(2)(iii)=A", "164.310(d)(2)(iv)=A",
      "164.312(a)(1)=STD", "164.312(a)(2)(i)=R", "164.312(a)(2)(ii)=R", "164.312(a)(2)(iii)=A",
      "164.312(a)(2)(iv)=A", "164.312(b)=R", "164.312(c)(1)=STD", "164.312(c)(2)=A", "164.312(d)=R",
      "164.312(e)(1)=STD", "164.312(e)(2)(i)=A", "164.312(e)(2)(ii)=A",
      "164.314(a)(1)=STD", "164.314(a)(2)(i)=R", "164.314(a)(2)(ii)=R", "164.314(a)(2)(iii)=R",
      "164.314(b)(1)=R",
      "164.316(a)=STD", "164.316(b)(1)=STD", "164.316(b)(2)(i)=R", "164.316(b)(2)(ii)=R", "164.316(b)(2)(iii)=R",
    };
    for (String row : rows) {
      String[] parts = row.split("=");
      DOMAIN_2_2.put(parts[0], parts[1]);
    }
  }

  static DmnEngine dmn;
  static DmnDecision decision;

  @BeforeAll
  static void parse() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream in = Files.newInputStream(Path.of(HipaaAuditGateProcess.CATALOGUE_RESOURCE))) {
      decision = dmn.parseDecision(HipaaAuditGateProcess.CATALOGUE_DECISION, in);
    }
  }

  static List<DmnDecisionResultEntries> rows(boolean nprm2025) {
    return dmn.evaluateDecision(decision, Map.of("nprm2025", nprm2025));
  }

  @Test
  void every_specification_of_domain_2_2_is_present_with_its_r_a_flag() {
    Map<String, String> catalogue = rows(false).stream().collect(Collectors.toMap(
        row -> row.<String>getEntry("specId"), row -> row.<String>getEntry("requirement"),
        (a, b) -> { throw new AssertionError("duplicate spec id"); }, LinkedHashMap::new));
    assertThat(catalogue).containsExactlyEntriesOf(DOMAIN_2_2);
  }

  @Test
  void every_row_has_a_control_owner_and_the_risk_analysis_rules() {
    for (DmnDecisionResultEntries row : rows(false)) {
      String spec = row.getEntry("specId");
      String expectedOwner = spec.startsWith("164.310") ? "facilities"
          : spec.startsWith("164.314") || spec.startsWith("164.316") || spec.equals("164.308(b)(1)") ? "privacyOfficer"
          : "securityOfficer";
      assertThat(row.<String>getEntry("ownerGroup")).as(spec).isEqualTo(expectedOwner);
      assertThat(row.<String>getEntry("title")).as(spec).isNotBlank();
      assertThat(row.<String>getEntry("evidenceExpected")).as(spec).isNotBlank();
      assertThat(((Number) row.getEntry("maxEvidenceAgeDays")).intValue()).as(spec).isBetween(90, 365);
      assertThat(row.<Boolean>getEntry("mustPostdateMaterialChange")).as(spec)
          .isEqualTo(spec.equals("164.308(a)(1)(ii)(A)"));
    }
    DmnDecisionResultEntries recertification = rows(false).stream()
        .filter(row -> row.getEntry("specId").equals("164.308(a)(4)(ii)(C)")).findFirst().orElseThrow();
    assertThat(((Number) recertification.getEntry("maxEvidenceAgeDays")).intValue()).isEqualTo(180);
  }

  @Test
  void the_2025_proposal_adds_rows_and_makes_encryption_and_mfa_required() {
    List<DmnDecisionResultEntries> proposal = rows(true);
    assertThat(proposal).hasSize(DOMAIN_2_2.size() + 7);
    assertThat(proposal.stream().filter(row -> Boolean.TRUE.equals(row.getEntry("nprmRequired")))
        .map(row -> row.<String>getEntry("specId")).toList())
        .containsExactlyInAnyOrder("164.312(a)(2)(iv)", "164.312(e)(2)(ii)");
    assertThat(proposal.stream().map(row -> row.<String>getEntry("specId")).toList())
        .contains("NPRM2025-MFA", "NPRM2025-VULNERABILITY-SCAN", "NPRM2025-PENETRATION-TEST",
            "NPRM2025-ASSET-INVENTORY");
    DmnDecisionResultEntries scan = proposal.stream()
        .filter(row -> row.getEntry("specId").equals("NPRM2025-VULNERABILITY-SCAN")).findFirst().orElseThrow();
    assertThat(((Number) scan.getEntry("maxEvidenceAgeDays")).intValue()).isEqualTo(182);
  }
}
