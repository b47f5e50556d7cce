package io.hitgov.system.deployment;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Camunda's REST API ({@code /engine-rest}) answers the model policy: a refused model is a
 * 400 listing every violation; a PMO's deployment held for approval is a 409 whose message says
 * so. Camunda Modeler shows the body's {@code message} only for a non-2xx answer (its deploy
 * dialog reports any 2xx as "deployed"), so the held deployment is deliberately not a 2xx: the PMO
 * sees "not deployed yet: submitted for approval as MD-…" in Modeler's log.
 */
@Configuration
class ModelPolicyExceptionMapper {

  @Bean
  ResourceConfigCustomizer hitgovModelPolicyMappers() {
    return config -> config.register(Refused.class).register(Pending.class);
  }

  @Priority(1)
  static class Refused implements ExceptionMapper<ModelPolicyException> {
    @Override
    public Response toResponse(ModelPolicyException exception) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "ModelPolicyException");
      body.put("message", exception.getMessage());
      body.put("violations", exception.violations());
      return json(Response.Status.BAD_REQUEST.getStatusCode(), body);
    }
  }

  @Priority(1)
  static class Pending implements ExceptionMapper<DeploymentPendingException> {
    @Override
    public Response toResponse(DeploymentPendingException exception) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "DeploymentPendingApproval");
      body.put("message", exception.getMessage());
      body.put("pendingDeploymentId", exception.pendingId());
      return json(Response.Status.CONFLICT.getStatusCode(), body);
    }
  }

  private static Response json(int status, Map<String, Object> body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }

}
