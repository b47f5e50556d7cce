package io.hitgov.shared.process;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Applies {@code hitgov.dates.earliest-year} / {@code latest-year} to {@link IsoDates}. */
@Component
class DateWindow {

  DateWindow(@Value("${hitgov.dates.earliest-year:2000}") int earliest,
      @Value("${hitgov.dates.latest-year:2100}") int latest) {
    IsoDates.window(earliest, latest);
  }
}
