package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.InteropEvent;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The interop event log of interfaces and conversion domains (append-only, chained per project,
 * docs/security-audit.md); the inventory is {@link InterfaceRepository}'s, conversion
 * {@link ConversionRepository}'s.
 */
@Repository
class InteropRepository {

  static final AuditedTable EVENTS = AuditedTable.of("interop_event", "id", "project_id", "subject", "at", "actor",
      "event", "details");

  private final JdbcClient jdbc;
  private final AuditChain audit;

  InteropRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(EVENTS);
  }


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
        .params(projectId, subject).query(Rows.of(InteropEvent.class)).list();
  }
}
