package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.support.HitgovSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The context starts and every file of processes/ and forms/ is deployed as it is on disk. */
@HitgovSpringTest
class DeployedModelsTest {

  @Autowired RepositoryService repositoryService;
  @Autowired org.springframework.context.ApplicationContext context;

  @Test
  void every_delegate_and_listener_a_model_names_is_a_bean() throws IOException {
    List<String> beans = ProcessModelConventionsTest.beanNames();
    assertThat(beans).isNotEmpty();
    assertThat(beans).allSatisfy(bean -> assertThat(context.containsBean(bean)).as(bean).isTrue());
  }

  static List<Path> modelFiles() throws IOException {
    try (Stream<Path> processes = Files.walk(Path.of("processes")); Stream<Path> forms = Files.walk(Path.of("forms"))) {
      return Stream.concat(processes, forms)
          .filter(path -> path.toString().matches(".*\\.(bpmn|dmn|form)$"))
          .sorted()
          .toList();
    }
  }

  @Test
  void every_model_on_disk_is_deployed_byte_for_byte() throws IOException {
    Deployment deployment = repositoryService.createDeploymentQuery().deploymentName("hitgov").singleResult();
    List<Path> files = modelFiles();
    assertThat(deployment).as("one start-up deployment").isNotNull();
    for (Path file : files) {
      String name = file.toString().replace('\\', '/');
      var resource = repositoryService.getDeploymentResources(deployment.getId()).stream()
          .filter(r -> r.getName().equals(name)).findFirst();
      assertThat(resource).as(name).isPresent();
      assertThat(resource.get().getBytes()).as(name).isEqualTo(Files.readAllBytes(file));
    }
    assertThat(repositoryService.getDeploymentResourceNames(deployment.getId())).hasSize(files.size());
  }

  @Test
  void every_bpmn_and_dmn_file_defines_the_key_it_is_named_after() throws IOException {
    for (Path file : modelFiles()) {
      String fileName = file.getFileName().toString();
      String key = fileName.substring(0, fileName.lastIndexOf('.'));
      if (fileName.endsWith(".bpmn")) {
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).count())
            .as(file + " defines process " + key).isEqualTo(1);
      } else if (fileName.endsWith(".dmn")) {
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(key).count())
            .as(file + " defines decision " + key).isEqualTo(1);
      }
    }
  }
}
