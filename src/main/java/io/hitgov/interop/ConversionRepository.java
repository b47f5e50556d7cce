package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.ConversionDomain;
import io.hitgov.interop.InteropRecords.NewDomain;
import io.hitgov.interop.InteropRecords.TrialLoad;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Conversion domains and their trial loads; trial loads are append-only and chained per project
 * (docs/security-audit.md).
 */
@Repository
class ConversionRepository {

  static final AuditedTable LOADS = AuditedTable.of("conversion_trial_load", "id", "project_id", "domain", "load_name",
      "recorded_by", "recorded_at", "source_count", "target_count", "excluded_count", "source_checksum",
      "target_checksum", "reconciled", "reconciliation");

  private final JdbcClient jdbc;
  private final AuditChain audit;

  ConversionRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(LOADS);
  }


  public void insert(NewDomain d) {
    jdbc.sql("""
        insert into conversion_domain (project_id, domain, scope, safety_critical, registered_by, registered_at)
        values (:projectId, :domain, :scope, :safetyCritical, :registeredBy, :registeredAt)""").paramSource(d).update();
  }

  public Optional<ConversionDomain> domain(String projectId, String domain) {
    return jdbc.sql("select * from conversion_domain where project_id = ? and domain = ?").params(projectId, domain)
        .query(Rows.of(ConversionDomain.class)).optional();
  }

  public List<ConversionDomain> domains(String projectId) {
    return jdbc.sql("select * from conversion_domain where project_id = ? order by domain").param(projectId)
        .query(Rows.of(ConversionDomain.class)).list();
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
        .params(projectId, domain).query(Rows.of(TrialLoad.class)).list();
  }

  public void sampleReview(String projectId, String domain, String user, OffsetDateTime at, boolean passed,
      int goldenPatients, String comment) {
    jdbc.sql("""
        update conversion_domain set sample_reviewed_by = ?, sample_reviewed_at = ?, sample_review_passed = ?,
          golden_patients = ?, sample_review_comment = ? where project_id = ? and domain = ?""")
        .params(user, at, passed, goldenPatients, comment, projectId, domain).update();
  }
}
