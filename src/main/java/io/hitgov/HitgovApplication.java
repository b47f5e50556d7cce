package io.hitgov;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * HITGov: executable governance for health IT projects.
 *
 * <p>The Camunda 7 engine, its webapps and REST API are embedded. The BPMN, DMN and form
 * models are deployed from the top-level {@code processes/} and {@code forms/} folders by
 * {@link io.hitgov.system.deployment.ModelDeployer}, not by the starter's auto-deployment.
 * Scheduled work besides the engine's timers: the nightly audit chain verification and the e-mail
 * sweep for stranded batches.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class HitgovApplication {

  public static void main(String[] args) {
    SpringApplication.run(HitgovApplication.class, args);
  }
}
