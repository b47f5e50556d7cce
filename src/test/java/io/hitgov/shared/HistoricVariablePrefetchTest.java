package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.support.Changes;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Projects;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The variable history stays exactly Camunda's when HITGov reads a process instance's history rows
 * once per command (shared/process/HistoricVariablePrefetch): every update of several variables in
 * one command, and of one variable in later commands, is in {@code ACT_HI_VARINST} with its latest
 * value and in {@code ACT_HI_DETAIL} once per update, in order.
 */
@HitgovSpringTest
class HistoricVariablePrefetchTest {

  @Autowired ApplicationContext context;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;

  @Test
  void updates_in_one_command_and_in_later_ones_keep_their_full_history() {
    Projects.register(context, "EHR-HVP-1");
    identityService.setAuthentication("irene", List.of("integration"));
    String instance;
    try {
      instance = runtimeService.startProcessInstanceByKey(ChangeRequestProcess.KEY,
          Changes.interfaceChange("EHR-HVP-1")).getId();
    } finally {
      identityService.clearAuthentication();
    }
    // one command updating two variables, then two commands updating one of them again
    runtimeService.setVariables(instance, Map.of("title", "Second title", "scheduleImpactDays", 3));
    runtimeService.setVariable(instance, "title", "Third title");
    runtimeService.setVariables(instance, Map.of("title", "Fourth title", "scheduleImpactDays", 5));

    assertThat(latest(instance, "title")).isEqualTo("Fourth title");
    assertThat(latest(instance, "scheduleImpactDays")).isEqualTo(5);
    assertThat(updates(instance, "title")).containsExactly("Add microbiology results interface", "Second title",
        "Third title", "Fourth title");
    assertThat(updates(instance, "scheduleImpactDays")).containsExactly(0, 3, 5);
  }

  private Object latest(String instance, String name) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance).variableName(name).singleResult();
    assertThat(variable.getState()).isEqualTo(HistoricVariableInstance.STATE_CREATED);
    return variable.getValue();
  }

  private List<Object> updates(String instance, String name) {
    return historyService.createHistoricDetailQuery().processInstanceId(instance).variableUpdates()
        .orderPartiallyByOccurrence().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals(name))
        .map(HistoricVariableUpdate::getValue)
        .toList();
  }
}
