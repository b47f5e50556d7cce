package io.hitgov.hipaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Spec;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HIPAA forms' findings, evidence counts and BAA status in words (HipaaFormDisplay), without an engine. */
class HipaaFormDisplayTest {

  static Spec spec(String specId, String title) {
    return new Spec("HG-1", 0, specId, title, "ADMINISTRATIVE", "R", "R", "securityOfficer", 365, false, "A report");
  }

  static Baa baa(int position, String counterparty, Boolean executed, String finding) {
    return new Baa(1L, "HG-1", position, counterparty, executed, LocalDate.of(2026, 1, 5), null, false, "CTR-1", "olivia",
        null, finding);
  }

  static Evidence evidence(String specId, String status) {
    return new Evidence(1L, "HG-1", specId, 1, status, null, null, "DMS-1", "1", null, null, null, "sophia", null, null,
        null, null, null, null);
  }

  @Test
  void findings_name_the_specification_and_the_business_associate_instead_of_their_codes() {
    String text = HipaaFormDisplay.findings("164.308(a)(1)(ii)(A): no decided evidence\nBAA #1: BAA not executed",
        Map.of("164.308(a)(1)(ii)(A)", spec("164.308(a)(1)(ii)(A)", "Risk analysis")),
        Map.of(1, baa(1, "LabCo", false, "BAA not executed")));
    assertThat(text).isEqualTo("- **Risk analysis (164.308(a)(1)(ii)(A)):** no decided evidence\n"
        + "- **BAA with LabCo:** BAA not executed");
    assertThat(HipaaFormDisplay.findings("No blocking findings.", Map.of(), Map.of())).isEqualTo("- none");
  }

  @Test
  void evidence_is_counted_by_the_latest_status_of_each_specification() {
    assertThat(HipaaFormDisplay.evidence(3, List.of(evidence("A", "GAP"), evidence("A", "EVIDENCED"),
        evidence("B", "NOT_APPLICABLE")))).isEqualTo("2 of 3 specifications have evidence: 1 evidenced, 1 not applicable;"
            + " 1 without evidence");
  }

  @Test
  void a_baa_status_reads_as_words() {
    assertThat(HipaaFormDisplay.baaStatus(baa(0, "Acme", true, null)))
        .isEqualTo("executed, in force from Mon 5 Jan 2026 with no expiry date, does not flow the requirements down to"
            + " subcontractors");
    assertThat(HipaaFormDisplay.baaStatus(baa(0, "Acme", false, "BAA not executed")))
        .isEqualTo("not executed (finding: BAA not executed)");
    assertThat(HipaaFormDisplay.baaStatus(baa(0, "Acme", null, "BAA not yet recorded"))).isEqualTo("not recorded yet");
  }
}
