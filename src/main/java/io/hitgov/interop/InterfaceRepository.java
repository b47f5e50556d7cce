package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.MessageRow;
import io.hitgov.interop.InteropRecords.NewInterface;
import io.hitgov.interop.InteropRecords.NewRound;
import io.hitgov.interop.InteropRecords.TestRound;
import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The interface inventory and its test rounds with their message results (append-only).
 */
@Repository
class InterfaceRepository {

  private final JdbcClient jdbc;

  InterfaceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }


  /** A new interface: generation 1 since its registration, no mapping or readiness process yet. */
  public void insert(NewInterface i) {
    jdbc.sql("""
        insert into interop_interface (project_id, interface_id, name, source_system, target_system, direction, standard,
          version, message_types, daily_volume, owner, go_live_critical, clinical, registered_by, registered_at,
          generation, changed_at)
        values (:projectId, :interfaceId, :name, :sourceSystem, :targetSystem, :direction, :standard, :version,
          :messageTypes, :dailyVolume, :owner, :goLiveCritical, :clinical, :registeredBy, :registeredAt,
          1, :registeredAt)""")
        .paramSource(i).update();
  }

  public Optional<Interface> find(String projectId, String interfaceId) {
    return jdbc.sql("select * from interop_interface where project_id = ? and interface_id = ?")
        .params(projectId, interfaceId).query(Rows.of(Interface.class)).optional();
  }

  public List<Interface> interfaces(String projectId) {
    return jdbc.sql("select * from interop_interface where project_id = ? order by interface_id").param(projectId)
        .query(Rows.of(Interface.class)).list();
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


  public void insert(NewRound r) {
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
    return jdbc.sql("select * from interop_test_round where round_id = ?").param(roundId).query(Rows.of(TestRound.class))
        .optional();
  }

  /** The rounds of an interface, oldest first. */
  public List<TestRound> rounds(String projectId, String interfaceId) {
    return jdbc.sql("""
        select * from interop_test_round where project_id = ? and interface_id = ? order by uploaded_at, round_id""")
        .params(projectId, interfaceId).query(Rows.of(TestRound.class)).list();
  }

  public List<MessageRow> messages(String roundId) {
    return jdbc.sql("select * from interop_message_result where round_id = ? order by message_index").param(roundId)
        .query(Rows.of(MessageRow.class)).list();
  }

  public void signIntegration(String roundId, String user, OffsetDateTime at) {
    jdbc.sql("update interop_test_round set integration_signed_by = ?, integration_signed_at = ? where round_id = ?")
        .params(user, at, roundId).update();
  }

  public void signCmio(String roundId, String user, OffsetDateTime at) {
    jdbc.sql("update interop_test_round set cmio_signed_by = ?, cmio_signed_at = ? where round_id = ?")
        .params(user, at, roundId).update();
  }
}
