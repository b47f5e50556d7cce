package io.hitgov.shared.process;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link ValidationExceptionMapper} with Camunda's Jersey application ({@code /engine-rest}). */
@Configuration
class RestValidationConfig {

  @Bean
  ResourceConfigCustomizer hitgovValidationExceptionMapper() {
    return config -> config.register(ValidationExceptionMapper.class);
  }
}
