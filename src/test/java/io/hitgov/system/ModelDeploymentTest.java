package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hitgov.support.AppRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up deployment of processes/ and forms/, checked through real restarts of the application
 * against one file database: unchanged models create nothing, one changed file creates exactly one
 * new version, and a broken file stops start-up naming the file.
 */
class ModelDeploymentTest {

  static final String FIXTURE_BPMN = "processes/fixtures/SmokeApprovalProcess.bpmn";
  static final String FIXTURE_FORM = "forms/fixtures/SmokeApprovalForm.form";

  record Snapshot(long deployments, Map<String, Integer> latestVersions, int formDefinitions) {}

  static Snapshot snapshot(ConfigurableApplicationContext context) {
    RepositoryService repository = context.getBean(RepositoryService.class);
    Map<String, Integer> versions = new TreeMap<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      versions.put(definition.getKey(), definition.getVersion());
    }
    for (DecisionDefinition definition : repository.createDecisionDefinitionQuery().latestVersion().list()) {
      versions.put(definition.getKey(), definition.getVersion());
    }
    int forms = (int) repository.createDeploymentQuery().list().stream()
        .flatMap(deployment -> repository.getDeploymentResourceNames(deployment.getId()).stream())
        .filter(name -> name.endsWith(".form"))
        .count();
    return new Snapshot(repository.createDeploymentQuery().count(), versions, forms);
  }

  static Snapshot startAndSnapshot(Path dir) {
    try (ConfigurableApplicationContext context = AppRunner.start("test", AppRunner.modelsAndDatabaseIn(dir))) {
      return snapshot(context);
    }
  }

  @Test
  void restarts_deploy_only_what_changed(@TempDir Path dir) throws IOException {
    AppRunner.copyModels(dir, true);

    Snapshot first = startAndSnapshot(dir);
    assertThat(first.deployments()).isEqualTo(1);
    assertThat(first.latestVersions()).containsEntry("SmokeApprovalProcess", 1);
    assertThat(first.latestVersions().values()).allMatch(version -> version == 1);

    Snapshot unchanged = startAndSnapshot(dir);
    assertThat(unchanged).as("a restart with nothing changed creates no deployment and no version")
        .isEqualTo(first);

    Path bpmn = dir.resolve(FIXTURE_BPMN);
    Files.writeString(bpmn, Files.readString(bpmn).replace("name=\"Smoke approval\"", "name=\"Smoke approval (v2)\""));
    Snapshot bpmnChanged = startAndSnapshot(dir);
    assertThat(bpmnChanged.deployments()).isEqualTo(2);
    Map<String, Integer> expected = new TreeMap<>(first.latestVersions());
    expected.put("SmokeApprovalProcess", 2);
    assertThat(bpmnChanged.latestVersions()).as("exactly one new version, of the changed definition")
        .isEqualTo(expected);

    Path form = dir.resolve(FIXTURE_FORM);
    Files.writeString(form, Files.readString(form).replace("\"Comment\"", "\"Decision comment\""));
    Snapshot formChanged = startAndSnapshot(dir);
    expected.put("SmokeApprovalProcess", 3);
    assertThat(formChanged.latestVersions())
        .as("a changed form re-versions the processes bound to it (formRefBinding=deployment), nothing else")
        .isEqualTo(expected);
    assertThat(formChanged.formDefinitions()).isEqualTo(bpmnChanged.formDefinitions() + 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "processes/broken/Broken.bpmn | <bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process id=\"Broken\" | Broken.bpmn",
    "processes/broken/NoTtl.bpmn | <bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" targetNamespace=\"x\"><bpmn:process id=\"NoTtl\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/></bpmn:process></bpmn:definitions> | historyTimeToLive is missing",
    "processes/broken/Unknown.dmn | <definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"d\" name=\"d\" namespace=\"x\"><decision id=\"D\"><decisionTable><nope/></decisionTable></decision></definitions> | Unknown.dmn",
    "forms/broken/Broken.form | {\"id\": \"Broken\", \"components\": [ | not valid JSON",
    "forms/broken/NoId.form | {\"components\": []} | needs a non-empty \"id\"",
  })
  void a_broken_model_stops_start_up_and_names_the_file(String file, String content, String problem,
      @TempDir Path dir) throws IOException {
    AppRunner.copyModels(dir, false);
    Path broken = dir.resolve(file);
    Files.createDirectories(broken.getParent());
    Files.writeString(broken, content);

    assertThatThrownBy(() -> AppRunner.start("test", AppRunner.modelsAndDatabaseIn(dir)).close())
        .satisfies(error -> assertThat(messages(error)).contains(file).contains(problem));
  }

  @Test
  void a_form_reference_to_a_missing_form_stops_start_up(@TempDir Path dir) throws IOException {
    AppRunner.copyModels(dir, true);
    Files.delete(dir.resolve(FIXTURE_FORM));

    assertThatThrownBy(() -> AppRunner.start("test", AppRunner.modelsAndDatabaseIn(dir)).close())
        .satisfies(error -> assertThat(messages(error))
            .contains(FIXTURE_BPMN).contains("camunda:formRef 'SmokeApprovalForm'"));
  }

  static String messages(Throwable error) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
