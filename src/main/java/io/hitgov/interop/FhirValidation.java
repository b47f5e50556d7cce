package io.hitgov.interop;

import io.hitgov.interop.validation.FhirR4Validator;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The one FHIR R4 validator of the application. Building it loads the R4 definitions (seconds,
 * a few hundred MB), so it is built once: in the background right after start-up
 * ({@code hitgov.interop.fhir-validator-warm-up}, default on, so start-up does not wait), or on
 * the first FHIR upload; an upload meanwhile waits for the build in progress.
 */
@Component
public class FhirValidation {

  private static final Logger LOG = LoggerFactory.getLogger(FhirValidation.class);

  private final InteropProperties properties;
  private CompletableFuture<FhirR4Validator> validator;

  public FhirValidation(InteropProperties properties) {
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void warmUp() {
    if (properties.fhirValidatorWarmUp()) {
      start(true);
    }
  }

  /** The validator, built now if nobody started it yet. */
  public FhirR4Validator validator() {
    return start(false).join();
  }

  private synchronized CompletableFuture<FhirR4Validator> start(boolean background) {
    if (validator == null) {
      validator = background ? CompletableFuture.supplyAsync(this::build) : CompletableFuture.completedFuture(build());
    }
    return validator;
  }

  private FhirR4Validator build() {
    long started = System.nanoTime();
    FhirR4Validator built = FhirR4Validator.build(properties.fhirProfileDirectories().stream().map(Path::of).toList());
    LOG.info("FHIR R4 validator ready in {} ms", (System.nanoTime() - started) / 1_000_000);
    return built;
  }
}
