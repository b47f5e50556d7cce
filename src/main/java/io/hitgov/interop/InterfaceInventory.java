package io.hitgov.interop;

import io.hitgov.interop.InteropRecords.Interface;
import io.hitgov.interop.InteropRecords.NewInterface;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.IdCounter;
import io.hitgov.shared.process.InvalidVariablesException;
import io.hitgov.shared.process.TaskConflictException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The interface inventory (docs/processes/interface-readiness.md): interfaces registered with their
 * readiness process (InterfaceReadinessProcess), their mapping, their readiness status, and a new
 * generation when an approved change touches one.
 */
@Service
public class InterfaceInventory {

  private final InterfaceRepository repository;
  private final InteropRepository log;
  private final IdCounter ids;
  private final RuntimeService runtimeService;

  InterfaceInventory(InterfaceRepository repository, InteropRepository log, IdCounter ids,
      RuntimeService runtimeService) {
    this.repository = repository;
    this.log = log;
    this.ids = ids;
    this.runtimeService = runtimeService;
  }

  Optional<Interface> find(String projectId, String interfaceId) {
    return repository.find(projectId, interfaceId);
  }

  Interface get(String projectId, String interfaceId) {
    return find(projectId, interfaceId).orElseThrow(() -> new InvalidVariablesException(
        "interfaceId '" + interfaceId + "' is not an interface of project " + projectId));
  }

  List<Interface> interfaces(String projectId) {
    return repository.interfaces(projectId);
  }

  /** The interface's readiness from its test rounds ({@link ReadinessStatus}). */
  ReadinessStatus status(Interface i) {
    return ReadinessStatus.of(i, repository.rounds(i.projectId(), i.interfaceId()));
  }

  /** Registers an interface (already validated) and starts its readiness process as the registering user. */
  @Transactional
  Interface register(NewInterface candidate) {
    if (repository.find(candidate.projectId(), candidate.interfaceId()).isPresent()) {
      throw new TaskConflictException("Interface " + candidate.interfaceId()
          + " is already registered for project " + candidate.projectId());
    }
    repository.insert(candidate);
    log.event(candidate.projectId(), candidate.interfaceId(), EngineClock.now(), candidate.registeredBy(),
        "REGISTERED", candidate.standard() + " " + candidate.version() + " " + candidate.messageTypes());
    startReadiness(candidate.projectId(), candidate.interfaceId());
    return get(candidate.projectId(), candidate.interfaceId());
  }

  private void startReadiness(String projectId, String interfaceId) {
    runtimeService.startProcessInstanceByKey(InterfaceReadinessProcess.KEY,
        Variables.createVariables().putValue(InterfaceReadinessProcess.Variables.PROJECT_ID, projectId)
            .putValue(InterfaceReadinessProcess.Variables.INTERFACE_ID, interfaceId));
  }

  /** Called when a readiness process starts: its business key, and the interface remembers it. */
  public String openReadiness(String projectId, String interfaceId, String processInstanceId) {
    Interface i = get(projectId, interfaceId);
    if (i.processInstanceId() != null && !i.processInstanceId().equals(processInstanceId)
        && runtimeService.createProcessInstanceQuery().processInstanceId(i.processInstanceId()).count() > 0) {
      throw new InvalidVariablesException("interfaceId '" + interfaceId + "' already has a readiness process running ("
          + i.processInstanceId() + ")");
    }
    repository.updateProcessInstance(projectId, interfaceId, processInstanceId);
    log.event(projectId, interfaceId, EngineClock.now(), null, "READINESS_OPENED",
        "generation " + i.generation() + ", process instance " + processInstanceId);
    return "IFR-" + projectId + "-" + interfaceId + "-" + ids.next("IFR/" + projectId + "/" + interfaceId);
  }

  public void recordMapping(String projectId, String interfaceId, String mappingSpec, String crosswalk, String user) {
    repository.updateMapping(projectId, interfaceId, mappingSpec, crosswalk);
    log.event(projectId, interfaceId, EngineClock.now(), user, "MAPPING_DOCUMENTED",
        "mapping specification " + mappingSpec + "; crosswalk " + crosswalk);
  }

  /** The interfaces an approved change names start a new generation; a readiness process runs again. */
  void reopen(String projectId, List<String> interfaceIds, String changeRequestId) {
    for (String interfaceId : interfaceIds) {
      Optional<Interface> found = repository.find(projectId, interfaceId);
      if (found.isEmpty()) {
        continue;
      }
      repository.changed(projectId, interfaceId, EngineClock.now(), changeRequestId);
      log.event(projectId, interfaceId, EngineClock.now(), null, "REOPENED",
          changeRequestId + " approved: re-test required");
      String running = found.get().processInstanceId();
      boolean active = running != null
          && runtimeService.createProcessInstanceQuery().processInstanceId(running).active().count() > 0;
      if (!active) {
        startReadiness(projectId, interfaceId);
      }
    }
  }
}
