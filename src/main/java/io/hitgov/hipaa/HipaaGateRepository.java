package io.hitgov.hipaa;

import io.hitgov.hipaa.HipaaRecords.Baa;
import io.hitgov.hipaa.HipaaRecords.Evidence;
import io.hitgov.hipaa.HipaaRecords.Gate;
import io.hitgov.hipaa.HipaaRecords.SignOff;
import io.hitgov.hipaa.HipaaRecords.Spec;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.shared.jdbc.Rows;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * HITGov's HIPAA gate tables. Evidence, BAA and sign-off rows are only ever inserted (a
 * disposition is written once onto its evidence row); nothing here deletes.
 */
@Repository
class HipaaGateRepository {

  /** Evidence (its disposition a write-once part), BAAs and sign-offs, chained per project (docs/security-audit.md). */
  public static final AuditedTable EVIDENCE = AuditedTable.of("hipaa_evidence", "id", "gate_id", "spec_id", "round", "status",
      "rationale", "compensating_control", "document_id", "document_version", "document_hash", "evidence_date",
      "submitted_by", "submitted_at")
      .withPart("disposition", "evidence_age_days", "disposition", "disposition_reason", "annual_review",
          "disposition_decision", "disposed_at");
  public static final AuditedTable BAAS = AuditedTable.of("hipaa_baa", "id", "gate_id", "position", "counterparty", "executed",
      "effective_date", "expiry_date", "subcontractor_flow_down", "document_id", "recorded_by", "recorded_at", "finding");
  public static final AuditedTable SIGN_OFFS = AuditedTable.of("hipaa_signoff", "id", "gate_id", "round", "role", "user_id",
      "approved", "comment", "signed_at");

  private final JdbcClient jdbc;
  private final AuditChain audit;

  public HipaaGateRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(EVIDENCE);
    audit.register(BAAS);
    audit.register(SIGN_OFFS);
  }

  /** The audit chain of a gate's project. */
  private String chainOf(String gateId) {
    return AuditChain.projectChain(jdbc.sql("select project_id from hipaa_gate where gate_id = ?").param(gateId)
        .query(String.class).single());
  }

  private static long insertReturningId(JdbcClient.StatementSpec insert) {
    var keys = new GeneratedKeyHolder();
    insert.update(keys, "id");
    return keys.getKey().longValue();
  }

  // ---- gate

  public void insertGate(HipaaRecords.OpenedGate gate) {
    jdbc.sql("""
        insert into hipaa_gate (gate_id, project_id, process_instance_id, gate_reason, go_live_date,
          nprm2025, catalogue_decision, status, round, opened_by, opened_at)
        values (:gateId, :projectId, :processInstanceId, :gateReason, :goLiveDate,
          :nprm2025, :catalogueDecision, :status, :round, :openedBy, :openedAt)""")
        .paramSource(gate)
        .update();
  }

  public Optional<Gate> findGate(String gateId) {
    return jdbc.sql("select * from hipaa_gate where gate_id = ?").param(gateId).query(Rows.of(Gate.class)).optional();
  }

  public Gate getGate(String gateId) {
    return findGate(gateId).orElseThrow(() -> new IllegalStateException("No HIPAA gate " + gateId));
  }

  public List<Gate> findGatesOfProject(String projectId) {
    return jdbc.sql("select * from hipaa_gate where project_id = ? order by opened_at, gate_id")
        .param(projectId).query(Rows.of(Gate.class)).list();
  }

  public void recordScope(String gateId, String systems, String hosting, String interfaces, String dataFlows,
      LocalDate lastMaterialChange, String recordedBy) {
    jdbc.sql("""
        update hipaa_gate set scope_systems = ?, scope_hosting = ?, scope_interfaces = ?, scope_data_flows = ?,
          last_material_change_date = ?, scope_recorded_by = ? where gate_id = ?""")
        .params(systems, hosting, interfaces, dataFlows, lastMaterialChange, recordedBy, gateId)
        .update();
  }

  /** The gate runs on (no result yet) in {@code round}, IN_PROGRESS or BLOCKED while remediation runs. */
  public void updateStatus(String gateId, String status, int round) {
    jdbc.sql("update hipaa_gate set status = ?, round = ?, result_at = null, expires_on = null where gate_id = ?")
        .params(status, round, gateId)
        .update();
  }

  /** The gate's result: PASS until {@code expiresOn}, or BLOCKED (no expiry). */
  public void close(String gateId, String status, int round, OffsetDateTime resultAt, LocalDate expiresOn) {
    jdbc.sql("update hipaa_gate set status = ?, round = ?, result_at = ?, expires_on = ? where gate_id = ?")
        .params(status, round, resultAt, expiresOn, gateId)
        .update();
  }

  /** A gate still in progress must see evidence newer than today's material change. */
  public int recordMaterialChangeOnOpenGates(String projectId, LocalDate day) {
    return jdbc.sql("""
        update hipaa_gate set last_material_change_date = ?
        where project_id = ? and status in ('IN_PROGRESS', 'BLOCKED') and result_at is null""")
        .params(day, projectId)
        .update();
  }

  public void moveGoLive(String gateId, LocalDate goLive, LocalDate expiresOn) {
    jdbc.sql("update hipaa_gate set go_live_date = ?, expires_on = coalesce(?, expires_on) where gate_id = ?")
        .params(goLive, expiresOn, gateId).update();
  }

  public int invalidateGate(String gateId, OffsetDateTime at, String reason) {
    return jdbc.sql("""
        update hipaa_gate set invalidated_at = ?, invalidated_reason = ?
        where gate_id = ? and status = 'PASS' and invalidated_at is null""")
        .params(at, reason, gateId)
        .update();
  }

  public int invalidatePassedGates(String projectId, OffsetDateTime at, String reason) {
    return jdbc.sql("""
        update hipaa_gate set invalidated_at = ?, invalidated_reason = ?
        where project_id = ? and status = 'PASS' and invalidated_at is null""")
        .params(at, reason, projectId)
        .update();
  }

  // ---- catalogue snapshot

  public void insertSpec(Spec spec) {
    jdbc.sql("""
        insert into hipaa_spec (gate_id, position, spec_id, title, safeguard, requirement, effective_requirement,
          owner_group, max_evidence_age_days, must_postdate_material_change, evidence_expected)
        values (:gateId, :position, :specId, :title, :safeguard, :requirement, :effectiveRequirement,
          :ownerGroup, :maxEvidenceAgeDays, :mustPostdateMaterialChange, :evidenceExpected)""")
        .paramSource(spec)
        .update();
  }

  public List<Spec> findSpecs(String gateId) {
    return jdbc.sql("select * from hipaa_spec where gate_id = ? order by position").param(gateId).query(Rows.of(Spec.class)).list();
  }

  public Spec findSpec(String gateId, int position) {
    return jdbc.sql("select * from hipaa_spec where gate_id = ? and position = ?").params(gateId, position)
        .query(Rows.of(Spec.class)).single();
  }

  public Spec findSpec(String gateId, String specId) {
    return jdbc.sql("select * from hipaa_spec where gate_id = ? and spec_id = ?").params(gateId, specId)
        .query(Rows.of(Spec.class)).single();
  }

  // ---- evidence

  public long insertEvidence(HipaaRecords.SubmittedEvidence evidence) {
    return audit.insert(chainOf(evidence.gateId()), EVIDENCE, () -> insertReturningId(jdbc.sql("""
        insert into hipaa_evidence (gate_id, spec_id, round, status, rationale, compensating_control, document_id,
          document_version, document_hash, evidence_date, submitted_by, submitted_at)
        values (:gateId, :specId, :round, :status, :rationale, :compensatingControl, :documentId,
          :documentVersion, :documentHash, :evidenceDate, :submittedBy, :submittedAt)""")
        .paramSource(evidence)));
  }

  /** Writes the disposition onto an evidence row, once. */
  public void dispose(long evidenceId, Integer ageDays, String disposition, String reason, boolean annualReview,
      String decision, OffsetDateTime at) {
    String gateId = jdbc.sql("select gate_id from hipaa_evidence where id = ?").param(evidenceId).query(String.class).single();
    audit.writeOnce(chainOf(gateId), EVIDENCE, "disposition", evidenceId, () -> {
      int updated = jdbc.sql("""
          update hipaa_evidence set evidence_age_days = ?, disposition = ?, disposition_reason = ?, annual_review = ?,
            disposition_decision = ?, disposed_at = ? where id = ? and disposition is null""")
          .params(ageDays, disposition, reason, annualReview, decision, at, evidenceId)
          .update();
      if (updated != 1) {
        throw new IllegalStateException("Evidence " + evidenceId + " is already disposed");
      }
    });
  }

  public Optional<Evidence> findLatestEvidence(String gateId, String specId) {
    return jdbc.sql("select * from hipaa_evidence where gate_id = ? and spec_id = ? order by id desc")
        .params(gateId, specId).query(Rows.of(Evidence.class)).stream().findFirst();
  }

  public List<Evidence> findEvidence(String gateId) {
    return jdbc.sql("select * from hipaa_evidence where gate_id = ? order by id").param(gateId).query(Rows.of(Evidence.class)).list();
  }

  // ---- business associates

  /** A business associate named in the scope: its row until the privacy office records the BAA. */
  public void insertBaa(HipaaRecords.ListedBaa baa) {
    audit.insert(chainOf(baa.gateId()), BAAS, () -> insertReturningId(jdbc.sql("""
        insert into hipaa_baa (gate_id, position, counterparty, finding)
        values (:gateId, :position, :counterparty, :finding)""")
        .paramSource(baa)));
  }

  /** A recorded BAA: a new row of its position (the newest row of a position is the current one). */
  public void insertBaa(HipaaRecords.RecordedBaa baa) {
    audit.insert(chainOf(baa.gateId()), BAAS, () -> insertReturningId(jdbc.sql("""
        insert into hipaa_baa (gate_id, position, counterparty, executed, effective_date, expiry_date,
          subcontractor_flow_down, document_id, recorded_by, recorded_at, finding)
        values (:gateId, :position, :counterparty, :executed, :effectiveDate, :expiryDate,
          :subcontractorFlowDown, :documentId, :recordedBy, :recordedAt, :finding)""")
        .paramSource(baa)));
  }

  public List<Baa> findBaas(String gateId) {
    return jdbc.sql("select * from hipaa_baa where gate_id = ? order by position, id").param(gateId).query(Rows.of(Baa.class)).list();
  }

  // ---- sign-offs

  public void insertSignOff(HipaaRecords.GivenSignOff signOff) {
    audit.insert(chainOf(signOff.gateId()), SIGN_OFFS, () -> insertReturningId(jdbc.sql("""
        insert into hipaa_signoff (gate_id, round, role, user_id, approved, comment, signed_at)
        values (:gateId, :round, :role, :userId, :approved, :comment, :signedAt)""")
        .paramSource(signOff)));
  }

  public List<SignOff> findSignOffs(String gateId) {
    return jdbc.sql("select * from hipaa_signoff where gate_id = ? order by id").param(gateId).query(Rows.of(SignOff.class)).list();
  }
}
