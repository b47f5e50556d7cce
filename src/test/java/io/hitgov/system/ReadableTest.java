package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.process.EngineClock;
import io.hitgov.shared.process.Readable;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the forms show instead of raw values (docs/conventions.md#readable-forms), without Spring. */
class ReadableTest {

  @AfterEach
  void zone() {
    EngineClock.useZone(ZoneId.systemDefault());
  }

  @Test
  void money_has_thousands_separators_and_its_currency() {
    assertThat(Readable.money(40_000L)).isEqualTo("40,000 USD");
    assertThat(Readable.money(2_500_000)).isEqualTo("2,500,000 USD");
    assertThat(Readable.money(-5_000L)).isEqualTo("-5,000 USD (saving)");
    assertThat(Readable.money(null)).isEqualTo("—");
  }

  @Test
  void booleans_are_yes_or_no_and_enumerations_words() {
    assertThat(Readable.yesNo(true)).isEqualTo("yes");
    assertThat(Readable.yesNo("false")).isEqualTo("no");
    assertThat(Readable.yesNo(null)).isEqualTo("—");
    assertThat(Readable.words("CLINICIAN_VISIBLE_REMOVAL")).isEqualTo("Clinician visible removal");
    assertThat(Readable.group("changeAdvisoryBoard")).isEqualTo("Change advisory board (and emergency CAB)");
    assertThat(Readable.group("someoneElse")).isEqualTo("someoneElse");
    assertThat(Readable.percent(4.0)).isEqualTo("4 %");
    assertThat(Readable.percent(12.345)).isEqualTo("12.3 %");
  }

  @Test
  void dates_are_dates_in_the_organization_time_zone() {
    EngineClock.useZone(ZoneId.of("America/New_York"));
    assertThat(Readable.date("2026-12-08")).isEqualTo("Tue 8 Dec 2026");
    assertThat(Readable.dateTime("2026-12-08T14:00:00Z")).isEqualTo("Tue 8 Dec 2026, 09:00 EST");
    assertThat(Readable.date("2026-12-08T03:00:00Z")).as("the organization's day, not UTC's").isEqualTo("Mon 7 Dec 2026");
    assertThat(Readable.dateTime(null)).isEqualTo("—");
  }
}
