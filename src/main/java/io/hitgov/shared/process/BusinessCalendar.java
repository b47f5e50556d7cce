package io.hitgov.shared.process;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Governance SLAs count business days: weekends are skipped (holidays are not modelled yet). Due
 * moments fall at the start of the business day ({@link #DAY_START}).
 */
public final class BusinessCalendar {

  public static final LocalTime DAY_START = LocalTime.of(9, 0);

  private BusinessCalendar() {}

  public static boolean isBusinessDay(LocalDate day) {
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The day {@code days} business days after {@code from} (0: the next business day on or after it). */
  public static LocalDate plusBusinessDays(LocalDate from, int days) {
    LocalDate day = from;
    while (!isBusinessDay(day)) {
      day = day.plusDays(1);
    }
    for (int added = 0; added < days; ) {
      day = day.plusDays(1);
      if (isBusinessDay(day)) {
        added++;
      }
    }
    return day;
  }

  /** An ISO local date-time a BPMN timer understands, {@code days} business days from today. */
  public static String dueInBusinessDays(int days) {
    return LocalDateTime.of(plusBusinessDays(EngineClock.today(), days), DAY_START)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
  }
}
