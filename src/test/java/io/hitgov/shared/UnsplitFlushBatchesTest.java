package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.shared.process.UnsplitFlushBatches;
import io.hitgov.support.AppRunner;
import io.hitgov.support.SqlCounter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The engine's flush sends each run of identical statements as one JDBC batch however long it is
 * ({@link UnsplitFlushBatches}; Camunda cuts its flush into slices of 50 operations), and Camunda's
 * handling of what a batch answers still holds in a batch of sixty updates: an update that finds its
 * row changed by another transaction fails the command, and nothing of it is written.
 * {@link UnsplitFlushBatchesOffTest} shows Camunda's slices with the lever off.
 */
class UnsplitFlushBatchesTest {

  static final String KEY = "ManyVariablesFixtureProcess";
  static final SqlCounter COUNTER = new SqlCounter();
  static ConfigurableApplicationContext context;
  static ProcessEngine engine;

  @BeforeAll
  static void start() {
    context = AppRunner.start("test", List.of(COUNTER));
    engine = context.getBean(ProcessEngine.class);
    deploy(engine);
  }

  /** The fixture: a process that waits at a task, so its variables stay. */
  static void deploy(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().addModelInstance(KEY + ".bpmn",
        Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLiveString("P4018D")
            .startEvent().userTask("UserTask_Wait").camundaCandidateGroups("pmo").endEvent().done()).deploy();
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static Map<String, Object> variables(int count, String value) {
    Map<String, Object> variables = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      variables.put("v" + i, value + i);
    }
    return variables;
  }

  @Test
  void a_hundred_and_twenty_variables_are_written_in_one_batch_per_table() {
    var started = COUNTER.count(() -> engine.getRuntimeService().startProcessInstanceByKey(KEY, variables(120, "first ")));
    SqlCounter.Count count = started.count();

    assertThat(count.executions("insert into ACT_RU_VARIABLE")).as(count.sql().toString()).isEqualTo(1);
    assertThat(count.executions("insert into ACT_HI_VARINST")).as(count.sql().toString()).isEqualTo(1);
    assertThat(count.executions("insert into ACT_HI_DETAIL")).as(count.sql().toString()).isEqualTo(1);
    assertThat(count.cutBatches()).isEmpty();
    String id = started.result().getId();
    assertThat(engine.getRuntimeService().getVariables(id)).isEqualTo(variables(120, "first "));
    assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(id).count())
        .isEqualTo(120);
    assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(id).count()).isEqualTo(120);
  }

  @Test
  void an_update_in_a_batch_of_sixty_that_finds_its_row_changed_fails_the_command_and_writes_nothing() {
    RuntimeService runtime = engine.getRuntimeService();
    HistoryService history = engine.getHistoryService();
    String id = runtime.startProcessInstanceByKey(KEY, variables(60, "first ")).getId();
    DataSource dataSource = context.getBean(DataSource.class);
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      runtime.getVariables(id); // read in this command, at the revision the update will expect
      try (Connection other = dataSource.getConnection();
          PreparedStatement update = other.prepareStatement(
              "update ACT_RU_VARIABLE set REV_ = REV_ + 1 where PROC_INST_ID_ = ? and NAME_ = 'v55'")) {
        other.setAutoCommit(true);
        update.setString(1, id);
        assertThat(update.executeUpdate()).isEqualTo(1); // another transaction changed v55 meanwhile
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
      runtime.setVariables(id, variables(60, "second "));
      return null;
    })).isInstanceOf(OptimisticLockingException.class).hasMessageContaining("VariableInstanceEntity");

    assertThat(runtime.getVariables(id)).isEqualTo(variables(60, "first "));
    assertThat(history.createHistoricDetailQuery().processInstanceId(id).count()).isEqualTo(60);
  }
}
