package io.hitgov.system.demo;

import io.hitgov.change.ChangeRequestProcess;
import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.risk.RiskEscalationProcess;
import io.hitgov.shared.process.EngineClock;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The default profile's demo data: on an empty database, one implementation project at P0, a risk
 * on it and a change request waiting for its impact assessment, each started by a demo user
 * through the same engine calls as Tasklist. Only with demo users ({@code hitgov.security.demo-users},
 * refused by {@code prod}) and {@code hitgov.demo.data=true}.
 */
@Component
@ConditionalOnProperty(name = {"hitgov.security.demo-users", "hitgov.demo.data"}, havingValue = "true")
class DemoData implements ApplicationRunner {

  static final String PROJECT = "EHR-DEMO-001";
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final JdbcClient jdbc;

  DemoData(RuntimeService runtimeService, IdentityService identityService, JdbcClient jdbc) {
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.jdbc = jdbc;
  }

  /** No governance records at all: a new database, not one upgraded from an earlier version. */
  private boolean empty() {
    for (String table : List.of("project", "risk", "hipaa_gate", "change_request")) {
      if (jdbc.sql("select count(*) from " + table).query(Long.class).single() > 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!empty()) {
      return;
    }
    try {
      seed();
    } catch (RuntimeException e) {
      // e.g. a second node seeding the same empty database at the same moment: the demo is optional
      LOG.warn("Demo data not created: {}", e.getMessage());
    }
  }

  private void seed() {
    as("paula", () -> runtimeService.startProcessInstanceByKey(ImplementationLifecycleProcess.KEY, Variables
        .createVariables().putValue("projectId", PROJECT).putValue("projectName", "Inpatient EHR replacement")
        .putValue("goLiveDate", EngineClock.today().plusDays(270).toString()).putValue("budget", 12_500_000L)
        .putValue("sponsor", "evelyn").putValue("projectManager", "maria").putValue("vendorSelectionRequired", true)));
    as("irene", () -> runtimeService.startProcessInstanceByKey(RiskEscalationProcess.KEY, Variables.createVariables()
        .putValue("projectId", PROJECT).putValue("title", "Lab interface vendor may miss the test window")
        .putValue("category", "SCHEDULE").putValue("likelihood", 3).putValue("impact", 4).putValue("owner", "maria")));
    as("irene", () -> runtimeService.startProcessInstanceByKey(ChangeRequestProcess.KEY, Variables.createVariables()
        .putValue("projectId", PROJECT).putValue("title", "Add the microbiology results interface")
        .putValue("changeType", "NORMAL").putValue("costImpact", 40_000L).putValue("scheduleImpactDays", 0)
        .putValue("movesGoLive", false).putValue("clinicalContentImpact", false)
        .putValue("patientSafetyImpact", false).putValue("phiImpact", false).putValue("interfaceImpact", true)
        .putValue("justification", "The lab requires results in the EHR at go-live")));
    LOG.info("Demo data: project {} (P0), a risk and a change request waiting for the project managers", PROJECT);
  }

  private <T> T as(String user, Supplier<T> action) {
    List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    identityService.setAuthentication(user, groups);
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
