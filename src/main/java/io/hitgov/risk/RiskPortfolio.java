package io.hitgov.risk;

import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The open risks across the portfolio, set-based: the oldest open EXTREME risk per project (the
 * portfolio watch), open risks per project and band (RAG), the 5 x 5 heat map and the open risks
 * per band (metrics). The register's rows stay inside the risk feature.
 */
@Service
public class RiskPortfolio {

  /** Risks are open until closed or converted to an issue (closed_at set). */
  static final String OPEN = "closed_at is null";

  /** A project's oldest open EXTREME risk. */
  public record OpenExtreme(String projectId, String riskId, OffsetDateTime raisedAt) {}

  /** One cell of the heat map: how many open risks have this likelihood and impact. */
  public record HeatCell(int likelihood, int impact, long risks) {}

  private final JdbcClient jdbc;

  public RiskPortfolio(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Per project, its oldest open EXTREME risk. */
  public Map<String, OpenExtreme> oldestOpenExtreme() {
    Map<String, OpenExtreme> oldest = new HashMap<>();
    jdbc.sql("select project_id, risk_id, raised_at from risk where band = 'EXTREME' and " + OPEN
        + " order by raised_at, risk_id").query(Rows.of(OpenExtreme.class)).list()
        .forEach(risk -> oldest.putIfAbsent(risk.projectId(), risk));
    return oldest;
  }

  /** Per project of {@code projectIds}, its open risks per band. */
  public Map<String, Map<String, Long>> openBands(java.util.Collection<String> projectIds) {
    Map<String, Map<String, Long>> bands = new HashMap<>();
    if (projectIds.isEmpty()) {
      return bands;
    }
    jdbc.sql("select project_id, band, count(*) as n from risk where " + OPEN
        + " and project_id in (:ids) group by project_id, band").param("ids", projectIds)
        .query((rs, row) -> bands.computeIfAbsent(rs.getString(1), id -> new HashMap<>())
            .put(String.valueOf(rs.getString(2)), rs.getLong(3))).list();
    return bands;
  }

  /** The open risks by likelihood and impact, of one project or ({@code null}) of all. */
  public List<HeatCell> heatMap(String projectId) {
    String sql = "select likelihood, impact, count(*) as risks from risk where " + OPEN
        + (projectId == null ? "" : " and project_id = :projectId") + " group by likelihood, impact";
    var spec = jdbc.sql(sql);
    if (projectId != null) {
      spec = spec.param("projectId", projectId);
    }
    return spec.query(Rows.of(HeatCell.class)).list();
  }

  /** The open risks per band, all projects. */
  public Map<String, Long> openPerBand() {
    Map<String, Long> bands = new HashMap<>();
    jdbc.sql("select band, count(*) from risk where " + OPEN + " group by band")
        .query((rs, row) -> bands.put(String.valueOf(rs.getString(1)), rs.getLong(2))).list();
    return bands;
  }
}
