package io.hitgov.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.interop.validation.FhirR4Validator;
import io.hitgov.interop.validation.Hl7v2Validator;
import io.hitgov.interop.validation.Issue;
import io.hitgov.interop.validation.MessageResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HAPI-based validators on their own: each sample's verdict, location and sanitised text. */
class ValidatorsTest {

  static final List<String> HL7_TYPES = List.of("ADT^A01", "ORM^O01", "ORU^R01");
  static FhirR4Validator fhir;
  final Hl7v2Validator hl7 = new Hl7v2Validator();

  @BeforeAll
  static void buildFhir() {
    fhir = FhirR4Validator.build(List.of());
  }

  MessageResult v2(String message, boolean production) {
    MessageResult result = hl7.validate(message, "2.5.1", HL7_TYPES, production);
    assertThat(result.issues().toString()).doesNotContain(Samples.MARKER);
    return result;
  }

  MessageResult r4(String resource) {
    MessageResult result = fhir.validate(resource, List.of("Patient", "Observation"));
    assertThat(result.issues().toString()).doesNotContain(Samples.MARKER);
    return result;
  }

  static List<String> errorsAt(MessageResult result) {
    return result.issues().stream().filter(Issue::error).map(Issue::location).toList();
  }

  @Test
  void valid_hl7_v2_messages_pass() {
    for (String message : List.of(Samples.adtA01("T"), Samples.ormO01("T"), Samples.oruR01("T"))) {
      MessageResult result = v2(message, false);
      assertThat(result.valid()).as(message + " -> " + result.issues()).isTrue();
    }
    assertThat(v2(Samples.oruR01("P"), true).valid()).isTrue();
  }

  @Test
  void each_hl7_v2_fault_is_reported_with_its_location() {
    MessageResult noPid = v2(Samples.adtWithoutPid(), false);
    assertThat(errorsAt(noPid)).as(noPid.issues().toString()).contains("PID");

    MessageResult wrongType = v2(Samples.oruWrongDataType(), false);
    assertThat(errorsAt(wrongType)).as(wrongType.issues().toString()).anyMatch(l -> l.startsWith("OBX-5"));

    MessageResult truncated = v2(Samples.truncated(), false);
    assertThat(errorsAt(truncated)).as(truncated.issues().toString()).contains("MSH-9");

    MessageResult undeclared = hl7.validate(Samples.oruR01("T"), "2.5.1", List.of("ADT^A01"), false);
    assertThat(errorsAt(undeclared)).containsExactly("MSH-9");

    MessageResult testInProduction = v2(Samples.adtA01("T"), true);
    assertThat(errorsAt(testInProduction)).containsExactly("MSH-11");
    assertThat(testInProduction.issues().get(0).message()).contains("production-readiness round");

    MessageResult productionInTest = v2(Samples.adtA01("P"), false);
    assertThat(errorsAt(productionInTest)).containsExactly("MSH-11");
    assertThat(productionInTest.issues().get(0).message()).startsWith("refused");
  }

  @Test
  void valid_fhir_resources_pass() {
    MessageResult patient = r4(Samples.PATIENT);
    assertThat(patient.valid()).as(patient.issues().toString()).isTrue();
    MessageResult observation = r4(Samples.OBSERVATION);
    assertThat(observation.valid()).as(observation.issues().toString()).isTrue();
  }

  @Test
  void each_fhir_fault_is_reported_with_its_fhirpath() {
    MessageResult gender = r4(Samples.PATIENT_BAD_GENDER);
    assertThat(errorsAt(gender)).as(gender.issues().toString()).contains("Patient.gender");
    MessageResult status = r4(Samples.OBSERVATION_WITHOUT_STATUS);
    assertThat(errorsAt(status)).as(status.issues().toString()).contains("Observation.status");
    MessageResult malformed = r4(Samples.MALFORMED_JSON);
    assertThat(malformed.valid()).isFalse();
    assertThat(errorsAt(malformed)).as(malformed.issues().toString()).singleElement().asString()
        .startsWith("Patient.name");
  }
}
