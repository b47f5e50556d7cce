package io.hitgov.interop;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Interface test messages ({@code hitgov.interop.*}, docs/processes/interface-readiness.md).
 *
 * @param maxMessages the most messages one upload may carry (more: 413)
 * @param maxBatchBytes the largest upload in bytes (larger: 413)
 * @param fhirValidatorWarmUp build the FHIR validator in the background right after start-up (else on first use)
 * @param fhirProfileDirectories directories of FHIR conformance resources (StructureDefinition, ValueSet,
 *     CodeSystem as JSON, e.g. an unpacked profile package) added to base R4; read once, never downloaded
 */
@ConfigurationProperties("hitgov.interop")
public record InteropProperties(
    @DefaultValue("500") int maxMessages,
    @DefaultValue("10485760") long maxBatchBytes,
    @DefaultValue("true") boolean fhirValidatorWarmUp,
    @DefaultValue List<String> fhirProfileDirectories) {}
