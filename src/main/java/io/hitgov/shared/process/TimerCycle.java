package io.hitgov.shared.process;

/**
 * A timer start event whose cycle comes from configuration instead of the shipped model
 * (docs/model-policy.md#configured-timer-cycles): a feature declares one as a bean, and the start-up
 * deployment writes {@code cycle} into the model's {@code timeCycle} before it deploys it, so the
 * engine, Cockpit and the model agree on one literal cycle and no expression is evaluated.
 *
 * @param property the configuration key the cycle comes from (for messages)
 * @param processKey the process whose top-level timer start event it sets
 * @param startEventId that timer start event
 * @param cycle a Camunda cron expression ({@code 0 5 * * * ?}) or an ISO 8601 repeating interval ({@code R/PT1H})
 */
public record TimerCycle(String property, String processKey, String startEventId, String cycle) {}
