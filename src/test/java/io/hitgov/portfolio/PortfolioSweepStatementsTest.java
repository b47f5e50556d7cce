package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.lifecycle.LifecycleDriver;
import io.hitgov.portfolio.PortfolioWatchProcess.IncidentTypes;
import io.hitgov.shared.process.EngineClock;
import io.hitgov.support.HitgovSpringTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sweep is set-based: the SQL statements one watch run sends (its job, from acquisition to
 * commit) are counted through a datasource-proxy around the application's DataSource, for a
 * portfolio of 100 and of 1,000 active projects. The count must not grow with the portfolio.
 */
@HitgovSpringTest
@Import(PortfolioSweepStatementsTest.Counting.class)
class PortfolioSweepStatementsTest {

  /** Statements sent by the current thread while counting is on. */
  static final ThreadLocal<Boolean> COUNTING = ThreadLocal.withInitial(() -> false);
  static final AtomicInteger STATEMENTS = new AtomicInteger();
  static final List<String> SEEN = new ArrayList<>();

  @TestConfiguration
  static class Counting {
    @Bean
    static BeanPostProcessor countStatements() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          if (!(bean instanceof DataSource dataSource)) {
            return bean;
          }
          return ProxyDataSourceBuilder.create(dataSource).name("counted").listener(new QueryExecutionListener() {
            @Override
            public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {}

            @Override
            public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
              if (COUNTING.get()) {
                STATEMENTS.incrementAndGet();
                synchronized (SEEN) {
                  queryInfoList.forEach(q -> SEEN.add(q.getQuery().replaceAll("\\s+", " ")));
                }
              }
            }
          }).build();
        }
      };
    }
  }

  @Autowired ProcessEngine processEngine;
  @Autowired JdbcTemplate jdbc;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** Registers {@code count} healthy active projects (on plan, active today) in one batch. */
  void addHealthyProjects(int from, int count) {
    LocalDate today = EngineClock.today();
    Timestamp now = Timestamp.from(EngineClock.now().toInstant());
    List<Object[]> projects = new ArrayList<>();
    List<Object[]> phases = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      String id = "EHR-BULK-" + i;
      projects.add(new Object[] {id, "Bulk project " + i, today.plusDays(600), today.plusDays(600), 1_000_000L, 1_000_000L,
          "evelyn", "maria", false, "P0", "G0", "ACTIVE", now, "none-" + i});
      phases.add(new Object[] {id, "P0", today.minusDays(1), today.plusDays(59)});
    }
    jdbc.batchUpdate("""
        insert into project (project_id, project_name, go_live_date, baseline_go_live_date, budget, baseline_budget,
          sponsor, project_manager, vendor_selection_required, current_phase, next_gate, status, started_at,
          process_instance_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", projects);
    jdbc.batchUpdate("""
        insert into project_phase (project_id, phase, planned_start, planned_end, entries, skipped)
        values (?, ?, ?, ?, 1, false)""", phases);
  }

  /** Starts the watch and counts the statements of its sweep job. */
  int countSweep() {
    ProcessInstance watch = processEngine.getRuntimeService()
        .startProcessInstanceByMessage(PortfolioWatchProcess.WATCH_REQUESTED);
    Job job = processEngine.getManagementService().createJobQuery().processInstanceId(watch.getId()).singleResult();
    STATEMENTS.set(0);
    SEEN.clear();
    COUNTING.set(true);
    try {
      processEngine.getManagementService().executeJob(job.getId());
    } finally {
      COUNTING.set(false);
    }
    return STATEMENTS.get();
  }

  @Test
  void the_sweep_sends_as_many_statements_for_1000_projects_as_for_100() {
    // one stalled project with its incident already raised: the sweeps below keep it, raise nothing new
    ProcessInstance stalled = new LifecycleDriver(processEngine)
        .start("EHR-BULK-STALE", EngineClock.today().plusDays(615).toString(), true);
    ClockUtil.setCurrentTime(Date.from(EngineClock.today().plusDays(35).atTime(10, 0)
        .atZone(ZoneId.systemDefault()).toInstant()));
    countSweep();
    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(stalled.getId())
        .incidentType(IncidentTypes.STALE_PROJECT).count()).isEqualTo(1);

    addHealthyProjects(0, 100);
    int hundred = countSweep();
    List<String> hundredStatements = new ArrayList<>(SEEN);
    addHealthyProjects(100, 900);
    int thousand = countSweep();

    assertThat(thousand).as("statements for 1,000 projects, against 100: %s", SEEN).isEqualTo(hundred);
    // the job's own engine bookkeeping (job, history, removal times) is the rest; HITGov's reads are a handful
    assertThat(hundredStatements.stream().filter(q -> !q.contains("ACT_")).toList()).as("HITGov's statements")
        .hasSizeLessThanOrEqualTo(8);
    assertThat(hundred).as("all statements of the job: %s", hundredStatements).isLessThanOrEqualTo(60);
    assertThat(processEngine.getRuntimeService().createIncidentQuery().incidentType(IncidentTypes.STALE_PROJECT).count())
        .isEqualTo(1);
    Integer swept = jdbc.queryForObject("select last_projects from portfolio_watch_lock where id = 1", Integer.class);
    assertThat(swept).isEqualTo(1001);
  }
}
