package io.hitgov.system.deployment;

import io.hitgov.shared.process.HistoryProperties;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a process listed in {@code hitgov.engine.processes-out-of-history} has a
 * deployed version holding more than automated steps, gateways, timers and flows (docs/adr/0008).
 * The deployment policy checks every new model ({@link BpmnModelCheck}); this covers versions
 * deployed before an operator listed their key: a governance process with user tasks would
 * otherwise run on without history. Runs after the start-up deployment.
 */
@Component
class OutOfHistoryProcessesCheck implements InitializingBean {

  private final RepositoryService repositoryService;
  private final HistoryProperties history;

  OutOfHistoryProcessesCheck(RepositoryService repositoryService, HistoryProperties history, ModelDeployer deployedFirst) {
    this.repositoryService = repositoryService;
    this.history = history;
  }

  @Override
  public void afterPropertiesSet() {
    for (String key : history.processesOutOfHistory()) {
      for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).list()) {
        BpmnModelInstance model = repositoryService.getBpmnModelInstance(definition.getId());
        ModelElementInstance process = model.getModelElementById(key);
        Set<String> refused = new TreeSet<>();
        collect(process == null ? model.getDocument().getRootElement() : process.getDomElement(), refused);
        if (!refused.isEmpty()) {
          throw new IllegalStateException("hitgov.engine.processes-out-of-history lists " + key + ", whose version "
              + definition.getVersion() + " (deployment " + definition.getDeploymentId() + ") holds " + refused
              + ": a process kept out of the engine's history may hold only "
              + new TreeSet<>(BpmnModelCheck.OUT_OF_HISTORY_ELEMENTS) + " (docs/adr/0008); take " + key + " off the list");
        }
      }
    }
  }

  private static void collect(DomElement element, Set<String> refused) {
    if (ModelPolicy.BPMN_NS.equals(element.getNamespaceURI())
        && !BpmnModelCheck.OUT_OF_HISTORY_ELEMENTS.contains(element.getLocalName())) {
      refused.add(element.getLocalName());
    }
    for (DomElement child : element.getChildElements()) {
      collect(child, refused);
    }
  }
}
