package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.change.ChangeRows;
import io.hitgov.lifecycle.ProjectRows;
import io.hitgov.risk.RiskRows;
import io.hitgov.support.HitgovSpringTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The default profile's demo data: one project at P0 with a risk and a change request, started by demo users. */
@HitgovSpringTest(properties = "hitgov.demo.data=true")
class DemoDataTest {

  ProjectRows projects;
  RiskRows risks;
  ChangeRows changes;

  @Autowired
  void rows(org.springframework.context.ApplicationContext context) {
    projects = ProjectRows.of(context);
    risks = RiskRows.of(context);
    changes = ChangeRows.of(context);
  }
  @Autowired TaskService taskService;

  @Test
  void an_empty_database_gets_a_demo_project_with_a_risk_and_a_change() {
    var project = projects.find("EHR-DEMO-001").orElseThrow();
    assertThat(project.startedBy()).isEqualTo("paula");
    assertThat(project.currentPhase()).isEqualTo("P0");
    assertThat(risks.ofProject("EHR-DEMO-001")).extracting("raisedBy").containsExactly("irene");
    assertThat(changes.ofProject("EHR-DEMO-001")).extracting("requester", "status")
        .containsExactly(org.assertj.core.groups.Tuple.tuple("irene", "OPEN"));
    assertThat(taskService.createTaskQuery().taskCandidateGroup("projectManagers").includeAssignedTasks().count())
        .as("P0 deliverables and the change's impact assessment wait in Tasklist").isGreaterThanOrEqualTo(3);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey("EHR-DEMO-001").taskAssignee("maria")
        .list()).as("maria, the project manager, has her P0 deliverables").hasSize(2)
        .allSatisfy(t -> assertThat(t.getName()).startsWith("EHR-DEMO-001 · P0 · "))
        .allSatisfy(t -> assertThat(t.getDueDate()).isAfter(new java.util.Date()));
    assertThat(projects.phases("EHR-DEMO-001")).as("the demo project starts on plan: no phase in the past")
        .allSatisfy(p -> assertThat(p.plannedStart()).isAfterOrEqualTo(java.time.LocalDate.now().minusDays(1)));
    assertThat(taskService.createTaskQuery().taskNameLike("%Review overdue phase%").count())
        .as("nothing is overdue on the first day").isZero();
  }
}
