package io.hitgov.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.TestRound;
import io.hitgov.interop.InteropRecords.TrialLoad;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readiness rules of an interface and a conversion domain, as plain functions (no Spring, no database). */
class ReadinessStatusTest {

  static final OffsetDateTime T0 = OffsetDateTime.parse("2026-12-01T09:00:00-05:00");

  @Test
  void an_interface_is_ready_with_a_passed_signed_round_of_its_current_generation() {
    Interface lab = iface(false, 1, null);
    assertThat(ReadinessStatus.of(lab, List.of())).isEqualTo(ReadinessStatus.notReady("no test round since registration"));
    assertThat(ReadinessStatus.of(lab, List.of(round("TR-1", 1, 10, 9, "ivan", null))).reason())
        .isEqualTo("latest round TR-1: 1 of 10 messages invalid, 1 errors open");
    assertThat(ReadinessStatus.of(lab, List.of(round("TR-2", 1, 10, 10, null, null))).reason())
        .isEqualTo("round TR-2 passed but is not signed by the integration lead");
    assertThat(ReadinessStatus.of(lab, List.of(round("TR-3", 1, 10, 10, "ivan", null))))
        .isEqualTo(ReadinessStatus.ready("round TR-3 passed and signed"));
  }

  @Test
  void a_clinical_interface_also_needs_the_cmio_and_a_change_starts_a_new_generation() {
    Interface orders = iface(true, 2, "CR-P-7");
    TestRound old = round("TR-1", 1, 5, 5, "ivan", "carla");
    assertThat(ReadinessStatus.of(orders, List.of(old)).reason()).isEqualTo("no test round since change CR-P-7");
    TestRound current = round("TR-2", 2, 5, 5, "ivan", null);
    assertThat(ReadinessStatus.of(orders, List.of(old, current)).reason())
        .isEqualTo("round TR-2 passed but is not signed by the CMIO");
    assertThat(ReadinessStatus.of(orders, List.of(old, round("TR-2", 2, 5, 5, "ivan", "carla"))).ready()).isTrue();
  }

  @Test
  void a_conversion_domain_needs_a_reconciled_load_and_for_migrated_data_a_later_sample_review() {
    assertThat(ReadinessStatus.of(domain("READ_ONLY_LEGACY", null, null), List.of()).ready()).isTrue();
    assertThat(ReadinessStatus.of(domain("MIGRATE", null, null), List.of()).reason()).isEqualTo("no trial load recorded");
    assertThat(ReadinessStatus.of(domain("MIGRATE", null, null), List.of(load("L1", false))).reason())
        .isEqualTo("latest trial load L1 unreconciled: checksums differ");
    assertThat(ReadinessStatus.of(domain("MIGRATE", T0.minusDays(1), true), List.of(load("L2", true))).reason())
        .isEqualTo("reconciled, but no passed CMIO golden-patient sample review of load L2");
    assertThat(ReadinessStatus.of(domain("MIGRATE", T0.plusHours(1), true), List.of(load("L2", true))))
        .isEqualTo(ReadinessStatus.ready("load L2 reconciled, sample signed by carla"));
    assertThat(ReadinessStatus.of(domain("ARCHIVE", null, null), List.of(load("L3", true))).reason())
        .isEqualTo("load L3 reconciled");
  }

  private static Interface iface(boolean clinical, int generation, String changedBy) {
    return new Interface("P", "LAB", "Lab results", "LIS", "EHR", "INBOUND", "HL7V2", "2.5.1", "ORU^R01", 100, "irene",
        true, clinical, "MAP-1", "XW-1", "irene", T0, generation, T0, changedBy, "pi-1");
  }

  private static TestRound round(String id, int generation, int messages, int valid, String integration, String cmio) {
    return new TestRound(id, "P", "LAB", id, generation, "TEST", "tom", T0, messages, valid, messages - valid, 0,
        integration, integration == null ? null : T0, cmio, cmio == null ? null : T0);
  }

  private static ConversionDomain domain(String scope, OffsetDateTime reviewedAt, Boolean passed) {
    return new ConversionDomain("P", "allergies", scope, true, "maria", T0, reviewedAt == null ? null : "carla",
        reviewedAt, passed, 25, "ok");
  }

  private static TrialLoad load(String name, boolean reconciled) {
    return new TrialLoad(1L, "P", "allergies", name, "maria", T0, 10, 10, 0, "a", reconciled ? "a" : "b", reconciled,
        reconciled ? "reconciled" : "checksums differ");
  }
}
