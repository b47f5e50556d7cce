package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.InteropEvent;
import io.hitgov.interop.InteropRecords.MessageRow;
import io.hitgov.interop.InteropRecords.TestRound;
import io.hitgov.interop.InteropRecords.TrialLoad;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The interface inventory, test rounds with their message results, conversion domains and trial
 * loads. Message results, trial loads and events are append-only; trial loads and events are
 * chained per project (docs/security-audit.md).
 */
@Repository
class InteropRepository {

  static final AuditedTable EVENTS = AuditedTable.of("interop_event", "id", "project_id", "subject", "at", "actor",
      "event", "details");
  static final AuditedTable LOADS = AuditedTable.of("conversion_trial_load", "id", "project_id", "domain", "load_name",
      "recorded_by", "recorded_at", "source_count", "target_count", "excluded_count", "source_checksum",
      "target_checksum", "reconciled", "reconciliation");

  private final JdbcClient jdbc;
  private final AuditChain audit;

  InteropRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(EVENTS);
    audit.register(LOADS);
  }

  // ------------------------------------------------------------------ interfaces

  public void insert(Interface i) {
    jdbc.sql("""
        insert into interop_interface (project_id, interface_id, name, source_system, target_system, direction, standard,
          version, message_types, daily_volume, owner, go_live_critical, clinical, mapping_spec_ref, crosswalk_ref,
          registered_by, registered_at, generation, changed_at, changed_by_change, process_instance_id)
        values (:projectId, :interfaceId, :name, :sourceSystem, :targetSystem, :direction, :standard, :version,
          :messageTypes, :dailyVolume, :owner, :goLiveCritical, :clinical, :mappingSpecRef, :crosswalkRef,
          :registeredBy, :registeredAt, :generation, :changedAt, :changedByChange, :processInstanceId)""")
        .paramSource(i).update();
  }

  public Optional<Interface> find(String projectId, String interfaceId) {
    return jdbc.sql("select * from interop_interface where project_id = ? and interface_id = ?")
        .params(projectId, interfaceId).query(Interface.class).optional();
  }

  public List<Interface> interfaces(String projectId) {
    return jdbc.sql("select * from interop_interface where project_id = ? order by interface_id").param(projectId)
        .query(Interface.class).list();
  }

  public void updateMapping(String projectId, String interfaceId, String mappingSpec, String crosswalk) {
    jdbc.sql("update interop_interface set mapping_spec_ref = ?, crosswalk_ref = ? where project_id = ? and interface_id = ?")
        .params(mappingSpec, crosswalk, projectId, interfaceId).update();
  }

  public void updateProcessInstance(String projectId, String interfaceId, String processInstanceId) {
    jdbc.sql("update interop_interface set process_instance_id = ? where project_id = ? and interface_id = ?")
        .params(processInstanceId, projectId, interfaceId).update();
  }

  /** A new generation: every round before it stops being current. */
  public void changed(String projectId, String interfaceId, OffsetDateTime at, String changeRequestId) {
    jdbc.sql("""
        update interop_interface set generation = generation + 1, changed_at = ?, changed_by_change = ?
        where project_id = ? and interface_id = ?""").params(at, changeRequestId, projectId, interfaceId).update();
  }

  // ------------------------------------------------------------------ test rounds

  public void insert(TestRound r) {
    jdbc.sql("""
        insert into interop_test_round (round_id, project_id, interface_id, round_name, generation, environment,
          uploaded_by, uploaded_at, messages, valid_messages, errors, warnings)
        values (:roundId, :projectId, :interfaceId, :roundName, :generation, :environment, :uploadedBy, :uploadedAt,
          :messages, :validMessages, :errors, :warnings)""").paramSource(r).update();
  }

  public void insert(MessageRow m) {
    jdbc.sql("""
        insert into interop_message_result (round_id, message_index, content_sha256, message_type, valid, issues)
        values (:roundId, :messageIndex, :contentSha256, :messageType, :valid, :issues)""").paramSource(m).update();
  }

  public Optional<TestRound> round(String roundId) {
    return jdbc.sql("select * from interop_test_round where round_id = ?").param(roundId).query(TestRound.class)
        .optional();
  }

  /** The rounds of an interface, oldest first. */
  public List<TestRound> rounds(String projectId, String interfaceId) {
    return jdbc.sql("""
        select * from interop_test_round where project_id = ? and interface_id = ? order by uploaded_at, round_id""")
        .params(projectId, interfaceId).query(TestRound.class).list();
  }

  public List<MessageRow> messages(String roundId) {
    return jdbc.sql("select * from interop_message_result where round_id = ? order by message_index").param(roundId)
        .query(MessageRow.class).list();
  }

  public void signIntegration(String roundId, String user, OffsetDateTime at) {
    jdbc.sql("update interop_test_round set integration_signed_by = ?, integration_signed_at = ? where round_id = ?")
        .params(user, at, roundId).update();
  }

  public void signCmio(String roundId, String user, OffsetDateTime at) {
    jdbc.sql("update interop_test_round set cmio_signed_by = ?, cmio_signed_at = ? where round_id = ?")
        .params(user, at, roundId).update();
  }

  // ------------------------------------------------------------------ conversion

  public void insert(ConversionDomain d) {
    jdbc.sql("""
        insert into conversion_domain (project_id, domain, scope, safety_critical, registered_by, registered_at)
        values (:projectId, :domain, :scope, :safetyCritical, :registeredBy, :registeredAt)""").paramSource(d).update();
  }

  public Optional<ConversionDomain> domain(String projectId, String domain) {
    return jdbc.sql("select * from conversion_domain where project_id = ? and domain = ?").params(projectId, domain)
        .query(ConversionDomain.class).optional();
  }

  public List<ConversionDomain> domains(String projectId) {
    return jdbc.sql("select * from conversion_domain where project_id = ? order by domain").param(projectId)
        .query(ConversionDomain.class).list();
  }

  public void insert(TrialLoad l) {
    audit.insert(AuditChain.projectChain(l.projectId()), LOADS, () -> {
      var keys = new GeneratedKeyHolder();
      jdbc.sql("""
          insert into conversion_trial_load (project_id, domain, load_name, recorded_by, recorded_at, source_count,
            target_count, excluded_count, source_checksum, target_checksum, reconciled, reconciliation)
          values (:projectId, :domain, :loadName, :recordedBy, :recordedAt, :sourceCount, :targetCount, :excludedCount,
            :sourceChecksum, :targetChecksum, :reconciled, :reconciliation)""").paramSource(l).update(keys, "id");
      return keys.getKey().longValue();
    });
  }

  public List<TrialLoad> loads(String projectId, String domain) {
    return jdbc.sql("select * from conversion_trial_load where project_id = ? and domain = ? order by id")
        .params(projectId, domain).query(TrialLoad.class).list();
  }

  public void sampleReview(String projectId, String domain, String user, OffsetDateTime at, boolean passed,
      int goldenPatients, String comment) {
    jdbc.sql("""
        update conversion_domain set sample_reviewed_by = ?, sample_reviewed_at = ?, sample_review_passed = ?,
          golden_patients = ?, sample_review_comment = ? where project_id = ? and domain = ?""")
        .params(user, at, passed, goldenPatients, comment, projectId, domain).update();
  }

  // ------------------------------------------------------------------ events

  public void event(String projectId, String subject, OffsetDateTime at, String actor, String event, String details) {
    audit.insert(AuditChain.projectChain(projectId), EVENTS, () -> {
      var keys = new GeneratedKeyHolder();
      jdbc.sql("insert into interop_event (project_id, subject, at, actor, event, details) values (?, ?, ?, ?, ?, ?)")
          .params(projectId, subject, at, actor, event, details == null ? null : details.length() > 2000
              ? details.substring(0, 1990) + " [...]" : details).update(keys, "id");
      return keys.getKey().longValue();
    });
  }

  public List<InteropEvent> events(String projectId, String subject) {
    return jdbc.sql("select * from interop_event where project_id = ? and subject = ? order by id")
        .params(projectId, subject).query(InteropEvent.class).list();
  }
}
