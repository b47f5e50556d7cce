package io.hitgov.system.deployment;

import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.shared.process.IdCounter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code model_deployment} table: every model deployment, whether it went through the four-eyes
 * gate (PENDING, then DEPLOYED or REJECTED) or needed no approval (DEPLOYED at once: the start-up
 * deployment, an operator's), with the application version that made it and its resources (name,
 * SHA-256, size, a diff summary against the active version, the bytes).
 */
@Repository
class PendingDeployments {

  static final String PENDING = "PENDING";
  static final String DEPLOYED = "DEPLOYED";
  static final String REJECTED = "REJECTED";

  /** One submission: who, when, what, from which version, and its decision. */
  record Submission(String deploymentId, String state, String name, String source, String tenantId,
      String submittedBy, OffsetDateTime submittedAt, String appVersion, String decidedBy,
      OffsetDateTime decidedAt, String decisionComment, String engineDeploymentId) {}

  /** One resource of a submission (without its bytes). */
  record StoredResource(String name, String sha256, long bytes, String diffSummary) {}

  /** The append-only audit of submissions and decisions, chained in {@link #CHAIN}. */
  static final AuditedTable EVENTS = AuditedTable.of("model_deployment_event", "id", "deployment_id", "at",
      "actor", "event", "app_version", "resources", "engine_deployment_id", "comment");
  static final String CHAIN = "models";
  /** A submission is not deployed in the engine yet and carries no decision comment. */
  private static final String NOT_DEPLOYED = null;
  private static final String NO_COMMENT = null;

  private final JdbcClient jdbc;
  private final JdbcTemplate jdbcTemplate;
  private final IdCounter ids;
  private final AuditChain audit;

  PendingDeployments(JdbcTemplate jdbcTemplate, IdCounter ids, AuditChain audit) {
    this.jdbcTemplate = jdbcTemplate;
    this.jdbc = JdbcClient.create(jdbcTemplate);
    this.ids = ids;
    this.audit = audit;
    audit.register(EVENTS);
  }

  /** Appends one step of a submission to its audit (who, when, what, the resources' hashes). */
  private void event(String id, String actor, String event, String appVersion, String engineDeploymentId,
      String comment) {
    String resources = String.join("; ", resources(id).stream().map(r -> r.name() + " sha256:" + r.sha256()).toList());
    String clipped = resources.length() > 4000 ? resources.substring(0, 3999) + "…" : resources;
    audit.insert(CHAIN, EVENTS, () -> {
      var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
      jdbc.sql("insert into model_deployment_event (deployment_id, at, actor, event, app_version, resources, "
              + "engine_deployment_id, comment) values (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(id, OffsetDateTime.now(ZoneOffset.UTC), actor, event, appVersion, clipped, engineDeploymentId, comment)
          .update(keys, "id");
      return keys.getKey().longValue();
    });
  }

  /** Stores a submission and its resources; returns its id (MD-00001). Call in its own transaction. */
  String submit(String name, String source, String tenantId, String submittedBy, String appVersion,
      Map<String, byte[]> resources) {
    String id = store(PENDING, name, source, tenantId, submittedBy, appVersion, NOT_DEPLOYED, resources);
    event(id, submittedBy, "SUBMITTED", appVersion, NOT_DEPLOYED, NO_COMMENT);
    return id;
  }

  /**
   * Records a deployment that needed no approval (the start-up deployment of the shipped models, an
   * operator's), in the engine's transaction: who (the user, or {@code system} for the start-up),
   * when, which resources, from which application version. Returns its id (MD-00001).
   */
  String recordDeployed(String engineDeploymentId, String name, String source, String tenantId, String deployedBy,
      String appVersion, Map<String, byte[]> resources) {
    String id = store(DEPLOYED, name, source, tenantId, deployedBy, appVersion, engineDeploymentId, resources);
    event(id, deployedBy, DEPLOYED, appVersion, engineDeploymentId, NO_COMMENT);
    return id;
  }

  private String store(String state, String name, String source, String tenantId, String submittedBy, String appVersion,
      String engineDeploymentId, Map<String, byte[]> resources) {
    String id = String.format("MD-%05d", ids.next("MODEL_DEPLOYMENT"));
    jdbc.sql("insert into model_deployment (deployment_id, state, deployment_name, deployment_source, tenant_id, "
            + "submitted_by, submitted_at, app_version, engine_deployment_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(id, state, name, source, tenantId, submittedBy, OffsetDateTime.now(ZoneOffset.UTC), appVersion,
            engineDeploymentId)
        .update();
    Map<String, byte[]> deployed = latestDeployed(resources.keySet());
    List<Object[]> rows = resources.entrySet().stream().map(r -> new Object[] {id, r.getKey(), sha256(r.getValue()),
        r.getValue().length, diffSummary(deployed.get(r.getKey()), r.getValue()), r.getValue()}).toList();
    // one batch, and one query for what is deployed, however many resources (not two round trips each)
    jdbcTemplate.batchUpdate("insert into model_deployment_resource (deployment_id, resource_name, sha256, "
        + "byte_count, diff_summary, content) values (?, ?, ?, ?, ?, ?)", rows);
    return id;
  }

  /** The application version recorded for each engine deployment that has a record (oldest deployments may not). */
  Map<String, String> appVersionsByEngineDeployment() {
    Map<String, String> result = new HashMap<>();
    jdbc.sql("select engine_deployment_id, app_version from model_deployment where engine_deployment_id is not null")
        .query(rs -> {
          result.put(rs.getString(1), rs.getString(2));
        });
    return result;
  }

  Optional<Submission> find(String id) {
    return jdbc.sql("select * from model_deployment where deployment_id = ?").param(id).query(this::submission)
        .optional();
  }

  /** The submission, its row locked until the end of the caller's transaction. */
  Optional<Submission> lock(String id) {
    return jdbc.sql("select * from model_deployment where deployment_id = ? for update").param(id)
        .query(this::submission).optional();
  }

  List<Submission> list(String state) {
    return state == null
        ? jdbc.sql("select * from model_deployment order by submitted_at desc").query(this::submission).list()
        : jdbc.sql("select * from model_deployment where state = ? order by submitted_at desc").param(state)
            .query(this::submission).list();
  }

  List<StoredResource> resources(String id) {
    return jdbc.sql("select resource_name, sha256, byte_count, diff_summary from model_deployment_resource "
            + "where deployment_id = ? order by resource_name").param(id)
        .query((rs, n) -> new StoredResource(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)))
        .list();
  }

  Map<String, byte[]> contents(String id) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    jdbc.sql("select resource_name, content from model_deployment_resource where deployment_id = ? "
            + "order by resource_name").param(id)
        .query(rs -> {
          contents.put(rs.getString(1), rs.getBytes(2));
        });
    return contents;
  }

  void decide(String id, String state, String decidedBy, String comment, String engineDeploymentId, String appVersion) {
    jdbc.sql("update model_deployment set state = ?, decided_by = ?, decided_at = ?, decision_comment = ?, "
            + "engine_deployment_id = ? where deployment_id = ? and state = ?")
        .params(state, decidedBy, OffsetDateTime.now(ZoneOffset.UTC), comment, engineDeploymentId, id, PENDING)
        .update();
    event(id, decidedBy, state, appVersion, engineDeploymentId, comment);
  }

  /** The audit of one submission, oldest first. */
  List<Map<String, Object>> events(String id) {
    return jdbc.sql("select at, actor, event, app_version, resources, engine_deployment_id, comment "
            + "from model_deployment_event where deployment_id = ? order by id").param(id)
        .query((rs, n) -> {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("at", rs.getObject(1, OffsetDateTime.class));
          event.put("actor", rs.getString(2));
          event.put("event", rs.getString(3));
          event.put("appVersion", rs.getString(4));
          event.put("resources", rs.getString(5));
          event.put("engineDeploymentId", rs.getString(6));
          event.put("comment", rs.getString(7));
          return event;
        }).list();
  }

  /**
   * Recorded deployments by engine deployment id: who submitted and who approved each active model
   * (approved ones have {@code decidedBy}), or who deployed it directly and from which version.
   */
  Map<String, Submission> byEngineDeployment() {
    Map<String, Submission> result = new HashMap<>();
    jdbc.sql("select * from model_deployment where engine_deployment_id is not null").query(this::submission)
        .list().forEach(s -> result.put(s.engineDeploymentId(), s));
    return result;
  }

  /** The bytes of the latest deployed resource of each of these names (absent: never deployed), in one query. */
  private Map<String, byte[]> latestDeployed(java.util.Set<String> names) {
    Map<String, byte[]> latest = new HashMap<>();
    if (names.isEmpty()) {
      return latest;
    }
    jdbc.sql("select NAME_, BYTES_ from (select b.NAME_, b.BYTES_, row_number() over (partition by b.NAME_ "
            + "order by d.DEPLOY_TIME_ desc, d.ID_ desc) as NEWEST from ACT_GE_BYTEARRAY b join ACT_RE_DEPLOYMENT d "
            + "on b.DEPLOYMENT_ID_ = d.ID_ where b.NAME_ in (:names)) latest where NEWEST = 1")
        .param("names", List.copyOf(names))
        .query(rs -> {
          latest.put(rs.getString(1), rs.getBytes(2));
        });
    return latest;
  }

  /** "new resource", "unchanged", or "changed: +A -R lines" against the latest deployed bytes of that name. */
  private static String diffSummary(byte[] deployed, byte[] bytes) {
    if (deployed == null) {
      return "new resource";
    }
    return LineDiff.summary(new String(deployed, StandardCharsets.UTF_8), new String(bytes, StandardCharsets.UTF_8));
  }

  private Submission submission(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Submission(rs.getString("deployment_id"), rs.getString("state"), rs.getString("deployment_name"),
        rs.getString("deployment_source"), rs.getString("tenant_id"), rs.getString("submitted_by"),
        rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("app_version"), rs.getString("decided_by"),
        rs.getObject("decided_at", OffsetDateTime.class), rs.getString("decision_comment"),
        rs.getString("engine_deployment_id"));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A line diff summary (multiset of lines): enough for an approver to see the size of a change. */
  static final class LineDiff {
    private LineDiff() {}

    static String summary(String before, String after) {
      if (before.equals(after)) {
        return "unchanged";
      }
      Map<String, Integer> counts = new HashMap<>();
      before.lines().map(String::strip).forEach(line -> counts.merge(line, 1, Integer::sum));
      int added = 0;
      for (String line : (Iterable<String>) after.lines().map(String::strip)::iterator) {
        if (counts.getOrDefault(line, 0) > 0) {
          counts.merge(line, -1, Integer::sum);
        } else {
          added++;
        }
      }
      int removed = counts.values().stream().mapToInt(Integer::intValue).sum();
      return "changed: +" + added + " -" + removed + " lines";
    }
  }
}
