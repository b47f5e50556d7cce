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

  private static volatile ZoneId zone = ZoneId.systemDefault();

  private EngineClock() {}

  /** The organization's time zone for business days and due times ({@code hitgov.time-zone}). */
  public static void useZone(ZoneId organizationZone) {
    zone = organizationZone;
  }

  public static ZoneId zone() {
    return zone;
  }

  public static OffsetDateTime now() {
    return OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone);
  }

  public static LocalDate today() {
    return now().toLocalDate();
  }
}
