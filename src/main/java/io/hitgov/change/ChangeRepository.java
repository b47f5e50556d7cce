package io.hitgov.change;

import io.hitgov.change.ChangeRecords.Approval;
import io.hitgov.change.ChangeRecords.BaselineChange;
import io.hitgov.change.ChangeRecords.ChangeEvent;
import io.hitgov.change.ChangeRecords.ChangeRequest;
import io.hitgov.shared.audit.AuditChain;
import io.hitgov.shared.audit.AuditedTable;
import io.hitgov.shared.jdbc.Rows;
import java.time.OffsetDateTime;
import io.hitgov.shared.process.TransactionMemo;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Repository;
import org.springframework.util.ClassUtils;

/** The change log: requests, approvals, events and the baseline changes they caused. */
@Repository
class ChangeRepository {

  /** The append-only records of change control, chained per project (docs/security-audit.md). */
  public static final AuditedTable APPROVALS = AuditedTable.of("change_approval", "id", "change_request_id", "group_id",
      "user_id", "decided_at", "approved", "comment");
  public static final AuditedTable ESCALATIONS = AuditedTable.of("change_escalation", "id", "change_request_id",
      "group_id", "escalated_to", "at");
  public static final AuditedTable EVENTS = AuditedTable.of("change_event", "id", "change_request_id", "at", "actor", "event",
      "details");
  public static final AuditedTable BASELINE_CHANGES = AuditedTable.of("project_baseline_change", "id", "project_id",
      "change_request_id", "field", "old_value", "new_value", "at", "actor");

  private static final int MAX_REMEMBERED = 20_000;

  private final JdbcClient jdbc;
  private final AuditChain audit;
  /** A change request's project never changes: remembered (bounded), so chaining its records needs no read. */
  private final Map<String, String> projectOfChange = new ConcurrentHashMap<>();
  /** What this transaction has read or written (docs/performance.md#caches): requests, their events and approvals. */
  private final TransactionMemo<String, ChangeRequest> requests = new TransactionMemo<>();
  private final TransactionMemo<String, List<ChangeEvent>> eventLists = new TransactionMemo<>();
  private final TransactionMemo<String, List<Approval>> approvalLists = new TransactionMemo<>();

  public ChangeRepository(JdbcClient jdbc, AuditChain audit) {
    this.jdbc = jdbc;
    this.audit = audit;
    audit.register(APPROVALS);
    audit.register(EVENTS);
    audit.register(ESCALATIONS);
    audit.register(BASELINE_CHANGES);
  }

  private String chainOf(String changeRequestId) {
    String projectId = projectOfChange.get(changeRequestId);
    if (projectId == null) {
      projectId = jdbc.sql("select project_id from change_request where change_request_id = ?")
          .param(changeRequestId).query(String.class).single();
      rememberProject(changeRequestId, projectId);
    }
    return AuditChain.projectChain(projectId);
  }

  private void rememberProject(String changeRequestId, String projectId) {
    if (projectOfChange.size() >= MAX_REMEMBERED) {
      projectOfChange.clear();
    }
    projectOfChange.put(changeRequestId, projectId);
  }

  /** Appends {@code row} to this transaction's copy of a list it has read (nothing when it has not). */
  private static <T> void appended(TransactionMemo<String, List<T>> lists, String id, T row) {
    List<T> list = lists.get(id);
    if (list != null) {
      list.add(row);
    }
  }

  public void insert(ChangeRecords.Raised cr) {
    jdbc.sql("""
        insert into change_request (change_request_id, project_id, title, change_type, cost_impact,
          schedule_impact_days, moves_go_live, new_go_live_date, clinical_content_impact, patient_safety_impact,
          phi_impact, interface_impact, justification, standard_template_id, requester, raised_at, in_freeze_window,
          status, outcome, process_instance_id)
        values (:changeRequestId, :projectId, :title, :changeType, :costImpact, :scheduleImpactDays, :movesGoLive,
          :newGoLiveDate, :clinicalContentImpact, :patientSafetyImpact, :phiImpact, :interfaceImpact, :justification,
          :standardTemplateId, :requester, :raisedAt, :inFreezeWindow, :status, :outcome, :processInstanceId)""")
        .paramSource(cr).update();
    rememberProject(cr.changeRequestId(), cr.projectId());
    eventLists.put(cr.changeRequestId(), new ArrayList<>()); // a new request has no events or approvals yet
    approvalLists.put(cr.changeRequestId(), new ArrayList<>());
  }

  /** The request, read once per transaction; every UPDATE of this repository evicts it. */
  public Optional<ChangeRequest> find(String id) {
    ChangeRequest known = requests.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<ChangeRequest> found = jdbc.sql("select * from change_request where change_request_id = ?").param(id)
        .query(Rows.of(ChangeRequest.class)).optional();
    found.ifPresent(cr -> {
      requests.put(id, cr);
      rememberProject(id, cr.projectId());
    });
    return found;
  }

  public ChangeRequest get(String id) {
    return find(id).orElseThrow(() -> new IllegalStateException("No change request " + id));
  }

  /** The project's approved changes with a cost impact: how many, and their costs summed (signed). */
  record ApprovedCost(long count, long total) {}

  ApprovedCost approvedCost(String projectId) {
    return jdbc.sql("select count(*) as count, coalesce(sum(cost_impact), 0) as total from change_request "
            + "where project_id = ? and outcome = ? and cost_impact <> 0")
        .params(projectId, ChangeRequestProcess.Values.APPROVED).query((rs, i) -> new ApprovedCost(rs.getLong("count"),
            rs.getLong("total"))).single();
  }

  public List<ChangeRequest> ofProject(String projectId) {
    return jdbc.sql("select * from change_request where project_id = ? order by raised_at, change_request_id")
        .param(projectId).query(Rows.of(ChangeRequest.class)).list();
  }

  /** The change-log entries of all the project's change requests in one read, by change request, each oldest first. */
  public Map<String, List<ChangeEvent>> eventsOfProject(String projectId) {
    Map<String, List<ChangeEvent>> events = new java.util.LinkedHashMap<>();
    jdbc.sql("select e.* from change_event e join change_request c on c.change_request_id = e.change_request_id"
        + " where c.project_id = ? order by e.id").param(projectId).query(Rows.of(ChangeEvent.class)).list()
        .forEach(e -> events.computeIfAbsent(e.changeRequestId(), id -> new ArrayList<>()).add(e));
    return events;
  }

  public void update(String id, String column, Object value) {
    update(id, new Object[] {column, value});
  }

  /** Several columns in one UPDATE: {@code column1, value1, column2, value2, ...}. */
  public void update(String id, Object... columnsAndValues) {
    StringBuilder sql = new StringBuilder("update change_request set ");
    List<Object> params = new java.util.ArrayList<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      String column = (String) columnsAndValues[i];
      if (!column.matches("[a-z_]+")) {
        throw new IllegalArgumentException(column);
      }
      sql.append(i == 0 ? "" : ", ").append(column).append(" = ?");
      params.add(columnsAndValues[i + 1]);
    }
    params.add(id);
    ChangeRequest before = requests.get(id);
    requests.evict(id);
    ChangeRequest after = before == null ? null : with(before, columnsAndValues);
    if (after != null) {
      requests.put(id, after); // the row as this UPDATE leaves it: the next step needs no second read
    }
    jdbc.sql(sql.append(" where change_request_id = ?").toString()).params(params).update();
  }

  /** {@code cr} with the columns replaced (snake_case column = camelCase component); null when one does not fit. */
  static ChangeRequest with(ChangeRequest cr, Object... columnsAndValues) {
    RecordComponent[] components = ChangeRequest.class.getRecordComponents();
    Object[] values = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        values[i] = components[i].getAccessor().invoke(cr);
      }
      for (int i = 0; i < columnsAndValues.length; i += 2) {
        String component = JdbcUtils.convertUnderscoreNameToPropertyName((String) columnsAndValues[i]);
        int index = java.util.stream.IntStream.range(0, components.length)
            .filter(k -> components[k].getName().equals(component)).findFirst().orElse(-1);
        Object value = columnsAndValues[i + 1];
        if (index < 0 || value == null && components[index].getType().isPrimitive()
            || value != null && !ClassUtils.isAssignableValue(components[index].getType(), value)) {
          return null;
        }
        values[index] = value;
      }
      return ChangeRequest.class.getDeclaredConstructor(
          java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(values);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  public void insertApproval(Approval a) {
    String id = audit.insertReturning(chainOf(a.changeRequestId()), APPROVALS, """
        insert into change_approval (change_request_id, group_id, user_id, decided_at, approved, comment)
        values (?, ?, ?, ?, ?, ?)""", a.changeRequestId(), a.groupId(), a.userId(), a.decidedAt(), a.approved(),
        a.comment());
    appended(approvalLists, a.changeRequestId(), new Approval(Long.valueOf(id), a.changeRequestId(), a.groupId(),
        a.userId(), a.decidedAt(), a.approved(), a.comment()));
  }

  /** Records that the approval slot of {@code group} went overdue and {@code to} may now decide it. */
  public void insertEscalation(String id, String group, String to, OffsetDateTime at) {
    audit.insertReturning(chainOf(id), ESCALATIONS,
        "insert into change_escalation (change_request_id, group_id, escalated_to, at) values (?, ?, ?, ?)",
        id, group, to, at);
  }

  public boolean escalated(String id, String group) {
    return jdbc.sql("select count(*) from change_escalation where change_request_id = ? and group_id = ?")
        .params(id, group).query(Long.class).single() > 0;
  }

  /** The request's approvals, oldest first; read once per transaction, then kept up to date by {@link #insertApproval}. */
  public List<Approval> approvals(String id) {
    return List.copyOf(approvalLists.map() == null ? readApprovals(id)
        : approvalLists.map().computeIfAbsent(id, this::readApprovals));
  }

  private List<Approval> readApprovals(String id) {
    return new ArrayList<>(jdbc.sql("select * from change_approval where change_request_id = ? order by id").param(id)
        .query(Rows.of(Approval.class)).list());
  }

  public void insertEvent(String id, OffsetDateTime at, String actor, String event, String details) {
    String eventId = audit.insertReturning(chainOf(id), EVENTS,
        "insert into change_event (change_request_id, at, actor, event, details) values (?, ?, ?, ?, ?)",
        id, at, actor, event, details);
    appended(eventLists, id, new ChangeEvent(Long.valueOf(eventId), id, at, actor, event, details));
  }

  /** The request's events, oldest first; read once per transaction, then kept up to date by {@link #insertEvent}. */
  public List<ChangeEvent> events(String id) {
    return List.copyOf(eventLists.map() == null ? readEvents(id) : eventLists.map().computeIfAbsent(id, this::readEvents));
  }

  private List<ChangeEvent> readEvents(String id) {
    return new ArrayList<>(jdbc.sql("select * from change_event where change_request_id = ? order by id").param(id)
        .query(Rows.of(ChangeEvent.class)).list());
  }

  public void insertBaselineChange(BaselineChange b) {
    audit.insertReturning(AuditChain.projectChain(b.projectId()), BASELINE_CHANGES, """
        insert into project_baseline_change (project_id, change_request_id, field, old_value, new_value, at, actor)
        values (?, ?, ?, ?, ?, ?, ?)""", b.projectId(), b.changeRequestId(), b.field(), b.oldValue(), b.newValue(),
        b.at(), b.actor());
  }

  public List<BaselineChange> baselineChanges(String projectId) {
    return jdbc.sql("select * from project_baseline_change where project_id = ? order by id").param(projectId)
        .query(Rows.of(BaselineChange.class)).list();
  }
}
