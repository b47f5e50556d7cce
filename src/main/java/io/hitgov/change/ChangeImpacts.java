package io.hitgov.change;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The cumulative impact of the approved change requests per project, in one statement, for the
 * portfolio view. The change log's rows stay inside change control.
 */
@Service
public class ChangeImpacts {

  /** A project's approved changes added up: cost (USD, may be negative) and schedule (days). */
  public record Impact(long approvedChanges, long costImpact, long scheduleImpactDays) {
    public static final Impact NONE = new Impact(0, 0, 0);
  }

  private final JdbcClient jdbc;

  public ChangeImpacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Per project of {@code projectIds} with at least one approved change, their sum. */
  public Map<String, Impact> approved(Collection<String> projectIds) {
    Map<String, Impact> impacts = new HashMap<>();
    if (projectIds.isEmpty()) {
      return impacts;
    }
    jdbc.sql("""
        select project_id, count(*), coalesce(sum(cost_impact), 0), coalesce(sum(schedule_impact_days), 0)
        from change_request where outcome = 'APPROVED' and project_id in (:ids) group by project_id""")
        .param("ids", projectIds)
        .query((rs, row) -> impacts.put(rs.getString(1), new Impact(rs.getLong(2), rs.getLong(3), rs.getLong(4))))
        .list();
    return impacts;
  }
}
