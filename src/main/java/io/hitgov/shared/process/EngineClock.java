package io.hitgov.shared.process;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Now" as the engine sees it, so that HITGov's own dates (evidence age, due dates, expiry) and
 * the engine's timers move together, including in tests that set the engine clock.
 */
public final class EngineClock {

  private EngineClock() {}

  public static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ZoneId.systemDefault());
  }

  public static LocalDate today() {
    return now().toLocalDate();
  }
}
