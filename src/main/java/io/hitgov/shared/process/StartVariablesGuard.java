package io.hitgov.shared.process;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Guards the start of every process that has a {@link ProcessContract}, whichever way it is
 * started (Tasklist, {@code /engine-rest}, HITGov's API, a call activity):
 * <ul>
 *   <li>its start variables are checked; a refused start throws {@link InvalidVariablesException}
 *       inside the starting command, so nothing is left half-started. A process started by a call
 *       activity is checked for missing and mistyped variables; only a top-level start is refused
 *       for unknown ones (a caller may pass along more than the callee needs);
 *   <li>it must start at its start event: start instructions ({@code startBeforeActivity}, which
 *       need only CREATE_INSTANCE) would let a user jump past every task and four-eyes check.
 * </ul>
 * The guard is a built-in listener on the process itself, so {@code skipCustomListeners} cannot
 * skip it.
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
      public void parseProcess(Element processElement, ProcessDefinitionEntity definition) {
        if (contracts.containsKey(definition.getKey())) {
          definition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
              new Check(definition.getKey(), contracts.get(definition.getKey()).startVariables()));
        }
      }
    };
    configuration.getCustomPreBPMNParseListeners().add(listener);
  }

  private record Check(String key, VariableSchema schema) implements ExecutionListener {
    @Override
    public void notify(DelegateExecution execution) {
      ExecutionEntity instance = (ExecutionEntity) execution;
      ActivityImpl initial = instance.getProcessDefinition().getInitial();
      if (instance.getActivity() != null && initial != null && !initial.getId().equals(instance.getActivity().getId())
          && !isTopLevelStartEvent(instance)) {
        throw new AuthorizationException(key + " must be started at its start event, not at '"
            + instance.getActivity().getId() + "'");
      }
      boolean called = execution.getProcessInstance().getSuperExecution() != null;
      schema.validate(execution.getVariables(), !called);
    }

    /** A process's own message or timer start event (PortfolioWatchProcess), not an activity inside it. */
    private static boolean isTopLevelStartEvent(ExecutionEntity instance) {
      ActivityImpl activity = instance.getActivity();
      return activity.getFlowScope() == instance.getProcessDefinition()
          && String.valueOf(activity.getProperty("type")).toLowerCase(java.util.Locale.ROOT).contains("start");
    }
  }
}
