package io.hitgov.system.deployment;

import java.time.Period;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the product's models come from at start-up, and the model policy every deployment passes
 * (docs/model-policy.md).
 *
 * @param processesLocation a Spring resource location holding the {@code .bpmn} and {@code .dmn}
 *     files (default: the {@code processes/} folder copied onto the classpath by the build; an
 *     operator may point it at a folder on disk, e.g. {@code file:/opt/hitgov/processes/})
 * @param formsLocation the same for the Camunda Forms ({@code .form})
 * @param deploymentName the name of the start-up deployment; changes are detected against the
 *     resources of earlier deployments with this name
 * @param maxResourceBytes the largest resource any deployment may carry (default 2 MB)
 * @param minHistoryTimeToLive the retention minimum of every process and decision; a value below
 *     {@link #RETENTION_FLOOR} is raised to it
 * @param eventStartedProcesses process keys allowed a top-level timer, message, signal or
 *     conditional start event (such starts run without a user, so without authorization)
 * @param externalTopics external-task topics a model may use (default none)
 * @param fourEyes whether a PMO's deployment waits for a second approver (default on)
 * @param startupLockTimeout how long a node waits on PostgreSQL for another node's start-up (schema,
 *     deployment, identities) before it gives up (default 10 minutes; {@link StartupLock})
 */
@ConfigurationProperties("hitgov.models")
public record ModelProperties(
    @DefaultValue("classpath:processes/") String processesLocation,
    @DefaultValue("classpath:forms/") String formsLocation,
    @DefaultValue("hitgov") String deploymentName,
    @DefaultValue("2097152") long maxResourceBytes,
    @DefaultValue("P4018D") Period minHistoryTimeToLive,
    List<String> eventStartedProcesses,
    List<String> externalTopics,
    @DefaultValue("true") boolean fourEyes,
    @DefaultValue("10m") java.time.Duration startupLockTimeout) {

  /**
   * Eleven years including leap days: six years of HIPAA documentation retention, counted from when
   * a record was last in effect, plus five years, the longest project HITGov plans for. The engine's
   * history removal-time strategy is {@code start}, so a time-to-live counts from the start of an
   * instance (docs/adr/0002-retention.md, docs/adr/0006-history-removal-time.md).
   */
  public static final Period RETENTION_FLOOR = Period.ofDays(2192 + 1826);

  public ModelProperties {
    eventStartedProcesses = eventStartedProcesses == null ? List.of() : List.copyOf(eventStartedProcesses);
    externalTopics = externalTopics == null ? List.of() : List.copyOf(externalTopics);
    if (minHistoryTimeToLive == null || minHistoryTimeToLive.getDays() + minHistoryTimeToLive.toTotalMonths() * 30
        < RETENTION_FLOOR.getDays()) {
      minHistoryTimeToLive = RETENTION_FLOOR;
    }
  }
}
