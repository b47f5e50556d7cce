package io.hitgov.system.cockpit;

import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.shared.process.Readable;
import io.hitgov.stagegate.StageGateReviewProcess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginResource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The project of a process instance, read with the Cockpit user's own authorizations (an instance
 * the user may not read is a 404, as in Cockpit itself): the lifecycle at the top of the instance's
 * call hierarchy gives the project's id, name, phase and go-live date, a running stage gate review
 * under it the open gate. A change request, risk or HIPAA gate of a project names the project only.
 */
public class ProjectTabResource extends AbstractCockpitPluginResource {

  /** Lifecycle, phase, gate, condition: the call hierarchy is never deeper. */
  static final int MAX_DEPTH = 8;

  public ProjectTabResource(String engineName) {
    super(engineName);
  }

  @GET
  @Path("{processInstanceId}")
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> project(@PathParam("processInstanceId") String processInstanceId) {
    RuntimeService runtime = getProcessEngine().getRuntimeService();
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    if (instance == null) {
      throw new NotFoundException("No process instance " + processInstanceId + " that you may read");
    }
    ProcessInstance root = instance;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      ProcessInstance parent = runtime.createProcessInstanceQuery().subProcessInstanceId(root.getId()).singleResult();
      if (parent == null) {
        break;
      }
      root = parent;
    }
    Map<String, Object> project = new LinkedHashMap<>();
    String projectId = (String) variable(runtime, root, ImplementationLifecycleProcess.Variables.PROJECT_ID);
    if (projectId == null) {
      projectId = (String) variable(runtime, instance, ImplementationLifecycleProcess.Variables.PROJECT_ID);
    }
    project.put("projectId", projectId);
    // Definition ids are not always key:version:uuid (a long key gets a bare uuid): ask by key.
    boolean lifecycle = runtime.createProcessInstanceQuery().processInstanceId(root.getId())
        .processDefinitionKey(ImplementationLifecycleProcess.KEY).count() == 1;
    project.put("lifecycle", lifecycle);
    if (lifecycle) {
      project.put("lifecycleInstanceId", root.getId());
      project.put("projectName", variable(runtime, root, ImplementationLifecycleProcess.Variables.PROJECT_NAME));
      project.put("phase", variable(runtime, root, ImplementationLifecycleProcess.Variables.CURRENT_PHASE));
      Object goLive = variable(runtime, root, ImplementationLifecycleProcess.Variables.GO_LIVE_DATE);
      project.put("goLiveDate", goLive);
      project.put("goLiveDateText", Readable.date(goLive));
      project.put("nextGate", variable(runtime, root, ImplementationLifecycleProcess.Variables.NEXT_GATE));
      ProcessInstance gate = runtime.createProcessInstanceQuery().superProcessInstanceId(root.getId())
          .processDefinitionKey(StageGateReviewProcess.KEY).listPage(0, 1).stream().findFirst().orElse(null);
      project.put("openGate", gate == null ? null : variable(runtime, gate, StageGateReviewProcess.Variables.GATE_ID));
      project.put("openGateInstanceId", gate == null ? null : gate.getId());
    }
    return project;
  }

  private static Object variable(RuntimeService runtime, ProcessInstance instance, String name) {
    return instance == null ? null : runtime.getVariable(instance.getId(), name);
  }
}
