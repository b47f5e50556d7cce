package io.hitgov.system.deployment;

import java.util.List;
import java.util.stream.Collectors;
import io.hitgov.shared.web.StatusException;
import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A model, or an expression in one, broke the model policy (docs/model-policy.md). Answered with
 * 400 and the list of violations, each naming the resource, the element and the rule.
 */
public class ModelPolicyException extends ProcessEngineException implements StatusException {

  private final List<String> violations;

  public ModelPolicyException(String message) {
    super(message);
    this.violations = List.of(message);
  }

  ModelPolicyException(List<ModelPolicy.Violation> violations) {
    super("Model refused: " + violations.stream().map(ModelPolicy.Violation::describe)
        .collect(Collectors.joining("; ")));
    this.violations = violations.stream().map(ModelPolicy.Violation::describe).toList();
  }

  public List<String> violations() {
    return violations;
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  @Override
  public String errorType() {
    return "ModelPolicyException";
  }

  @Override
  public List<String> problems() {
    return violations;
  }
}
