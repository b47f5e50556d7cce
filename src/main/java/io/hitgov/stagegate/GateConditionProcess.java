package io.hitgov.stagegate;

import io.hitgov.lifecycle.ImplementationLifecycleProcess;
import io.hitgov.shared.process.ProcessContract;
import io.hitgov.shared.process.VariableSchema;
import io.hitgov.shared.process.VariableSpec;
import org.springframework.stereotype.Component;

/** The technical contract of {@code GateConditionProcess}: one condition of a GO_WITH_CONDITIONS decision. */
@Component
public final class GateConditionProcess implements ProcessContract {

  public static final String KEY = "GateConditionProcess";
  public static final String FULFIL = "UserTask_FulfilGateCondition";
  public static final String CHASE = "UserTask_ChaseOverdueGateCondition";
  public static final String OVERDUE = "BoundaryEvent_GateConditionOverdue";

  @Override
  public String key() {
    return KEY;
  }

  @Override
  public VariableSchema startVariables() {
    return VariableSchema.of(
        VariableSpec.id("projectId", true),
        VariableSpec.oneOf("gateId", true, ImplementationLifecycleProcess.Values.GATES),
        VariableSpec.string("conditionId", true, 140),
        VariableSpec.string("conditionText", true, 1000),
        VariableSpec.id("conditionOwner", true),
        VariableSpec.string("conditionDue", true, 40));
  }
}
