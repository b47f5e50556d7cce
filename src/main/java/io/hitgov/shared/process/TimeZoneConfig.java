package io.hitgov.shared.process;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * The organization's time zone ({@code hitgov.time-zone}, default the JVM's): business days and
 * 09:00 due times are those of the health system, not of the server (often UTC in a container).
 */
@Configuration
class TimeZoneConfig {

  TimeZoneConfig(@Value("${hitgov.time-zone:}") String timeZone) {
    EngineClock.useZone(timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone));
  }
}
