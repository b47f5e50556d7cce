package io.hitgov.shared.process;

import io.hitgov.shared.web.EngineRestExceptionMappers;
import io.hitgov.shared.web.ErrorClassifier;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers HITGov's exception mappers with Camunda's Jersey application ({@code /engine-rest}):
 * they replace Camunda's own (which answer 500 for many bad requests) for every exception type.
 */
@Configuration
class RestValidationConfig {

  @Bean
  ResourceConfigCustomizer hitgovExceptionMappers(ErrorClassifier classifier) {
    return config -> EngineRestExceptionMappers.all(classifier).forEach(config::register);
  }
}
