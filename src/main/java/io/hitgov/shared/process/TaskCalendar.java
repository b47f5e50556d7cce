package io.hitgov.shared.process;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Due and follow-up dates of user tasks, on the business calendar ({@link BusinessCalendar}), for
 * the models' own attributes: each feature exposes one as a {@code @ModelCallable} bean
 * ({@code lifecycleCalendar}, {@code gateCalendar}, {@code changeCalendar}, {@code riskCalendar},
 * {@code hipaaCalendar}), so that the SLA stays in the model where the PMO edits it, e.g.
 * {@code camunda:dueDate="${changeCalendar.businessDays(3)}"} and
 * {@code camunda:followUpDate="${changeCalendar.reminder(approvalDue, 1)}"}. Dates are ISO date-times
 * with the organization's offset, at the start of the business day.
 */
public class TaskCalendar {

  /** The start of the business day {@code days} business days from today. */
  public String businessDays(int days) {
    return BusinessCalendar.dueInBusinessDays(days);
  }

  /**
   * A reminder {@code businessDaysBefore} business days before {@code due} (an ISO date-time or
   * date, or a {@link Date}); none (null) when there is no due date or the reminder day would not
   * be after today, so a task due soon is not hidden behind a follow-up date.
   */
  public String reminder(Object due, int businessDaysBefore) {
    LocalDate day = dayOf(due);
    if (day == null) {
      return null;
    }
    LocalDate reminder = BusinessCalendar.minusBusinessDays(day, businessDaysBefore);
    return reminder.isAfter(EngineClock.today()) ? BusinessCalendar.startOfDay(reminder) : null;
  }

  /** The calendar day of a due date in the organization's time zone, or null. */
  protected static LocalDate dayOf(Object due) {
    if (due instanceof Date date) {
      return date.toInstant().atZone(EngineClock.zone()).toLocalDate();
    }
    if (!(due instanceof String text) || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).atZoneSameInstant(EngineClock.zone()).toLocalDate();
    } catch (DateTimeParseException e) {
      String date = text.length() > 10 ? text.substring(0, 10) : text;
      return IsoDates.problem("due", date).isEmpty() ? LocalDate.parse(date) : null;
    }
  }
}
