package io.hitgov.system.deployment;

import io.hitgov.shared.process.HistoryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when a process listed in {@code hitgov.engine.processes-out-of-history} has a
 * version that can still run (the latest, or one with running instances) holding more than
 * {@link BpmnModelCheck#OUT_OF_HISTORY_ELEMENTS} (docs/adr/0008). The deployment policy checks every
 * new model; this covers versions deployed before their key was listed, or under an older rule: a
 * governance process with user tasks would otherwise run on without history. Older versions that
 * can no longer run are only logged. Runs after the start-up deployment, on every node.
 */
@Component
class OutOfHistoryProcessesCheck implements InitializingBean {

  private static final Logger LOG = LoggerFactory.getLogger(OutOfHistoryProcessesCheck.class);

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final HistoryProperties history;

  OutOfHistoryProcessesCheck(RepositoryService repositoryService, RuntimeService runtimeService,
      HistoryProperties history, ModelDeployer deployedFirst) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.history = history;
  }

  @Override
  public void afterPropertiesSet() {
    for (String key : history.processesOutOfHistory()) {
      List<ProcessDefinition> versions = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
          .orderByProcessDefinitionVersion().desc().list();
      for (int i = 0; i < versions.size(); i++) {
        ProcessDefinition definition = versions.get(i);
        Set<String> refused = refusedElements(definition);
        if (refused.isEmpty()) {
          continue;
        }
        String what = key + ", whose version " + definition.getVersion() + " (deployment "
            + definition.getDeploymentId() + ") holds " + refused;
        if (i == 0 || runtimeService.createProcessInstanceQuery().processDefinitionId(definition.getId()).count() > 0) {
          throw new IllegalStateException("hitgov.engine.processes-out-of-history lists " + what
              + ": a process kept out of the engine's history may hold only " + new TreeSet<>(BpmnModelCheck.OUT_OF_HISTORY_ELEMENTS)
              + " (docs/adr/0008); take " + key + " off the list");
        }
        LOG.warn("hitgov.engine.processes-out-of-history lists {}; that version has no running instance and cannot "
            + "start one (it is not the latest), so it is left as it is", what);
      }
    }
  }

  private Set<String> refusedElements(ProcessDefinition definition) {
    BpmnModelInstance model;
    try (InputStream xml = repositoryService.getProcessModel(definition.getId())) {
      model = Bpmn.readModelFromStream(xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ModelElementInstance process = model.getModelElementById(definition.getKey());
    if (process == null) {
      throw new IllegalStateException("Process " + definition.getKey() + " not found in its deployed model "
          + definition.getResourceName());
    }
    Set<String> refused = new TreeSet<>();
    collect(process.getDomElement(), refused);
    return refused;
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
