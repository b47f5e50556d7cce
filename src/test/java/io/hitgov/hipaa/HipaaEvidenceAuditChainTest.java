package io.hitgov.hipaa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A HIPAA gate's evidence, dispositions (written once, chained when written), BAAs and sign-offs are
 * chained to the project; the evidence export carries the chain's head, which an auditor later
 * checks with {@code GET /api/audit/verify?chain=&seq=&hash=}.
 */
@HitgovSpringTest
class HipaaEvidenceAuditChainTest {

  static final String GO_LIVE = LocalDate.now().plusDays(45).toString();

  @LocalServerPort int port;
  @Autowired ProcessEngine processEngine;
  @Autowired JdbcClient jdbc;
  @Autowired org.springframework.context.ApplicationContext context;

  @Test
  void the_evidence_export_carries_the_chain_head_and_an_auditor_checks_it_later() {
    Http http = Http.on(port);
    HipaaGateDriver driver = new HipaaGateDriver(processEngine);
    io.hitgov.support.Projects.register(context, "EHR-AUD-H");
    ProcessInstance instance = driver.cleanGateUpToSignatures("EHR-AUD-H", GO_LIVE);
    driver.sign(instance, "simon", "oscar");
    driver.acknowledgeResidualRisk(instance, true);

    JsonNode intact = http.as("paula").get("/api/audit/verify").json();
    assertThat(intact.get("breaks")).as(intact.toString()).isEmpty();
    long dispositions = jdbc.sql("""
        select count(*) from audit_chain_entry where chain_key = 'project:EHR-AUD-H'
        and table_name = 'hipaa_evidence' and part = 'disposition'""").query(Long.class).single();
    assertThat(dispositions).isEqualTo(63);
    assertThat(jdbc.sql("select count(distinct table_name) from audit_chain_entry where chain_key = 'project:EHR-AUD-H'")
        .query(Long.class).single()).as("HIPAA evidence, BAAs, sign-offs and the project's registration").isEqualTo(4);

    JsonNode pkg = http.as("olivia").get("/api/projects/EHR-AUD-H/hipaa-gate/evidence").json();
    JsonNode head = pkg.get("auditChain");
    assertThat(head.get("chainKey").asText()).isEqualTo("project:EHR-AUD-H");
    long seq = head.get("seq").asLong();
    String hash = head.get("hash").asText();
    assertThat(seq).isGreaterThan(63 * 2);
    assertThat(hash).matches("[0-9a-f]{64}");
    String[] csv = http.as("olivia").get("/api/projects/EHR-AUD-H/hipaa-gate/evidence?format=csv").body().split("\r\n");
    assertThat(csv[0]).endsWith(",auditChainSeq,auditChainHead");
    assertThat(csv[1]).endsWith("," + seq + "," + hash);

    // later: more records, and the auditor's copy is still in the chain
    Http.Response risk = http.as("sophia").postJson("/api/risks", Http.json(java.util.Map.of("projectId", "EHR-AUD-H",
        "title", "Audit log retention too short", "category", "TECHNICAL", "likelihood", 2, "impact", 2)));
    assertThat(risk.status()).as(risk.toString()).isEqualTo(201);
    assertThat(http.as("paula").get("/api/audit/heads").body()).doesNotContain(hash);
    String anchor = "/api/audit/verify?chain=project:EHR-AUD-H&seq=" + seq + "&hash=" + hash;
    assertThat(http.as("paula").get(anchor).json().get("breaks")).isEmpty();

    // a sign-off rewritten directly in the database (trigger dropped, as the schema owner could)
    long signOff = jdbc.sql("select min(s.id) from hipaa_signoff s join hipaa_gate g on g.gate_id = s.gate_id "
        + "where g.project_id = 'EHR-AUD-H'").query(Long.class).single();
    jdbc.sql("drop trigger hipaa_signoff_append_only").update();
    jdbc.sql("update hipaa_signoff set user_id = 'mallory' where id = ?").param(signOff).update();
    JsonNode report = http.as("paula").get(anchor).json();
    List<JsonNode> breaks = StreamSupport.stream(report.get("breaks").spliterator(), false).toList();
    assertThat(breaks).extracting(b -> b.get("problem").asText() + " " + b.path("table").asText() + " "
        + b.path("rowId").asText() + " " + b.path("chain").asText())
        .containsExactly("ROW_ALTERED hipaa_signoff " + signOff + " project:EHR-AUD-H");

    // the export's head is checked: a different hash at that position is reported
    JsonNode wrong = http.as("paula").get("/api/audit/verify?chain=project:EHR-AUD-H&seq=" + seq + "&hash="
        + "0".repeat(64)).json();
    assertThat(wrong.get("breaks")).extracting(b -> b.get("problem").asText()).contains("ANCHOR_MISSING");
  }
}
