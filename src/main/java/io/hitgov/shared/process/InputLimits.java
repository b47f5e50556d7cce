package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.stereotype.Component;

/**
 * Text lengths are checked before they reach the database, whichever way they come in (Tasklist,
 * {@code /engine-rest}, HITGov's API, Java): a String variable longer than the engine's column
 * (4000 characters), and a deployment whose name, source, tenant or resource names exceed theirs,
 * are refused with a 400 naming the field and the limit, instead of a persistence error.
 */
@Component
public class InputLimits extends AbstractProcessEnginePlugin {

  /** Camunda keeps a String variable in a 4000-character column. */
  public static final int MAX_STRING_VARIABLE = 4000;
  /** Camunda's deployment name, source and resource name columns. */
  public static final int MAX_DEPLOYMENT_NAME = 255;
  public static final int MAX_TENANT_ID = 64;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<TypedValueSerializer> serializers = configuration.getCustomPreVariableSerializers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreVariableSerializers());
    serializers.add(0, new LengthCheckedStringSerializer());
    configuration.setCustomPreVariableSerializers(serializers);

    List<Deployer> deployers = configuration.getCustomPreDeployers() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreDeployers());
    deployers.add(0, new DeploymentLimits());
    configuration.setCustomPreDeployers(deployers);
  }

  /** Writes String variables as Camunda does, refusing those longer than the column. */
  static final class LengthCheckedStringSerializer extends StringValueSerializer {
    @Override
    public void writeValue(StringValue value, ValueFields valueFields) {
      String text = value.getValue();
      if (text != null && text.length() > MAX_STRING_VARIABLE) {
        throw new InvalidVariablesException(valueFields.getName() + " is longer than " + MAX_STRING_VARIABLE
            + " characters");
      }
      super.writeValue(value, valueFields);
    }
  }

  /** Runs first in every deployment: the texts Camunda keeps in short columns. */
  static final class DeploymentLimits implements Deployer {
    @Override
    public void deploy(DeploymentEntity deployment) {
      if (!deployment.isNew()) {
        return;
      }
      List<String> problems = new ArrayList<>();
      check("deployment-name", deployment.getName(), MAX_DEPLOYMENT_NAME, problems);
      check("deployment-source", deployment.getSource(), MAX_DEPLOYMENT_NAME, problems);
      check("tenant-id", deployment.getTenantId(), MAX_TENANT_ID, problems);
      if (deployment.getResources() != null) {
        for (ResourceEntity resource : deployment.getResources().values()) {
          check("resource name", resource.getName(), MAX_DEPLOYMENT_NAME, problems);
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidVariablesException(problems);
      }
    }

    private static void check(String field, String value, int max, List<String> problems) {
      if (value != null && value.length() > max) {
        problems.add(field + " is longer than " + max + " characters");
      }
    }
  }
}
