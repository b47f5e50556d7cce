package io.hitgov.system.identity;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.hitgov.shared.GovernanceGroup;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the governance groups, their authorizations and the Tasklist filters at start-up,
 * idempotently: a second start, or a second node, changes nothing.
 *
 * <p>Groups hold every authorization, so a user added to a group can act at once. Tasks are
 * reached through candidate groups only (the engine grants a candidate group access to its
 * task); no group gets {@code READ_TASK} on definitions, so each group sees only its own tasks.
 */
@Component
@Order(1)
public class IdentitySetup implements InitializingBean {

  /** The landing filter: tasks assigned to me and open tasks of my groups that nobody has claimed. */
  public static final String FILTER_MY_WORK = "My tasks and my groups' tasks";
  public static final String FILTER_OVERDUE = "Overdue";
  public static final String FILTER_DUE_THIS_WEEK = "Due this week";
  public static final String FILTER_BY_PROJECT = "By project";
  /** For {@code pmo} only: every open governance task the PMO may read. */
  public static final String FILTER_ALL_OPEN = "All open governance tasks";
  /** Filters of earlier releases, replaced by {@link #FILTER_MY_WORK}. */
  static final List<String> RETIRED_FILTERS = List.of("My tasks", "My group tasks");
  /** Every governance process carries the project id (docs/contract.md#variables). */
  static final String PROJECT_ID = "projectId";
  private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final FilterService filterService;
  private final TaskService taskService;
  private final SecurityProperties properties;
  private final TransactionTemplate transaction;
  /** The governance groups' grants, read once per set-up (by group, resource type and id), kept up to date by {@link #grant}. */
  private Map<String, Authorization> grants = Map.of();

  public IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
      FilterService filterService, TaskService taskService, SecurityProperties properties,
      PlatformTransactionManager transactionManager) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
    this.filterService = filterService;
    this.taskService = taskService;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  @Override
  public void afterPropertiesSet() {
    // Several nodes may start at once; a lost race on a unique key is retried against the winner's rows.
    for (int attempt = 1; ; attempt++) {
      try {
        // one transaction: one commit instead of one per group, grant and filter, and never half set up
        try {
          transaction.executeWithoutResult(status -> setUp());
        } finally {
          grants = Map.of();
        }
        LOG.info("Governance groups and authorizations in place: {}",
            Arrays.stream(GovernanceGroup.values()).map(GovernanceGroup::id).toList());
        return;
      } catch (ProcessEngineException e) {
        if (attempt == 3) {
          throw e;
        }
        LOG.warn("Identity set-up attempt {} failed ({}); retrying", attempt, e.getMessage());
      }
    }
  }

  private void setUp() {
    String[] groupIds = Arrays.stream(GovernanceGroup.values()).map(GovernanceGroup::id).toArray(String[]::new);
    Set<String> existingGroups = identityService.createGroupQuery().groupIdIn(groupIds).list().stream()
        .map(Group::getId).collect(Collectors.toSet());
    for (GovernanceGroup group : GovernanceGroup.values()) {
      if (!existingGroups.contains(group.id())) {
        createGroup(group);
      }
    }
    grants = new HashMap<>();
    authorizationService.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(groupIds).list()
        .forEach(a -> grants.put(grantKey(a.getGroupId(), a.getResourceType(), a.getResourceId()), a));
    for (GovernanceGroup group : GovernanceGroup.approverGroups()) {
      grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Models are not data: every approver may read them (Tasklist shows a task's diagram), and a
      // start without CREATE_INSTANCE is then refused with 403 rather than hidden as 404.
      grant(group, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ);
      // The user and group directory (names only): forms and pickers show people by name.
      grant(group, Resources.USER, "*", Permissions.READ);
      grant(group, Resources.GROUP, "*", Permissions.READ);
    }
    grantProcessStarters();
    grantPmo();
    grantOperators();
    ensureFilters();
  }

  private void grantProcessStarters() {
    for (Map.Entry<String, List<String>> entry : properties.processStarters().entrySet()) {
      for (String groupId : entry.getValue()) {
        if (!GovernanceGroup.isKnown(groupId)) {
          throw new IllegalStateException("hitgov.security.process-starters." + entry.getKey()
              + " names unknown group '" + groupId + "'");
        }
        grant(groupId, Resources.PROCESS_DEFINITION, entry.getKey(),
            ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(groupId, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
      }
    }
  }

  /**
   * The PMO models and deploys processes (Camunda Modeler), tries decisions and watches Cockpit:
   * it reads every governance process instance, task, job and history entry (so Cockpit's
   * dashboard counts and its Human Tasks page are complete) and changes none of them: no UPDATE,
   * no UPDATE_INSTANCE, no task assignment, no variable edits (docs/processes/cockpit-and-api.md).
   */
  private void grantPmo() {
    GovernanceGroup pmo = GovernanceGroup.PMO;
    grant(pmo, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(pmo, Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.READ);
    grant(pmo, Resources.PROCESS_DEFINITION, "*", ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
        ProcessDefinitionPermissions.READ_TASK);
    grant(pmo, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
    grant(pmo, Resources.TASK, "*", Permissions.READ);
    grant(pmo, Resources.HISTORIC_TASK, "*", org.camunda.bpm.engine.authorization.HistoricTaskPermissions.READ);
    grant(pmo, Resources.HISTORIC_PROCESS_INSTANCE, "*",
        org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions.READ);
    grant(pmo, Resources.DECISION_DEFINITION, "*", Permissions.READ, Permissions.CREATE_INSTANCE,
        Permissions.READ_HISTORY);
    grant(pmo, Resources.DECISION_REQUIREMENTS_DEFINITION, "*", Permissions.READ);
  }

  /** Operators hold everything; Camunda's admin-user set-up grants ALL, this makes it explicit. */
  private void grantOperators() {
    for (Resources resource : Resources.values()) {
      grant(GovernanceGroup.OPERATORS.id(), resource, "*", Permissions.ALL);
    }
  }

  /**
   * The Tasklist filters (docs/processes/tasklist.md#filters), each shared by a READ authorization
   * on the filter with the groups that use it; the landing filter has the lowest priority, so
   * Tasklist opens it first. Each list shows the project id next to the task.
   */
  private void ensureFilters() {
    for (String retired : RETIRED_FILTERS) {
      filterService.createFilterQuery().filterName(retired).list().forEach(f -> filterService.deleteFilter(f.getId()));
    }
    // filters used to be shared by a wildcard READ, which would also show the PMO's own filter to everyone
    for (GovernanceGroup group : GovernanceGroup.approverGroups()) {
      revokeWildcard(group.id(), Resources.FILTER);
    }
    List<String> everyone = GovernanceGroup.approverGroups().stream().map(GovernanceGroup::id).toList();
    share(ensureFilter(FILTER_MY_WORK, -20, "Tasks assigned to me and unclaimed tasks of my groups",
        mine().orderByDueDate().asc()), everyone);
    share(ensureFilter(FILTER_OVERDUE, -15, "My and my groups' tasks past their due date",
        mine().dueBeforeExpression("${now()}").orderByDueDate().asc()), everyone);
    share(ensureFilter(FILTER_DUE_THIS_WEEK, -10, "My and my groups' tasks due in the next seven days",
        mine().dueAfterExpression("${now()}").dueBeforeExpression("${dateTime().plusDays(7).toDate()}")
            .orderByDueDate().asc()), everyone);
    share(ensureFilter(FILTER_BY_PROJECT, -5, "My and my groups' tasks, sorted by project, then due date",
        mine().orderByProcessVariable(PROJECT_ID, ValueType.STRING).asc().orderByDueDate().asc()), everyone);
    share(ensureFilter(FILTER_ALL_OPEN, 0, "Every open governance task, sorted by project, then due date",
        taskService.createTaskQuery().orderByProcessVariable(PROJECT_ID, ValueType.STRING).asc().orderByDueDate().asc()),
        List.of(GovernanceGroup.PMO.id()));
  }

  /** Assigned to me, or offered to one of my groups and not claimed by anyone. */
  private TaskQuery mine() {
    return taskService.createTaskQuery().or().taskAssigneeExpression("${currentUser()}")
        .taskCandidateGroupInExpression("${currentUserGroups()}").endOr();
  }

  private Filter ensureFilter(String name, int priority, String description, TaskQuery query) {
    List<Filter> existing = filterService.createFilterQuery().filterName(name).list();
    for (Filter filter : existing) {
      // Auto-refresh reloads the list every 10 s and so keeps an unattended Tasklist's session alive:
      // it would defeat the idle logoff (docs/security-http.md). Switched off on earlier databases too.
      if (Boolean.TRUE.equals(filter.getProperties().get("refresh"))) {
        Map<String, Object> properties = new java.util.HashMap<>(filter.getProperties());
        properties.put("refresh", false);
        filterService.saveFilter(filter.setProperties(properties));
      }
    }
    if (!existing.isEmpty()) {
      return existing.get(0);
    }
    Filter filter = filterService.newTaskFilter(name)
        .setProperties(Map.of("priority", priority, "refresh", false, "description", description,
            "variables", List.of(Map.of("name", PROJECT_ID, "label", "Project"))))
        .setQuery(query);
    return filterService.saveFilter(filter);
  }

  private void share(Filter filter, List<String> groups) {
    for (String group : groups) {
      grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }

  private void revokeWildcard(String groupId, Resource resource) {
    Authorization wildcard = grants.remove(grantKey(groupId, resource.resourceType(), "*"));
    if (wildcard != null) {
      authorizationService.deleteAuthorization(wildcard.getId());
    }
  }

  private void createGroup(GovernanceGroup governanceGroup) {
    Group group = identityService.newGroup(governanceGroup.id());
    group.setName(governanceGroup.displayName());
    group.setType(governanceGroup == GovernanceGroup.OPERATORS ? "SYSTEM" : "WORKFLOW");
    identityService.saveGroup(group);
  }

  private void grant(GovernanceGroup group, Resource resource, String resourceId, Permission... permissions) {
    grant(group.id(), resource, resourceId, permissions);
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = grants.get(grantKey(groupId, resource.resourceType(), resourceId));
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      grants.put(grantKey(groupId, resource.resourceType(), resourceId),
          authorizationService.saveAuthorization(authorization));
    }
  }

  private static String grantKey(String groupId, int resourceType, String resourceId) {
    return groupId + '\n' + resourceType + '\n' + resourceId;
  }
}
