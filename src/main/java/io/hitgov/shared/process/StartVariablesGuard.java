package io.hitgov.shared.process;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Checks the start variables of every process that has a {@link ProcessContract}, at the process's
 * start event, whichever way it was started. A refused start throws {@link InvalidVariablesException}
 * inside the starting command, so nothing is left half-started. A process started by a call
 * activity is checked for missing and mistyped variables; only a top-level start is refused for
 * unknown ones (a caller may pass along more than the callee needs).
 */
@Component
public class StartVariablesGuard extends AbstractProcessEnginePlugin {

  private final Map<String, ProcessContract> contracts;

  public StartVariablesGuard(List<ProcessContract> contracts) {
    this.contracts = contracts.stream().collect(Collectors.toMap(ProcessContract::key, Function.identity()));
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPreBPMNParseListeners() == null) {
      configuration.setCustomPreBPMNParseListeners(new java.util.ArrayList<>());
    }
    BpmnParseListener listener = new AbstractBpmnParseListener() {
      @Override
      public void parseStartEvent(Element startEventElement, ScopeImpl scope, ActivityImpl startEventActivity) {
        if (scope instanceof ProcessDefinitionEntity definition && contracts.containsKey(definition.getKey())) {
          startEventActivity.addListener(ExecutionListener.EVENTNAME_START,
              new Check(contracts.get(definition.getKey()).startVariables()));
        }
      }
    };
    configuration.getCustomPreBPMNParseListeners().add(listener);
  }

  private record Check(VariableSchema schema) implements ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
      boolean called = execution.getProcessInstance().getSuperExecution() != null;
      schema.validate(execution.getVariables(), !called);
    }
  }
}
