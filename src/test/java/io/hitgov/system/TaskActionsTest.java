package io.hitgov.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import io.hitgov.support.Projects;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a user may do to a task besides completing it: claim it for themselves only, and raise only
 * the BPMN errors and escalations its own boundary events catch (docs/security-errors.md). Camunda
 * allows both to anyone who may work on the task.
 */
@HitgovSpringTest
class TaskActionsTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  Http http;

  @BeforeEach
  void setUp() {
    http = Http.on(port);
    if (http.as("admin").get("/engine-rest/process-definition/key/TaskActionsProbeProcess").status() == 404) {
      var model = Bpmn.createExecutableProcess("TaskActionsProbeProcess").camundaHistoryTimeToLiveString("P4018D")
          .startEvent()
          .userTask("UserTask_Work").name("Work").camundaCandidateGroups("projectManagers")
          .boundaryEvent("BoundaryEvent_NeedsHelp").escalation("NEEDS_HELP").endEvent("EndEvent_NeedsHelp")
          .moveToActivity("UserTask_Work").boundaryEvent("BoundaryEvent_CannotDo").error("CANNOT_DO")
          .endEvent("EndEvent_CannotDo")
          .moveToActivity("UserTask_Work").endEvent("EndEvent_Done")
          .done();
      assertThat(http.as("admin").deployBytes("task-actions-probe", Map.of("TaskActionsProbeProcess.bpmn",
          Bpmn.convertToString(model).getBytes(UTF_8))).status()).isEqualTo(200);
    }
  }

  @Test
  void a_phase_task_cannot_end_its_project_by_raising_the_lifecycles_termination() {
    Projects.start(http, "EHR-ESCALATE-1");
    Task phaseTask = taskService.createTaskQuery().processVariableValueEquals("projectId", "EHR-ESCALATE-1")
        .taskAssignee("maria").list().get(0);
    String lifecycle = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("EHR-ESCALATE-1")
        .processDefinitionKey("ImplementationLifecycleProcess").singleResult().getId();

    Http.Response escalated = http.as("maria").postJson("/engine-rest/task/" + phaseTask.getId() + "/bpmnEscalation",
        "{\"escalationCode\":\"PROJECT_TERMINATED\"}");
    assertThat(escalated.status()).as(escalated.toString()).isEqualTo(400);
    assertThat(escalated.body()).contains("PROJECT_TERMINATED").contains("boundary event");
    Http.Response error = http.as("maria").postJson("/engine-rest/task/" + phaseTask.getId() + "/bpmnError",
        "{\"errorCode\":\"PROJECT_TERMINATED\"}");
    assertThat(error.status()).as(error.toString()).isEqualTo(400);

    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(lifecycle).count())
        .as("the lifecycle runs on").isEqualTo(1);
    assertThat(taskService.createTaskQuery().taskId(phaseTask.getId()).count()).isEqualTo(1);
    assertThat(http.as("paula").get("/api/projects/EHR-ESCALATE-1").body()).doesNotContain("TERMINATED");
  }

  @Test
  void a_task_raises_what_its_own_boundary_events_catch_and_only_for_who_may_work_on_it() {
    String helped = runtimeService.startProcessInstanceByKey("TaskActionsProbeProcess").getId();
    String task = taskOf(helped);
    assertThat(http.as("fiona").postJson("/engine-rest/task/" + task + "/bpmnEscalation",
        "{\"escalationCode\":\"NEEDS_HELP\"}").status()).as("finance is no candidate").isEqualTo(403);
    assertThat(http.as("mike").postJson("/engine-rest/task/" + task + "/bpmnEscalation",
        "{\"escalationCode\":\"SOMETHING_ELSE\"}").status()).isEqualTo(400);
    assertThat(http.as("mike").postJson("/engine-rest/task/" + task + "/bpmnEscalation",
        "{\"escalationCode\":\"NEEDS_HELP\"}").status()).isEqualTo(204);
    assertThat(endedAt(helped)).isEqualTo("EndEvent_NeedsHelp");

    String failed = runtimeService.startProcessInstanceByKey("TaskActionsProbeProcess").getId();
    task = taskOf(failed);
    assertThat(http.as("mike").postJson("/engine-rest/task/" + task + "/bpmnError",
        "{\"errorCode\":\"NEEDS_HELP\"}").status()).as("an escalation's code is no error").isEqualTo(400);
    assertThat(http.as("mike").postJson("/engine-rest/task/" + task + "/bpmnError",
        "{\"errorCode\":\"CANNOT_DO\"}").status()).isEqualTo(204);
    assertThat(endedAt(failed)).isEqualTo("EndEvent_CannotDo");
  }

  @Test
  void a_candidate_claims_a_task_for_themselves_only_and_cannot_take_it_from_its_assignee() {
    String instance = runtimeService.startProcessInstanceByKey("TaskActionsProbeProcess").getId();
    String task = taskOf(instance);

    Http.Response forFiona = http.as("mike").postJson("/engine-rest/task/" + task + "/claim", "{\"userId\":\"fiona\"}");
    assertThat(forFiona.status()).as(forFiona.toString()).isEqualTo(403);
    assertThat(forFiona.body()).contains("for themselves only");
    Http.Response forMaria = http.as("mike").postJson("/engine-rest/task/" + task + "/claim", "{\"userId\":\"maria\"}");
    assertThat(forMaria.status()).as("a fellow candidate too: " + forMaria).isEqualTo(403);
    assertThat(assignee(task)).isNull();

    assertThat(http.as("mike").postJson("/engine-rest/task/" + task + "/claim", "{\"userId\":\"mike\"}").status())
        .isEqualTo(204);
    Http.Response taken = http.as("maria").postJson("/engine-rest/task/" + task + "/claim", "{\"userId\":null}");
    assertThat(taken.status()).as("a claim without a user unclaims: " + taken).isEqualTo(403);
    assertThat(assignee(task)).isEqualTo("mike");
    assertThat(http.as("mike").postJson("/engine-rest/task/" + task + "/claim", "{\"userId\":null}").status())
        .as("the assignee lets go of their own task").isEqualTo(204);
    assertThat(assignee(task)).isNull();
    assertThat(http.as("mike").postJson("/engine-rest/task/" + task + "/claim", "{\"userId\":\"mike\"}").status())
        .isEqualTo(204);
    assertThat(http.as("maria").postJson("/engine-rest/task/" + task + "/unclaim", "{}").status())
        .as("someone else's task").isEqualTo(403);
    assertThat(assignee(task)).isEqualTo("mike");
    Http.Response unclaimed = http.as("mike").postJson("/engine-rest/task/" + task + "/unclaim", "{}");
    assertThat(unclaimed.status()).as("Tasklist's unclaim, by the assignee: " + unclaimed).isEqualTo(204);
    assertThat(assignee(task)).isNull();

    assertThat(http.as("admin").postJson("/engine-rest/task/" + task + "/claim", "{\"userId\":\"maria\"}").status())
        .as("an operator may assign").isEqualTo(204);
    assertThat(assignee(task)).isEqualTo("maria");
  }

  private String taskOf(String processInstanceId) {
    return taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult().getId();
  }

  private String assignee(String taskId) {
    return taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee();
  }

  private String endedAt(String processInstanceId) {
    return historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
        .getEndActivityId();
  }
}
