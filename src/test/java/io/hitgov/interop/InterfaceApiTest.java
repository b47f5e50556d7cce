package io.hitgov.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The interface inventory and test-message API: registration rules, HL7 v2 and FHIR R4 rounds with
 * each fault's location, the limits (413), binary uploads (4xx), and that no message body is ever
 * answered or stored. The upload limit is lowered to 300 kB here so that the over-size case stays cheap.
 */
@HitgovSpringTest(properties = "hitgov.interop.max-batch-bytes=300000")
class InterfaceApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.context.ApplicationContext context;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    io.hitgov.support.Projects.register(context, "EHR-IF-1", "EHR-IF-2", "EHR-IF-3", "EHR-IF-4", "EHR-IF-5");
  }

  static Map<String, Object> hl7Interface(String id) {
    return io.hitgov.support.Interfaces.hl7(id);
  }

  static Map<String, Object> fhirInterface(String id) {
    Map<String, Object> body = hl7Interface(id);
    body.put("standard", "FHIR_R4");
    body.put("version", "R4");
    body.put("messageTypes", List.of("Patient", "Observation"));
    return body;
  }

  static String round(String environment, List<String> messages) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("round", "round-1");
    if (environment != null) {
      body.put("environment", environment);
    }
    body.put("messages", messages);
    return Http.json(body);
  }

  static List<String> errorLocations(JsonNode result) {
    List<String> locations = new ArrayList<>();
    result.get("issues").forEach(i -> {
      if ("ERROR".equals(i.get("severity").asText())) {
        locations.add(i.get("location").asText());
      }
    });
    return locations;
  }

  @Test
  void an_interface_is_registered_listed_and_bad_registrations_name_the_field() {
    Http.Response created = http.as("maria").postJson("/api/projects/EHR-IF-1/interfaces", Http.json(hl7Interface("LAB")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().at("/readiness/status").asText()).isEqualTo("NOT_READY");
    assertThat(created.json().at("/readiness/reason").asText()).isEqualTo("no test round since registration");
    assertThat(created.json().get("processInstanceId").asText()).isNotBlank();

    JsonNode project = http.as("steve").get("/api/projects/EHR-IF-1").json().get("interoperability");
    assertThat(project.at("/interfaces/0/interfaceId").asText()).isEqualTo("LAB");
    assertThat(project.at("/interfaces/0/status").asText()).isEqualTo("NOT_READY");
    assertThat(project.at("/r06/status").asText()).isEqualTo("RED");
    assertThat(project.at("/r07/status").asText()).as("no conversion domains").isEqualTo("NOT_RECORDED");

    JsonNode list = http.as("paula").get("/api/projects/EHR-IF-1/interfaces").json();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("messageTypes").toString()).contains("ORU^R01");

    assertThat(http.as("maria").postJson("/api/projects/EHR-IF-1/interfaces", Http.json(hl7Interface("LAB"))).status())
        .as("registered twice").isEqualTo(409);
    assertThat(http.as("fiona").get("/api/projects/EHR-IF-1/interfaces").status()).isEqualTo(403);
    assertThat(http.as("fiona").postJson("/api/projects/EHR-IF-1/interfaces", Http.json(hl7Interface("X"))).status())
        .isEqualTo(403);
    assertThat(http.as("maria").get("/api/projects/NOPE/interfaces").status()).isEqualTo(404);
    assertThat(http.as("maria").postJson("/api/projects/NOPE/interfaces", Http.json(hl7Interface("X"))).status())
        .isEqualTo(404);

    Map<String, Object> bad = hl7Interface("BAD one");
    bad.put("standard", "CDA");
    bad.put("messageTypes", List.of("ADT-A01"));
    bad.remove("goLiveCritical");
    bad.put("patientName", "x");
    Http.Response refused = http.as("maria").postJson("/api/projects/EHR-IF-1/interfaces", Http.json(bad));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("interfaceId must match").contains("standard 'CDA' is not one of")
        .contains("goLiveCritical is required").contains("[patientName] are not fields of an interface");
    Map<String, Object> version = hl7Interface("V23");
    version.put("version", "2.3");
    assertThat(http.as("maria").postJson("/api/projects/EHR-IF-1/interfaces", Http.json(version)).body())
        .contains("version '2.3' is not supported for HL7V2");
    assertThat(http.as("maria").get("/api/projects/EHR-IF-1/interfaces").json()).hasSize(1);
  }

  @Test
  void an_hl7_v2_round_reports_each_fault_with_its_location_and_keeps_no_message() {
    http.as("irene").postJson("/api/projects/EHR-IF-2/interfaces", Http.json(hl7Interface("LAB")));
    List<String> messages = List.of(Samples.adtA01("T"), Samples.ormO01("T"), Samples.oruR01("T"),
        Samples.adtWithoutPid(), Samples.oruWrongDataType(), Samples.truncated(), Samples.adtA01("P"));
    Http.Response answer = http.as("irene").postJson("/api/projects/EHR-IF-2/interfaces/LAB/test-messages",
        round(null, messages));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode results = answer.json().get("results");
    assertThat(answer.json().get("environment").asText()).as("TEST by default").isEqualTo("TEST");
    for (int valid = 0; valid < 3; valid++) {
      assertThat(results.get(valid).get("valid").asBoolean()).as(results.get(valid).toString()).isTrue();
    }
    assertThat(errorLocations(results.get(3))).contains("PID");
    assertThat(errorLocations(results.get(4))).anyMatch(l -> l.startsWith("OBX-5"));
    assertThat(errorLocations(results.get(5))).contains("MSH-9");
    assertThat(errorLocations(results.get(6))).containsExactly("MSH-11");
    assertThat(results.get(6).toString()).contains("refused: processing id P (production) in a test round");
    assertThat(answer.json().get("summary").toString()).contains("\"messages\":7", "\"valid\":3", "\"invalid\":4");

    // production round: a T message is flagged, a wrong message type named
    Http.Response production = http.as("irene").postJson("/api/projects/EHR-IF-2/interfaces/LAB/test-messages",
        round("PRODUCTION", List.of(Samples.adtA01("T"), Samples.oruR01("P"))));
    JsonNode prod = production.json().get("results");
    assertThat(errorLocations(prod.get(0))).containsExactly("MSH-11");
    assertThat(prod.get(0).toString()).contains("production-readiness round");
    assertThat(prod.get(1).get("valid").asBoolean()).isTrue();

    String roundId = answer.json().get("roundId").asText();
    Http.Response again = http.as("paula").get("/api/projects/EHR-IF-2/interfaces/LAB/test-rounds/" + roundId);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("results").get(3).get("issues").toString()).contains("PID");

    assertNothingOfTheBodiesAnywhere(answer.body(), production.body(), again.body());
  }

  @Test
  void a_fhir_round_reports_each_fault_with_its_fhirpath() {
    http.as("irene").postJson("/api/projects/EHR-IF-3/interfaces", Http.json(fhirInterface("API")));
    Http.Response answer = http.as("irene").postJson("/api/projects/EHR-IF-3/interfaces/API/test-messages",
        round("TEST", List.of(Samples.PATIENT, Samples.OBSERVATION, Samples.PATIENT_BAD_GENDER,
            Samples.OBSERVATION_WITHOUT_STATUS, Samples.MALFORMED_JSON)));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    JsonNode results = answer.json().get("results");
    assertThat(results.get(0).get("valid").asBoolean()).as(results.get(0).toString()).isTrue();
    assertThat(results.get(1).get("valid").asBoolean()).as(results.get(1).toString()).isTrue();
    assertThat(errorLocations(results.get(2))).contains("Patient.gender");
    assertThat(errorLocations(results.get(3))).contains("Observation.status");
    assertThat(errorLocations(results.get(4))).singleElement().asString().startsWith("Patient.name");
    assertThat(answer.json().at("/summary/invalid").asInt()).isEqualTo(3);
    assertNothingOfTheBodiesAnywhere(answer.body());
  }

  @Test
  void over_limit_and_binary_uploads_are_refused_with_a_clear_4xx_and_nothing_stored() {
    http.as("irene").postJson("/api/projects/EHR-IF-4/interfaces", Http.json(hl7Interface("LAB")));
    String path = "/api/projects/EHR-IF-4/interfaces/LAB/test-messages";
    Http.Response tooMany = http.as("irene").postJson(path, round("TEST", Collections.nCopies(501, "MSH|")));
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.body()).contains("at most 500 messages");
    Http.Response tooBig = http.as("irene").postJson(path, round("TEST", List.of("MSH|" + "x".repeat(310_000))));
    assertThat(tooBig.status()).isEqualTo(413);
    assertThat(tooBig.body()).contains("at most 300000 bytes");
    Http.Response binary = http.as("irene").post(path, "application/octet-stream", "\u0000\u0001PK");
    assertThat(binary.status()).isEqualTo(415);
    assertThat(binary.body()).contains("binary uploads are not accepted");
    Http.Response notUtf8 = raw(path, new byte[] {'{', '"', 'r', '"', ':', (byte) 0xC3, (byte) 0x28, '}'});
    assertThat(notUtf8.status()).isEqualTo(400);
    assertThat(notUtf8.body()).contains("not UTF-8 text");
    Http.Response control = http.as("irene").postJson(path, round("TEST", List.of("MSH|\u0000\u0007")));
    assertThat(control.status()).isEqualTo(400);
    assertThat(control.body()).contains("messages[0] is not text");
    Http.Response missing = http.as("irene").postJson(path, "{\"environment\":\"STAGING\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("round is required").contains("environment 'STAGING' is not one of")
        .contains("messages is required");
    assertThat(http.as("paula").postJson(path, round("TEST", List.of(Samples.adtA01("T")))).status())
        .as("the PMO does not upload test results").isEqualTo(403);
    assertThat(http.as("irene").postJson("/api/projects/EHR-IF-4/interfaces/NOPE/test-messages",
        round("TEST", List.of(Samples.adtA01("T")))).status()).isEqualTo(404);
    assertThat(jdbc.queryForObject("select count(*) from interop_test_round where project_id = 'EHR-IF-4'", Long.class))
        .isZero();
  }

  @Test
  void a_conversion_domain_stays_red_until_reconciled_and_signed_by_the_cmio() {
    String base = "/api/projects/EHR-IF-5/conversion-domains";
    Http.Response created = http.as("maria").postJson(base,
        "{\"domain\":\"allergies\",\"scope\":\"MIGRATE\",\"safetyCritical\":true}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().at("/readiness/reason").asText()).isEqualTo("no trial load recorded");
    Http.Response unreconciled = http.as("irene").postJson(base + "/allergies/trial-loads", "{\"loadName\":\"trial-1\","
        + "\"sourceCount\":1000,\"targetCount\":990,\"excludedCount\":5,\"sourceChecksum\":\"a1\",\"targetChecksum\":\"a1\"}");
    assertThat(unreconciled.status()).isEqualTo(201);
    assertThat(unreconciled.json().at("/load/reconciled").asBoolean()).isFalse();
    assertThat(unreconciled.json().at("/domain/readiness/reason").asText())
        .contains("unreconciled: counts do not reconcile: source 1000 != target 990 + excluded 5");
    assertThat(http.as("carla").postJson(base + "/allergies/sample-review", "{\"passed\":true,\"goldenPatients\":20}")
        .json().at("/readiness/status").asText()).as("a sample review does not make an unreconciled load green")
        .isEqualTo("NOT_READY");
    http.as("irene").postJson(base + "/allergies/trial-loads", "{\"loadName\":\"trial-2\",\"sourceCount\":1000,"
        + "\"targetCount\":995,\"excludedCount\":5,\"sourceChecksum\":\"b2\",\"targetChecksum\":\"b2\"}");
    assertThat(http.as("maria").get(base).json().get(0).at("/readiness/reason").asText())
        .as("the earlier review predates this load").contains("no passed CMIO golden-patient sample review");
    assertThat(http.as("maria").postJson(base + "/allergies/sample-review", "{\"passed\":true,\"goldenPatients\":20}")
        .status()).isEqualTo(403);
    Http.Response signed = http.as("carla").postJson(base + "/allergies/sample-review",
        "{\"passed\":true,\"goldenPatients\":20,\"comment\":\"20 golden patients match the legacy chart\"}");
    assertThat(signed.json().at("/readiness/status").asText()).isEqualTo("READY");

    Http.Response bad = http.as("irene").postJson(base + "/allergies/trial-loads", "{\"sourceCount\":-1}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("loadName is required").contains("sourceCount -1 is outside");
    assertThat(http.as("irene").postJson(base, "{\"domain\":\"meds\",\"scope\":\"COPY\"}").body())
        .contains("scope 'COPY' is not one of");
    assertThat(http.as("irene").postJson(base + "/nope/trial-loads", "{}").status()).isEqualTo(404);
  }

  /** No answer and no table (HITGov's or the engine's) holds a value of the messages. */
  void assertNothingOfTheBodiesAnywhere(String... answers) {
    for (String answer : answers) {
      assertThat(answer).doesNotContain(Samples.MARKER).doesNotContain("MRN12345").doesNotContain("SPRINGFIELD");
    }
    List<String> dumps = new ArrayList<>();
    for (String table : List.of("interop_message_result", "interop_test_round", "interop_event", "interop_interface",
        "ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_GE_BYTEARRAY")) {
      jdbc.queryForList("select * from " + table).forEach(row -> row.values().forEach(v ->
          dumps.add(v instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(v))));
    }
    String everything = String.join("\n", dumps);
    assertThat(everything).doesNotContain(Samples.MARKER).doesNotContain("MRN12345").doesNotContain("1 MAIN ST");
  }

  Http.Response raw(String path, byte[] body) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://localhost:" + port + path))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("irene:demo".getBytes()))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Http.Response(response.statusCode(), response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
