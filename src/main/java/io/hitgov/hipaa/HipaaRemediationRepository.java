package io.hitgov.hipaa;

import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A HIPAA gate's remediation items: inserted when opened, an objection's resolution written once. */
@Repository
class HipaaRemediationRepository {

  private final JdbcClient jdbc;

  HipaaRemediationRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insertRemediation(HipaaRecords.OpenedRemediation remediation) {
    jdbc.sql("""
        insert into hipaa_remediation (gate_id, round, position, kind, spec_id, baa_position, finding, owner_group,
          due_on, opened_at)
        values (:gateId, :round, :position, :kind, :specId, :baaPosition, :finding, :ownerGroup, :dueOn, :openedAt)""")
        .paramSource(remediation)
        .update();
  }

  /** Writes an objection's resolution, once. */
  public void resolveRemediation(String gateId, int round, int position, String resolution, String user,
      OffsetDateTime at) {
    int updated = jdbc.sql("""
        update hipaa_remediation set resolution = ?, resolved_by = ?, resolved_at = ?
        where gate_id = ? and round = ? and position = ? and resolved_at is null""")
        .params(resolution, user, at, gateId, round, position)
        .update();
    if (updated != 1) {
      throw new IllegalStateException("Remediation item " + position + " of " + gateId + " is already resolved");
    }
  }

  public HipaaRecords.Remediation findRemediation(String gateId, int round, int position) {
    return jdbc.sql("select * from hipaa_remediation where gate_id = ? and round = ? and position = ?")
        .params(gateId, round, position).query(Rows.of(HipaaRecords.Remediation.class)).single();
  }

  public List<HipaaRecords.Remediation> findRemediations(String gateId) {
    return jdbc.sql("select * from hipaa_remediation where gate_id = ? order by round, position")
        .param(gateId).query(Rows.of(HipaaRecords.Remediation.class)).list();
  }
}
