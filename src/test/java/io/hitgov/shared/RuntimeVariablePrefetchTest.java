package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.shared.process.NewTaskAuthorizations;
import io.hitgov.shared.process.RuntimeVariablePrefetch;
import io.hitgov.support.HitgovSpringTest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Variables and task grants stay exactly Camunda's when HITGov reads a process instance's runtime
 * variables once per command ({@link RuntimeVariablePrefetch}) and grants a new task without looking
 * for an earlier grant ({@link NewTaskAuthorizations}): each scope (process instance, concurrent
 * branch, sub-process, task) sees its own variables and inherits its parents', a sub-process's
 * variables end with it, a parallel join and a task created in the completing command see the
 * latest values, and every task has one grant per candidate group and person, also when an existing
 * task gets a group it already has, and a standalone task whose chosen id an earlier grant names
 * adds to that grant. (The round-trip budget test shows that the reads went away;
 * {@link RuntimeVariablePrefetchOffTest} runs the same with both levers off.)
 */
@HitgovSpringTest
class RuntimeVariablePrefetchTest {

  static final String KEY = "ScopedVariablesFixtureProcess";

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired AuthorizationService authorizationService;

  @BeforeEach
  void deploy() {
    init(processEngine); // Camunda BPM Assert's engine: this class's context, not an earlier one's
    if (repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).count() > 0) {
      return;
    }
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY)
        .camundaHistoryTimeToLiveString("P4018D")
        .startEvent()
        .parallelGateway("Fork")
          .subProcess("SubProcess_Inner").camundaInputParameter("local", "inside")
            .embeddedSubProcess().startEvent()
            .userTask("UserTask_Inner").camundaCandidateGroups("pmo").camundaAssignee("maria")
            .endEvent()
          .subProcessDone()
          .parallelGateway("Join")
          .userTask("UserTask_After").camundaCandidateGroups("pmo, it-security")
            .camundaInputParameter("after", "${shared}")
          .endEvent()
        .moveToNode("Fork")
          .userTask("UserTask_Other").camundaCandidateGroups("pmo, pmo")
          .connectTo("Join")
        .done();
    repositoryService.createDeployment().addModelInstance(KEY + ".bpmn", model).deploy();
  }

  @Test
  void every_scope_reads_its_own_variables_and_its_parents_through_the_whole_instance() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY, Map.of("shared", "s0"));
    Task inner = task(instance, "UserTask_Inner");
    Task other = task(instance, "UserTask_Other");
    taskService.setVariableLocal(inner.getId(), "note", "inner note");
    taskService.setVariableLocal(other.getId(), "note", "other note");

    assertThat(taskService.getVariablesLocal(inner.getId())).containsExactly(Map.entry("note", "inner note"));
    assertThat(taskService.getVariablesLocal(other.getId())).containsExactly(Map.entry("note", "other note"));
    assertThat(taskService.getVariables(inner.getId())).as("the task, its sub-process and the instance")
        .containsOnly(Map.entry("note", "inner note"), Map.entry("local", "inside"), Map.entry("shared", "s0"));
    assertThat(taskService.getVariables(other.getId())).as("the sub-process's variable is not the branch's")
        .containsOnly(Map.entry("note", "other note"), Map.entry("shared", "s0"));
    assertThat(runtimeService.getVariablesLocal(instance.getId())).containsOnly(Map.entry("shared", "s0"));
    assertThat(taskService.getVariablesLocal(inner.getId(), List.of("note", "missing"))).as("read by name")
        .containsExactly(Map.entry("note", "inner note"));
    assertThat(taskService.getVariables(inner.getId(), List.of("local", "shared")))
        .containsOnly(Map.entry("local", "inside"), Map.entry("shared", "s0"));
    assertThat(runtimeService.getVariablesLocal(instance.getId(), List.of("local"))).as("not the instance's").isEmpty();

    // one command: the inner task completes with an update and a new variable, its sub-process ends
    taskService.complete(inner.getId(), Map.of("shared", "s1", "fromInner", true));
    assertThat(instance).isWaitingAt("UserTask_Other").isNotWaitingAt("UserTask_Inner");
    assertThat(runtimeService.getVariables(instance.getId()))
        .containsOnly(Map.entry("shared", "s1"), Map.entry("fromInner", true));
    assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(instance.getId())
        .variableName("local").count()).as("the sub-process's variable ended with it").isZero();
    assertThat(taskService.getVariablesLocal(other.getId())).containsExactly(Map.entry("note", "other note"));

    // one command: the other branch completes, the join passes, the next task reads the latest value
    taskService.complete(other.getId(), Map.of("late", 1));
    Task after = task(instance, "UserTask_After");
    assertThat(runtimeService.getVariablesLocal(after.getExecutionId())).containsExactly(Map.entry("after", "s1"));
    assertThat(taskService.getVariablesLocal(after.getId())).isEmpty();
    assertThat(runtimeService.getVariables(after.getExecutionId()))
        .containsOnly(Map.entry("shared", "s1"), Map.entry("fromInner", true), Map.entry("late", 1),
            Map.entry("after", "s1"));
    assertThat(runtimeService.getVariablesLocal(instance.getId()))
        .containsOnly(Map.entry("shared", "s1"), Map.entry("fromInner", true), Map.entry("late", 1));

    taskService.complete(after.getId(), Map.of("after", "done"));
    assertThat(instance).isEnded();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("shared").singleResult().getValue()).isEqualTo("s1");
  }

  @Test
  void every_task_has_one_grant_per_candidate_group_and_person() {
    ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY, Map.of("shared", "s0"));
    Task inner = task(instance, "UserTask_Inner");
    Task other = task(instance, "UserTask_Other");

    assertThat(grants(inner)).as("the candidate group and the assignee, granted as the task was created")
        .containsOnlyKeys("group pmo", "user maria");
    assertThat(grants(inner).get("group pmo").isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    assertThat(grants(inner).get("user maria").isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    assertThat(grants(other)).as("a group named twice has one grant").containsOnlyKeys("group pmo");

    // an existing task: Camunda adds to the grant it finds rather than writing a second one
    taskService.addCandidateGroup(other.getId(), "pmo");
    taskService.addCandidateGroup(other.getId(), "it-security");
    taskService.setAssignee(other.getId(), "maria");
    assertThat(grants(other)).containsOnlyKeys("group pmo", "group it-security", "user maria");

    taskService.complete(inner.getId());
    taskService.complete(other.getId());
    Task after = task(instance, "UserTask_After");
    assertThat(grants(after)).as("a task created by completing another")
        .containsOnlyKeys("group pmo", "group it-security");
    assertThat(grants(after).get("group it-security").isPermissionGranted(Permissions.READ)).isTrue();
  }

  @Test
  void a_standalone_task_with_a_chosen_id_adds_to_the_grant_made_before_it() {
    String id = "standalone-grant-" + System.nanoTime();
    Authorization earlier = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    earlier.setUserId("maria");
    earlier.setResource(Resources.TASK);
    earlier.setResourceId(id);
    earlier.addPermission(Permissions.READ);
    authorizationService.saveAuthorization(earlier);

    Task task = taskService.newTask(id);
    task.setName("Standalone follow-up");
    task.setAssignee("maria");
    taskService.saveTask(task);
    try {
      Map<String, Authorization> grants = grants(task);
      assertThat(grants).as("Camunda's merge into the grant that named the id first").containsOnlyKeys("user maria");
      assertThat(grants.get("user maria").getId()).isEqualTo(earlier.getId());
      assertThat(grants.get("user maria").isPermissionGranted(TaskPermissions.TASK_WORK)).isTrue();
    } finally {
      taskService.deleteTask(id, true); // Camunda deletes the task's grants with it, the earlier one included
    }
  }

  private Task task(ProcessInstance instance, String key) {
    return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
  }

  /** The task's grants by "group g" or "user u"; fails on a second grant for the same one. */
  private Map<String, Authorization> grants(Task task) {
    List<Authorization> grants = authorizationService.createAuthorizationQuery().resourceType(Resources.TASK)
        .resourceId(task.getId()).authorizationType(Authorization.AUTH_TYPE_GRANT).list();
    return grants.stream().collect(java.util.stream.Collectors.toMap(
        grant -> grant.getGroupId() != null ? "group " + grant.getGroupId() : "user " + grant.getUserId(),
        grant -> grant));
  }
}
