package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.process.BusinessCalendar;
import io.hitgov.shared.process.EngineClock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Business days skip weekends; due times are 09:00 in the organization's zone, not the server's. */
class BusinessCalendarTest {

  @AfterEach
  void resetZone() {
    EngineClock.useZone(ZoneId.systemDefault());
  }

  @Test
  void business_days_skip_weekends() {
    LocalDate friday = LocalDate.of(2026, 11, 20);
    assertThat(BusinessCalendar.plusBusinessDays(friday, 1)).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(BusinessCalendar.plusBusinessDays(friday, 5)).isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(BusinessCalendar.plusBusinessDays(LocalDate.of(2026, 11, 21), 0)).as("Saturday → Monday")
        .isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(BusinessCalendar.plusBusinessDays(LocalDate.of(2026, 11, 22), 1)).as("Sunday + 1 → Tuesday")
        .isEqualTo(LocalDate.of(2026, 11, 24));
  }

  @Test
  void due_times_are_in_the_organizations_zone() {
    EngineClock.useZone(ZoneId.of("America/Chicago"));
    assertThat(BusinessCalendar.startOfDay(LocalDate.of(2026, 12, 4))).isEqualTo("2026-12-04T09:00:00-06:00");
    EngineClock.useZone(ZoneId.of("UTC"));
    assertThat(BusinessCalendar.startOfDay(LocalDate.of(2026, 7, 1))).isEqualTo("2026-07-01T09:00:00Z");
  }
}
