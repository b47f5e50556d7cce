package io.hitgov.hipaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.hipaa.HipaaRecords.SignOff;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Segregation of duties at the HIPAA gate's sign-off as a plain rule: no Spring, no engine. */
class SignOffDutiesTest {

  static SignOff signed(SignOffRole role, String user, boolean approved) {
    return new SignOff(1L, "HIPAA-EHR-1-1", 1, role.name(), user, approved, null, null);
  }

  @Test
  void an_evidence_submitter_cannot_sign_as_an_official() {
    assertThat(SignOffDuties.refusal("G", SignOffRole.SECURITY_OFFICIAL, "carol", Set.of("carol"), List.of(), false))
        .hasValueSatisfying(reason -> assertThat(reason).contains("submitted evidence in HIPAA gate G"));
    assertThat(SignOffDuties.refusal("G", SignOffRole.SECURITY_OFFICIAL, "simon", Set.of("carol"), List.of(), false))
        .isEmpty();
  }

  @Test
  void one_person_cannot_sign_as_both_officials_unless_allowed() {
    List<SignOff> round = List.of(signed(SignOffRole.SECURITY_OFFICIAL, "simon", true));
    assertThat(SignOffDuties.refusal("G", SignOffRole.PRIVACY_OFFICIAL, "simon", Set.of(), round, false))
        .hasValueSatisfying(reason -> assertThat(reason).contains("already signed HIPAA gate G as SECURITY_OFFICIAL"));
    assertThat(SignOffDuties.refusal("G", SignOffRole.PRIVACY_OFFICIAL, "simon", Set.of(), round, true)).isEmpty();
    assertThat(SignOffDuties.refusal("G", SignOffRole.PRIVACY_OFFICIAL, "pat", Set.of(), round, false)).isEmpty();
  }

  @Test
  void the_sponsors_acknowledgement_is_not_checked_for_duties() {
    assertThat(SignOffDuties.refusal("G", SignOffRole.EXECUTIVE_SPONSOR, "carol", Set.of("carol"), List.of(), false))
        .isEmpty();
  }

  @Test
  void a_pass_needs_two_different_officials_and_the_sponsor_in_the_round() {
    SignOff security = signed(SignOffRole.SECURITY_OFFICIAL, "simon", true);
    SignOff privacy = signed(SignOffRole.PRIVACY_OFFICIAL, "pat", true);
    SignOff sponsor = signed(SignOffRole.EXECUTIVE_SPONSOR, "sam", true);
    assertThat(SignOffDuties.complete(List.of(security, privacy, sponsor), false)).isTrue();
    assertThat(SignOffDuties.complete(List.of(security, privacy), false)).as("no sponsor").isFalse();
    assertThat(SignOffDuties.complete(List.of(security, signed(SignOffRole.PRIVACY_OFFICIAL, "pat", false), sponsor),
        false)).as("a refusal is no signature").isFalse();
    List<SignOff> samePerson = List.of(security, signed(SignOffRole.PRIVACY_OFFICIAL, "simon", true), sponsor);
    assertThat(SignOffDuties.complete(samePerson, false)).isFalse();
    assertThat(SignOffDuties.complete(samePerson, true)).isTrue();
  }

  @Test
  void refusals_go_to_the_signing_office_and_the_sponsors_to_the_security_office() {
    assertThat(SignOffRole.PRIVACY_OFFICIAL.objectionOwner()).isEqualTo(SignOffRole.PRIVACY_OFFICIAL.group());
    assertThat(SignOffRole.EXECUTIVE_SPONSOR.objectionOwner()).isEqualTo(SignOffRole.SECURITY_OFFICIAL.group());
  }
}
