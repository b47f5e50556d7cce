package io.hitgov.lifecycle;

import static io.hitgov.stagegate.StageGateReviewProcess.Elements.REVIEW;
import static io.hitgov.stagegate.StageGateReviewProcess.Elements.SCORE_READINESS;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import io.hitgov.stagegate.GateRows;
import io.hitgov.support.HitgovSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * The readiness texts a newcomer reads (issue 12): the outcome in words and each red criterion by its
 * id and the short name the deployed GoLiveReadinessDecision gives it, in the G6 review's
 * {@code readinessSummary}, the gate record and a signatory's scorecard line.
 */
@HitgovSpringTest
@Import(ProcessEngineCoverageConfiguration.class)
class ReadinessWordingTest {

  static final String R04 = "R04 Downtime procedures and kits";
  static final String R10 = "R10 Super-user coverage on all shifts";

  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired ProjectGates projects;
  GateRows gates;
  LifecycleDriver driver;

  @Autowired
  void gateRows(org.springframework.context.ApplicationContext context) {
    gates = GateRows.of(context);
  }

  @BeforeEach
  void setUp() {
    init(processEngine);
    driver = new LifecycleDriver(processEngine);
  }

  /** Scores G6 with R04 (hard) and R10 (soft) red; the signatories' tasks are open then. */
  ProcessInstance scoredRed(String projectId) {
    ProcessInstance review = driver.atG6(projectId);
    assertThat(review).isWaitingAt(SCORE_READINESS);
    Map<String, Object> scorecard = LifecycleDriver.allGreen();
    scorecard.put("r04", false);
    scorecard.put("r10", false);
    driver.scoreReadiness(review, scorecard);
    return review;
  }

  String summary(ProcessInstance review) {
    return (String) processEngine.getRuntimeService().getVariable(review.getId(), "readinessSummary");
  }

  String scorecardLine(ProcessInstance review) {
    Task vote = driver.engine.tasks(review.getId(), REVIEW).get(0);
    return (String) processEngine.getTaskService().getVariableLocal(vote.getId(), "gateStatusText");
  }

  @Test
  void the_g6_scoring_names_the_outcome_in_words_and_each_red_criterion_by_its_table_label() {
    ProcessInstance review = scoredRed("EHR-WORDS-1");

    Assertions.assertThat(summary(review)).as("readinessSummary")
        .startsWith("G6 (").contains(" days before go-live): No go; hard red: " + R04 + "; soft red: " + R10)
        .doesNotContain("NO_GO").doesNotContain("[R04]").doesNotContain("paper for 8 h");
    Assertions.assertThat(gates.steps("EHR-WORDS-1")).filteredOn(s -> "READINESS".equals(s.kind()))
        .singleElement().satisfies(step -> {
          Assertions.assertThat(step.outcome()).as("the raw outcome stays what decisions read").isEqualTo("NO_GO");
          Assertions.assertThat(step.details()).isEqualTo(summary(review));
        });
    Assertions.assertThat(scorecardLine(review)).as("a signatory's scorecard line")
        .contains("**Readiness scorecard:** No go at G6 (").contains("): red " + R04 + " · amber " + R10 + " · green ");
  }

  @Test
  void a_label_redeployed_by_the_pmo_names_the_criterion_from_then_on() throws IOException {
    String table = Files.readString(Path.of(ImplementationLifecycleProcess.READINESS_RESOURCE));
    String renamed = table.replace("label=\"R04 Downtime procedures and kits (",
        "label=\"R04 Downtime binders on every unit (");
    Assertions.assertThat(renamed).as("the fixture edits the R04 label").isNotEqualTo(table);
    String deploymentId = repositoryService.createDeployment().name("readiness-relabelled")
        .addString("GoLiveReadinessDecision.dmn", renamed).deploy().getId();
    try {
      ProcessInstance review = scoredRed("EHR-WORDS-2");
      Assertions.assertThat(summary(review)).contains("hard red: R04 Downtime binders on every unit; soft red: " + R10)
          .doesNotContain(R04);
      Assertions.assertThat(scorecardLine(review)).contains("red R04 Downtime binders on every unit · amber ");
    } finally {
      repositoryService.deleteDeployment(deploymentId, true);
    }
    Assertions.assertThat(projects.brief("EHR-WORDS-2").orElseThrow().readinessText())
        .as("the table deployed before is the latest again").contains("red " + R04 + " · amber " + R10);
  }
}
