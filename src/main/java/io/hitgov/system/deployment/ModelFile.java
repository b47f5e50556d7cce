package io.hitgov.system.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;

/**
 * One model file as it will be deployed: its deployment resource name (e.g.
 * {@code processes/hipaa-audit-gate/HipaaAuditGateProcess.bpmn}) and its bytes.
 */
record ModelFile(String name, byte[] content) {

  private static final ObjectMapper JSON = new ObjectMapper();

  enum Kind {
    BPMN,
    DMN,
    FORM
  }

  Kind kind() {
    if (name.endsWith(".bpmn")) {
      return Kind.BPMN;
    }
    if (name.endsWith(".dmn")) {
      return Kind.DMN;
    }
    return Kind.FORM;
  }

  boolean sameContentAs(byte[] other) {
    return other != null && Arrays.equals(content, other);
  }

  /**
   * Parses the file on its own so that a broken file is reported by name before the engine sees
   * it. Returns what the deployer needs to know about the file.
   */
  Parsed parse() {
    try {
      return switch (kind()) {
        case BPMN -> parseBpmn();
        case DMN -> {
          Dmn.readModelFromStream(new ByteArrayInputStream(content));
          yield new Parsed(null, Set.of());
        }
        case FORM -> parseForm();
      };
    } catch (ModelDeploymentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelDeploymentException(
          "Invalid model " + name + ": " + rootMessage(e), e);
    }
  }

  private Parsed parseBpmn() {
    BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
    Set<String> formRefs = new LinkedHashSet<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      addFormRef(formRefs, task.getCamundaFormRef(), task.getCamundaFormRefBinding());
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      addFormRef(formRefs, start.getCamundaFormRef(), start.getCamundaFormRefBinding());
    }
    return new Parsed(null, formRefs);
  }

  private static void addFormRef(Set<String> refs, String formRef, String binding) {
    // Only binding "deployment" ties a process version to the form version deployed with it.
    if (formRef != null && "deployment".equals(binding) && !formRef.contains("${")) {
      refs.add(formRef);
    }
  }

  private Parsed parseForm() {
    JsonNode form;
    try {
      form = JSON.readTree(content);
    } catch (IOException e) {
      throw new ModelDeploymentException(
          "Invalid model " + name + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode id = form == null ? null : form.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw new ModelDeploymentException(
          "Invalid model " + name + ": a Camunda Form needs a non-empty \"id\"");
    }
    if (!(form.get("components") instanceof com.fasterxml.jackson.databind.node.ArrayNode)) {
      throw new ModelDeploymentException(
          "Invalid model " + name + ": a Camunda Form needs a \"components\" array");
    }
    return new Parsed(id.asText(), Set.of());
  }

  private static String rootMessage(Throwable e) {
    StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    while (cause != null && cause != cause.getCause()) {
      if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
        message.append(": ").append(cause.getMessage());
      }
      cause = cause.getCause();
    }
    return message.toString();
  }

  /**
   * @param formId the form's id (forms only)
   * @param formRefs the form ids a BPMN references with binding {@code deployment}
   */
  record Parsed(String formId, Set<String> formRefs) {}
}
