package io.hitgov.portfolio;

import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code portfolio_finding} (V16): the watch's incidents as HITGov's own record. */
@Repository
class FindingRepository {

  /** One finding; open while {@code resolvedAt} is null. */
  record OpenFinding(String incidentId, String projectId, String processInstanceId, String incidentType,
      String configuration, String message, OffsetDateTime raisedAt) {}

  private final JdbcClient jdbc;

  FindingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void raised(String incidentId, Finding finding, OffsetDateTime at) {
    jdbc.sql("""
        insert into portfolio_finding (incident_id, project_id, process_instance_id, incident_type, configuration,
          message, raised_at) values (?, ?, ?, ?, ?, ?, ?)""")
        .params(incidentId, finding.projectId(), finding.processInstanceId(), finding.type(), finding.configuration(),
            finding.message(), at).update();
  }

  void resolved(String incidentId, OffsetDateTime at) {
    jdbc.sql("update portfolio_finding set resolved_at = ? where incident_id = ? and resolved_at is null")
        .params(at, incidentId).update();
  }

  /** The open findings of the whole portfolio (one statement). */
  List<OpenFinding> open() {
    return jdbc.sql("""
        select incident_id, project_id, process_instance_id, incident_type, configuration, message, raised_at
        from portfolio_finding where resolved_at is null order by raised_at, incident_id""")
        .query(Rows.of(OpenFinding.class)).list();
  }

  /** The open findings of some projects (one statement). */
  List<OpenFinding> open(Collection<String> projectIds) {
    if (projectIds.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("""
        select incident_id, project_id, process_instance_id, incident_type, configuration, message, raised_at
        from portfolio_finding where resolved_at is null and project_id in (:ids) order by raised_at, incident_id""")
        .param("ids", projectIds).query(Rows.of(OpenFinding.class)).list();
  }
}
