package io.hitgov.stakeholder;

import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code project_stakeholder} table (V18__project_stakeholder.sql). */
@Repository
class StakeholderRepository {

  /** One entry of a project's stakeholder register. */
  record Stakeholder(String stakeholderId, String projectId, String userId, String email, String role,
      String interest, String receives, String addedBy, OffsetDateTime addedAt) {

    List<String> receivesList() {
      return receives == null || receives.isBlank() ? List.of() : List.of(receives.split(","));
    }
  }

  private final JdbcClient jdbc;

  StakeholderRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Stakeholder s) {
    jdbc.sql("insert into project_stakeholder (stakeholder_id, project_id, user_id, email, role, interest, receives, "
            + "added_by, added_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(s.stakeholderId(), s.projectId(), s.userId(), s.email(), s.role(), s.interest(), s.receives(),
            s.addedBy(), s.addedAt())
        .update();
  }

  List<Stakeholder> ofProject(String projectId) {
    return jdbc.sql("select * from project_stakeholder where project_id = ? order by added_at, stakeholder_id")
        .param(projectId).query(Rows.of(Stakeholder.class)).list();
  }

  Optional<Stakeholder> find(String projectId, String stakeholderId) {
    return jdbc.sql("select * from project_stakeholder where project_id = ? and stakeholder_id = ?")
        .params(projectId, stakeholderId).query(Rows.of(Stakeholder.class)).optional();
  }

  void delete(String stakeholderId) {
    jdbc.sql("delete from project_stakeholder where stakeholder_id = ?").param(stakeholderId).update();
  }

  /** The projects with at least one stakeholder receiving {@code what}. */
  List<String> projectsReceiving(String what) {
    return jdbc.sql("select distinct project_id from project_stakeholder where receives like ? order by project_id")
        .param("%" + what + "%").query(String.class).list();
  }
}
