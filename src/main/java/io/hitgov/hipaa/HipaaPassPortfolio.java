package io.hitgov.hipaa;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link HipaaPasses#validPassOn} for the whole portfolio in one statement: the projects holding a
 * HIPAA audit gate PASS that is neither invalidated nor expired on a day (the same rule as
 * {@code HipaaRecords.Gate.validOn}).
 */
@Service
public class HipaaPassPortfolio {

  private final JdbcClient jdbc;

  public HipaaPassPortfolio(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The projects with a valid PASS on {@code day}. */
  public Set<String> projectsWithValidPass(LocalDate day) {
    return new HashSet<>(jdbc.sql("""
        select distinct project_id from hipaa_gate
        where status = :pass and invalidated_at is null and (expires_on is null or expires_on >= :day)""")
        .param("pass", HipaaAuditGateProcess.Values.PASS).param("day", day).query(String.class).list());
  }
}
