package io.hitgov.hipaa;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With hitgov.hipaa.nprm2025=true a gate asks for the proposal's rows and treats encryption as required. */
@HitgovSpringTest(properties = "hitgov.hipaa.nprm2025=true")
class HipaaNprm2025Test {

  @Autowired ProcessEngine processEngine;
  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired HipaaGateRepository repository;

  @Test
  void the_flag_changes_the_gate_catalogue_and_an_encryption_decline_blocks() {
    HipaaGateDriver driver = new HipaaGateDriver(processEngine, context);
    ProcessInstance instance = driver.start("EHR-NPRM-1", LocalDate.now().plusDays(30).toString());
    String gateId = (String) processEngine.getRuntimeService().getVariable(instance.getId(), "hipaaGateId");
    Map<String, String> effective = repository.findSpecs(gateId).stream()
        .collect(Collectors.toMap(HipaaRecords.Spec::specId, HipaaRecords.Spec::effectiveRequirement));
    assertThat(effective).hasSize(70)
        .containsEntry("164.312(a)(2)(iv)", "R").containsEntry("164.312(e)(2)(ii)", "R")
        .containsEntry("164.312(a)(2)(iii)", "A").containsEntry("NPRM2025-MFA", "R");
    assertThat(repository.findGate(gateId).orElseThrow().nprm2025()).isTrue();

    driver.defineScope(instance, "", null);
    driver.submitEvidence(instance, HipaaAuditGateProcess.Elements.SUBMIT_EVIDENCE,
        spec -> spec.equals("164.312(a)(2)(iv)")
            ? HipaaGateDriver.status("NOT_REASONABLE", "Legacy SAN cannot encrypt", null)
            : HipaaGateDriver.cleanAnswer(spec));
    assertThat(repository.findLatestEvidence(gateId, "164.312(a)(2)(iv)").orElseThrow().disposition())
        .isEqualTo("BLOCK");
  }
}
