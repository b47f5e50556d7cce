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

  /** The day {@code days} business days before {@code from} (0: the last business day on or before it). */
  public static LocalDate minusBusinessDays(LocalDate from, int days) {
    LocalDate day = from;
    while (!isBusinessDay(day)) {
      day = day.minusDays(1);
    }
    for (int taken = 0; taken < days; ) {
      day = day.minusDays(1);
      if (isBusinessDay(day)) {
        taken++;
      }
    }
    return day;
  }

  /**
   * An ISO date-time with offset, which a BPMN timer understands, at the start of the business day
   * {@code days} business days from today in the organization's time zone.
   */
  public static String dueInBusinessDays(int days) {
    return startOfDay(plusBusinessDays(EngineClock.today(), days));
  }

  /** The start of the given day ({@link #DAY_START}) in the organization's time zone, as an ISO date-time with offset. */
  public static String startOfDay(LocalDate day) {
    return LocalDateTime.of(day, DAY_START).atZone(EngineClock.zone()).toOffsetDateTime()
        .format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
