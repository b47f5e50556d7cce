package io.hitgov.system.deployment;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the product's models come from at start-up.
 *
 * @param processesLocation a Spring resource location holding the {@code .bpmn} and {@code .dmn}
 *     files (default: the {@code processes/} folder copied onto the classpath by the build; an
 *     operator may point it at a folder on disk, e.g. {@code file:/opt/hitgov/processes/})
 * @param formsLocation the same for the Camunda Forms ({@code .form})
 * @param deploymentName the name of the start-up deployment; changes are detected against the
 *     resources of earlier deployments with this name
 */
@ConfigurationProperties("hitgov.models")
public record ModelProperties(
    @DefaultValue("classpath:processes/") String processesLocation,
    @DefaultValue("classpath:forms/") String formsLocation,
    @DefaultValue("hitgov") String deploymentName) {}
