package io.hitgov.shared.web;

import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * HITGov's exception mappers in the webapps' own JAX-RS applications too: Tasklist's and Cockpit's copy
 * of the engine API ({@code /camunda/api/engine}), Cockpit's plugin API ({@code /camunda/api/cockpit},
 * with HITGov's project tab), Admin's and Tasklist's. Camunda's starter builds them itself, so Spring
 * cannot configure them; Jersey loads this class for every application it starts (listed in
 * {@code META-INF/services/org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable}). Without it those
 * APIs answered a null in a request with a 500 whose body named the exception and Camunda's classes.
 * {@code /engine-rest} has the mappers already (its configuration registers them).
 */
public final class WebappApiErrors implements ForcedAutoDiscoverable {

  @Override
  public void configure(FeatureContext context) {
    if (context.getConfiguration().isRegistered(EngineRestExceptionMappers.ForThrowable.class)) {
      return;
    }
    EngineRestExceptionMappers.all(null).forEach(context::register);
  }
}
