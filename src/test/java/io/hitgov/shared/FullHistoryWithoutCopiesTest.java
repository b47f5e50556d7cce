package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.shared.process.FullHistoryWithoutCopies;
import io.hitgov.shared.process.HistoryProperties;
import io.hitgov.support.Changes;
import io.hitgov.support.Engine;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Projects;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * History FULL without the forms' display values (docs/adr/0007-display-values-out-of-history.md):
 * a task's display values are on the task while it is open (Tasklist reads them there) and never in
 * history, before or after the task completes; the process variables they are computed from, and
 * any other task-local variable, are in history as with Camunda's FULL.
 */
@HitgovSpringTest
class FullHistoryWithoutCopiesTest {

  @Autowired ProcessEngine processEngine;
  @Autowired ApplicationContext context;
  Engine engine;
  HistoryService history;

  @BeforeEach
  void setUp() {
    engine = new Engine(processEngine);
    history = processEngine.getHistoryService();
  }

  List<String> historicNames(String processInstanceId) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).list().stream()
        .map(HistoricVariableInstance::getName).toList();
  }

  List<String> detailNames(String processInstanceId) {
    return history.createHistoricDetailQuery().processInstanceId(processInstanceId).variableUpdates().list().stream()
        .map(d -> ((HistoricVariableUpdate) d).getVariableName()).toList();
  }

  @Test
  void the_engine_runs_camundas_full_level_by_its_id_and_name() {
    var level = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getHistoryLevel();
    assertThat(level.getId()).isEqualTo(3);
    assertThat(level.getName()).isEqualTo("full");
    assertThat(level.getClass().getSimpleName()).isEqualTo("FullWithoutCopies");
    assertThat(((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getHistoryLevels())
        .as("history 'auto' would take the first level with id 3").filteredOn(l -> l.getId() == 3).containsExactly(level);
  }

  @Test
  void a_change_requests_display_values_are_on_its_tasks_and_never_in_history() {
    Projects.register(context, "EHR-DISP-C");
    ProcessInstance cr = engine.as("irene", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(ChangeRequestProcess.KEY, Changes.interfaceChange("EHR-DISP-C")));
    Task assess = engine.task(cr.getId(), ChangeRequestProcess.Elements.ASSESS);
    Map<String, Object> shown = processEngine.getTaskService().getVariablesLocal(assess.getId());
    assertThat(shown).containsEntry("costImpactText", "40,000 USD").containsKey("requesterName")
        .containsKey("budgetText");
    // another task-local variable (not a display value) is history as usual
    processEngine.getTaskService().setVariableLocal(assess.getId(), "assessorNote", "call the lab first");

    List<String> before = historicNames(cr.getId());
    assertThat(before).contains("costImpact", "changeType", "projectId", "assessorNote")
        .doesNotContainAnyElementsOf(shown.keySet());
    assertThat(detailNames(cr.getId())).contains("costImpact").doesNotContainAnyElementsOf(shown.keySet());

    engine.complete("mike", assess, Changes.assessment("MODERATE"));
    Task approval = engine.tasks(cr.getId(), ChangeRequestProcess.Elements.APPROVE).get(0);
    Map<String, Object> approvalShown = processEngine.getTaskService().getVariablesLocal(approval.getId());
    assertThat(approvalShown).containsKeys("routingReasonsText", "assessmentText", "approverGroupName",
        "approvalDueText");

    List<String> after = historicNames(cr.getId());
    assertThat(after).contains("changeRisk", "requiredApprovals", "assessorNote")
        .doesNotContainAnyElementsOf(shown.keySet()).doesNotContainAnyElementsOf(approvalShown.keySet());
    assertThat(detailNames(cr.getId())).contains("changeRisk")
        .doesNotContainAnyElementsOf(approvalShown.keySet());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(cr.getId()).variableName("assessorNote")
        .singleResult().getTaskId()).as("the task's own variable is in history with its task")
        .isEqualTo(assess.getId());
  }

  @Test
  void a_risks_display_values_including_its_title_are_not_in_history() {
    Projects.register(context, "EHR-DISP-R");
    Map<String, Object> risk = Map.of("projectId", "EHR-DISP-R", "title", "Interface engine capacity",
        "category", "TECHNICAL", "likelihood", 4, "impact", 4, "owner", "maria");
    ProcessInstance instance = engine.as("carla", () -> processEngine.getRuntimeService()
        .startProcessInstanceByKey(RiskEscalationProcess.KEY, risk));
    Task task = processEngine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list().get(0);
    Map<String, Object> shown = processEngine.getTaskService().getVariablesLocal(task.getId());
    assertThat(shown).containsEntry("riskTitle", "Interface engine capacity").containsKey("riskBandText");
    assertThat(historicNames(instance.getId())).contains("title", "riskScore", "riskBand")
        .doesNotContainAnyElementsOf(shown.keySet());
    assertThat(detailNames(instance.getId())).contains("title").doesNotContainAnyElementsOf(shown.keySet());
    assertThat(shown.keySet()).allMatch(FullHistoryWithoutCopies::isDisplayValue);
  }

  /**
   * A form input keyed like a display value would be kept out of history if it were stored
   * task-local: the two that exist are not (a start form's field is a process variable; the gate
   * review's condition is declared on the task's execution by FormTaskListener). A new one must be
   * renamed or shown here to be stored elsewhere.
   */
  @Test
  void no_form_input_is_named_like_a_display_value_except_those_stored_outside_the_task() throws Exception {
    List<String> inputs = new java.util.ArrayList<>();
    try (var forms = java.nio.file.Files.walk(java.nio.file.Path.of("forms"))) {
      for (java.nio.file.Path form : forms.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        collectInputs(new com.fasterxml.jackson.databind.ObjectMapper().readTree(form.toFile()),
            form.getFileName().toString(), inputs);
      }
    }
    assertThat(inputs).containsExactlyInAnyOrder("LifecycleStartForm.form: projectName",
        "GateReviewForm.form: conditionText");
  }

  static void collectInputs(com.fasterxml.jackson.databind.JsonNode node, String form, List<String> inputs) {
    for (com.fasterxml.jackson.databind.JsonNode component : node.path("components")) {
      String key = component.path("key").asText("");
      if (!key.isEmpty() && FullHistoryWithoutCopies.isDisplayValue(key)) {
        inputs.add(form + ": " + key);
      }
      collectInputs(component, form, inputs);
    }
  }

  /** An engine of its own (in-memory H2) on Camunda's built-in FULL, as a configuration that bypassed the plugin would run. */
  @Test
  void an_engine_that_ends_up_on_camundas_own_full_level_is_refused() {
    var configuration = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:builtin-full-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000")
        .setHistory("full").setJobExecutorActivate(false).setProcessEngineName("builtin-full-" + UUID.randomUUID());
    ProcessEngine builtinFull = configuration.buildProcessEngine();
    try {
      assertThatThrownBy(() -> new FullHistoryWithoutCopies(new HistoryProperties(false, List.of())).postProcessEngineBuild(builtinFull))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("would be written to history");
    } finally {
      builtinFull.close();
    }
  }

  /** A plugin that, after HITGov's, puts Camunda's own handler back: the delivery's events would reach history. */
  @Test
  void an_engine_whose_history_handler_was_replaced_after_hitgovs_is_refused() {
    var configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:replaced-handler-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000")
        .setHistory("full").setJobExecutorActivate(false).setProcessEngineName("replaced-handler-" + UUID.randomUUID());
    configuration.getProcessEnginePlugins().add(new FullHistoryWithoutCopies(
        new HistoryProperties(false, List.of("NotificationDeliveryProcess"))));
    configuration.getProcessEnginePlugins().add(new AbstractProcessEnginePlugin() {
      @Override
      public void postInit(ProcessEngineConfigurationImpl config) {
        config.setHistoryEventHandler(new DbHistoryEventHandler());
      }
    });
    assertThatThrownBy(configuration::buildProcessEngine).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("history event handler was replaced").hasMessageContaining("NotificationDeliveryProcess");
  }

  @Test
  void the_rule_names_display_values_by_their_convention() {
    assertThat(List.of("costImpactText", "requesterName", "riskTitle")).allMatch(FullHistoryWithoutCopies::isDisplayValue);
    assertThat(List.of("costImpact", "title", "riskBand", "assessorNote", "readinessEvidence"))
        .noneMatch(FullHistoryWithoutCopies::isDisplayValue);
  }
}
