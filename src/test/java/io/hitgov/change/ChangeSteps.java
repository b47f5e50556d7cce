package io.hitgov.change;

import io.hitgov.support.Engine;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;

/** A raised change request taken through its steps by the people the tests use for them. */
final class ChangeSteps {

  private ChangeSteps() {}

  /** Assessed LOW by mike, approved by each required group's decider, implemented by maria: its verification is open. */
  static void toVerification(ProcessEngine processEngine, String instanceId, String reference) {
    Engine engine = new Engine(processEngine);
    engine.complete("mike", engine.task(instanceId, ChangeRequestProcess.Elements.ASSESS),
        ChangeRequestProcessTest.assessment("LOW", "NONE"));
    for (Task task : engine.tasks(instanceId, ChangeRequestProcess.Elements.APPROVE)) {
      String group = processEngine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
          .map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElseThrow();
      engine.complete(ChangeRequestProcessTest.DECIDERS.get(group), task, Map.of("approved", true));
    }
    engine.complete("maria", engine.task(instanceId, ChangeRequestProcess.Elements.IMPLEMENT),
        Map.of("implementationReference", reference, "implementationNote", "done"));
  }

  /** Verified by mike: the baselines move and the change closes. */
  static void verify(ProcessEngine processEngine, String instanceId) {
    Engine engine = new Engine(processEngine);
    engine.complete("mike", engine.task(instanceId, ChangeRequestProcess.Elements.VERIFY),
        Map.of("changeVerified", true, "verificationNote", "ok"));
  }
}
