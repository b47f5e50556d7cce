package io.hitgov.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The workloads, run in the application's JVM through Camunda's Java API (and W6 through its REST API),
 * identical for HITGov and the baseline (docs/performance.md, "Workloads"). Sizes come from bench.*
 * properties; every metric goes into one flat map written as JSON.
 */
final class Workloads {

  static final String PROJECT = "BENCH-1";
  /** The groups of the users the workloads act as (HITGov's demo users; the baseline creates the same). */
  static final Map<String, List<String>> GROUPS = Map.of("carla", List.of("cmio"), "irene", List.of("integration"),
      "maria", List.of("projectManagers"), "mike", List.of("projectManagers"), "paula", List.of("pmo"));

  private final ConfigurableApplicationContext context;
  private final ProcessEngine engine;
  private final Environment env;
  private final boolean hitgov;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final int ops;
  private final int threads;

  Workloads(ConfigurableApplicationContext context, long startupMillis) {
    this.context = context;
    this.engine = context.getBean(ProcessEngine.class);
    this.env = context.getEnvironment();
    this.hitgov = env.getProperty("bench.target", "").startsWith("hitgov");
    this.ops = env.getProperty("bench.ops", Integer.class, 200);
    this.threads = env.getProperty("bench.threads", Integer.class, 4);
    results.put("target", env.getProperty("bench.target"));
    results.put("startup_ms", startupMillis);
    results.put("app_class_archive", appClassArchive() ? 1 : 0);
  }

  /** Whether this JVM mapped an application class-data-sharing archive (the layout HITGov ships in). */
  static boolean appClassArchive() {
    HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return !hotSpot.getVMOption("SharedArchiveFile").getValue().isEmpty()
        && Boolean.parseBoolean(hotSpot.getVMOption("UseSharedSpaces").getValue());
  }

  void runAll() throws Exception {
    if (hitgov) {
      results.put("warm_up_ms", awaitWarmUp());
    }
    Runtime.getRuntime().gc();
    results.put("heap_after_startup_mb", heapMb());
    if (hitgov) {
      as("paula", () -> engine.getRuntimeService().startProcessInstanceByKey("ImplementationLifecycleProcess",
          project(PROJECT)));
    }
    floor();
    w1();
    w2();
    w3();
    w5();
    w6();
    heapAfterProjects();
    if (hitgov) {
      new PortfolioWorkload(context, results).run(); // bench.portfolio sizes; off when empty
    }
    write();
  }

  // ------------------------------------------------------------------ helpers

  /**
   * HITGov builds its FHIR R4 validator in the background after start-up (about 11 s of CPU on two
   * cores): the workloads wait for it, or the first ones measure that warm-up instead of HITGov.
   * Returns how long it still took after start-up.
   */
  long awaitWarmUp() throws Exception {
    long t0 = System.nanoTime();
    Object validation = context.getBean(Class.forName("io.hitgov.interop.FhirValidation"));
    validation.getClass().getMethod("validator").invoke(validation);
    return (System.nanoTime() - t0) / 1_000_000;
  }

  static Map<String, Object> project(String projectId) {
    Map<String, Object> v = new HashMap<>();
    v.put("projectId", projectId);
    v.put("projectName", "Benchmark project");
    v.put("goLiveDate", LocalDate.now().plusDays(300).toString());
    v.put("budget", 1_000_000L);
    v.put("sponsor", "evelyn");
    v.put("projectManager", "maria");
    v.put("vendorSelectionRequired", false);
    return v;
  }

  <T> T as(String user, Supplier<T> action) {
    engine.getIdentityService().setAuthentication(user, GROUPS.get(user));
    try {
      return action.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  static double heapMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
  }

  /** Runs {@code op} {@code count} times on {@code threadCount} counted threads; answers ops/s and per-op counts. */
  void closedLoop(String name, int count, int threadCount, Runnable op) throws Exception {
    for (int i = 0; i < Math.max(5, count / 10); i++) {
      op.run(); // warm-up, not counted
    }
    ExecutorService pool = Executors.newFixedThreadPool(threadCount);
    AtomicInteger left = new AtomicInteger(count);
    Histogram latency = new Histogram(3_600_000_000L, 3);
    Counter.Snapshot before = Counter.now();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      futures.add(pool.submit(() -> {
        Counter.countThisThread(true);
        try {
          while (left.getAndDecrement() > 0) {
            long t0 = System.nanoTime();
            op.run();
            synchronized (latency) {
              latency.recordValue((System.nanoTime() - t0) / 1000);
            }
          }
        } finally {
          Counter.countThisThread(false);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    Counter.Snapshot used = Counter.now().minus(before);
    results.put(name + "_ops_per_s", count / seconds);
    results.put(name + "_round_trips_per_op", (double) used.roundTrips() / count);
    results.put(name + "_statements_per_op", (double) used.statements() / count);
    results.put(name + "_commits_per_op", (double) used.commits() / count);
    results.put(name + "_p50_ms", latency.getValueAtPercentile(50) / 1000.0);
    results.put(name + "_p99_ms", latency.getValueAtPercentile(99) / 1000.0);
  }

  /** Round trips of one call on this thread. */
  static Counter.Snapshot counted(Runnable call) {
    Counter.Snapshot before = Counter.now();
    Counter.countThisThread(true);
    try {
      call.run();
    } finally {
      Counter.countThisThread(false);
    }
    return Counter.now().minus(before);
  }

  // ------------------------------------------------------------------ W0: the raw floor

  void floor() throws Exception {
    DataSource dataSource = context.getBean(DataSource.class);
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("create table if not exists bench_floor (id serial primary key, v integer)");
    }
    int count = ops * 5;
    Counter.Snapshot before = Counter.now();
    long start = System.nanoTime();
    Counter.countThisThread(true);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("insert into bench_floor (v) values (?)")) {
        for (int i = 0; i < count; i++) {
          insert.setInt(1, i);
          insert.executeUpdate();
          c.commit();
        }
      }
      c.setAutoCommit(true);
    } finally {
      Counter.countThisThread(false);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    results.put("w0_floor_tx_per_s", count / seconds);
    results.put("w0_floor_round_trips_per_tx", (double) Counter.now().minus(before).roundTrips() / count);
  }

  // ------------------------------------------------------------------ W1: risk scoring, start -> first task

  static Map<String, Object> risk() {
    Map<String, Object> v = new HashMap<>();
    v.put("projectId", PROJECT);
    v.put("title", "Interface engine capacity");
    v.put("category", "TECHNICAL");
    v.put("likelihood", 2);
    v.put("impact", 3);
    v.put("owner", "maria");
    return v;
  }

  void raiseRisk() {
    ProcessInstance risk = as("carla", () -> engine.getRuntimeService()
        .startProcessInstanceByKey("RiskEscalationProcess", risk()));
    if (risk.isEnded()) {
      throw new IllegalStateException("the risk should wait at its first task");
    }
  }

  void w1() throws Exception {
    closedLoop("w1", ops, threads, this::raiseRisk);
  }

  // ------------------------------------------------------------------ W2: change approval lifecycle

  static Map<String, Object> change() {
    Map<String, Object> v = new HashMap<>();
    v.put("projectId", PROJECT);
    v.put("title", "Add microbiology results interface");
    v.put("changeType", "NORMAL");
    v.put("costImpact", 10_000L);
    v.put("scheduleImpactDays", 0);
    v.put("movesGoLive", false);
    v.put("clinicalContentImpact", false);
    v.put("patientSafetyImpact", false);
    v.put("phiImpact", false);
    v.put("interfaceImpact", false);
    v.put("justification", "Required by the lab before go-live");
    return v;
  }

  static Map<String, Object> assessment() {
    Map<String, Object> a = new HashMap<>();
    a.put("criticalPath", false);
    a.put("movesGate", false);
    a.put("scopeChange", "NONE");
    a.put("newFunding", false);
    a.put("crossesFiscalYear", false);
    a.put("changesCapitalOperatingSplit", false);
    a.put("changeRisk", "LOW");
    a.put("implementationPlan", "Deploy in the Tuesday window");
    a.put("backoutPlan", "Restore the previous interface route");
    return a;
  }

  Task task(String user, String instanceId, String key) {
    List<Task> tasks = as(user, () -> engine.getTaskService().createTaskQuery().processInstanceId(instanceId)
        .taskDefinitionKey(key).taskCandidateGroupIn(GROUPS.get(user)).list());
    if (tasks.isEmpty()) {
      throw new IllegalStateException("no " + key + " task of " + instanceId + " for " + user);
    }
    return tasks.get(0);
  }

  void complete(String user, Task task, Map<String, Object> variables) {
    as(user, () -> {
      engine.getTaskService().complete(task.getId(), variables);
      return null;
    });
  }

  /** Start, query, assess, both approvals: answers the instance waiting for implementation. */
  String changeApproved() {
    String id = as("irene", () -> engine.getRuntimeService().startProcessInstanceByKey("ChangeRequestProcess", change()))
        .getId();
    complete("mike", task("mike", id, "UserTask_AssessImpact"), assessment());
    complete("maria", task("maria", id, "UserTask_ApproveChange"), Map.of("approved", true));
    complete("paula", task("paula", id, "UserTask_ApproveChange"), Map.of("approved", true));
    return id;
  }

  void changeToTheEnd() {
    String id = changeApproved();
    complete("mike", task("mike", id, "UserTask_ImplementChange"),
        Map.of("implementationReference", "CHG0042117", "implementationNote", "Route deployed"));
    complete("maria", task("maria", id, "UserTask_VerifyChange"),
        Map.of("changeVerified", true, "verificationNote", "Filed correctly"));
  }

  void w2() throws Exception {
    closedLoop("w2", ops / 2, threads, this::changeToTheEnd);
    // the single calls, counted one by one (after the warm-up above)
    Counter.Snapshot start = counted(() -> as("irene", () -> engine.getRuntimeService()
        .startProcessInstanceByKey("ChangeRequestProcess", change())));
    results.put("w2_start_round_trips", start.roundTrips());
    String id = changeApproved();
    Task[] found = new Task[1];
    Counter.Snapshot query = counted(() -> found[0] = task("mike", id, "UserTask_ImplementChange"));
    results.put("w2_query_round_trips", query.roundTrips());
    complete("mike", found[0], Map.of("implementationReference", "CHG0042117", "implementationNote", "Route deployed"));
    Task verify = task("maria", id, "UserTask_VerifyChange");
    Counter.Snapshot end = counted(() -> complete("maria", verify,
        Map.of("changeVerified", true, "verificationNote", "Filed correctly")));
    results.put("w2_complete_to_end_round_trips", end.roundTrips());
    results.put("w2_complete_to_end_statements", end.statements());
  }

  // ------------------------------------------------------------------ W3: job draining

  void w3() throws Exception {
    int changes = Math.max(10, ops / 4);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < changes; i++) {
      String id = as("irene", () -> engine.getRuntimeService().startProcessInstanceByKey("ChangeRequestProcess",
          change())).getId();
      complete("mike", task("mike", id, "UserTask_AssessImpact"), assessment());
      ids.add(id);
    }
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    while (mailPending() > 0) { // the set-up's mails sent before the clock moves and the counting starts
      Thread.sleep(20);
    }
    ClockUtil.setCurrentTime(Date.from(java.time.Instant.now().plus(java.time.Duration.ofDays(30))));
    try {
      long due = engine.getManagementService().createJobQuery().timers().executable().count();
      long succeeded = jobsSucceeded();
      Counter.Snapshot before = Counter.now();
      Counter.countAllThreads(true, Thread.currentThread());
      long start = System.nanoTime();
      configuration.getJobExecutor().jobWasAdded();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      // drained: every job due now has run, the timers and the jobs they caused, and (HITGov) the escalation
      // mails they queued have been sent (right after each job's transaction, on HITGov's sender threads)
      while (System.nanoTime() < deadline
          && (engine.getManagementService().createJobQuery().executable().noRetriesLeft().count() == 0
              && engine.getManagementService().createJobQuery().executable().count() > 0
              || mailPending() > 0)) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Counter.countAllThreads(false, null);
      Counter.Snapshot used = Counter.now().minus(before);
      results.put("w3_jobs", due);
      results.put("w3_jobs_per_s", due / seconds);
      long executed = jobsSucceeded() - succeeded;
      results.put("w3_jobs_executed", executed);
      // per due timer, everything it caused included; and per job the engine ran (timers and follow-up jobs)
      results.put("w3_round_trips_per_job", (double) used.roundTrips() / due);
      results.put("w3_round_trips_per_executed_job", (double) used.roundTrips() / Math.max(1, executed));
      results.put("w3_failed_jobs", engine.getManagementService().createJobQuery().withException().count());
    } finally {
      ClockUtil.reset();
    }
  }

  /** HITGov's e-mail batches waiting to be sent ({@code hitgov.notifications.pending}); 0 for the baseline. */
  double mailPending() {
    return METERS ? Meters.gauge(context, "hitgov.notifications.pending") : 0;
  }

  /** Whether the application has Micrometer (HITGov does, the baseline does not). */
  private static final boolean METERS = org.springframework.util.ClassUtils.isPresent(
      "io.micrometer.core.instrument.MeterRegistry", Workloads.class.getClassLoader());

  /** Micrometer, loaded only where the application has it. */
  private static final class Meters {
    static double gauge(ConfigurableApplicationContext context, String name) {
      io.micrometer.core.instrument.MeterRegistry registry =
          context.getBeanProvider(io.micrometer.core.instrument.MeterRegistry.class).getIfAvailable();
      io.micrometer.core.instrument.Gauge gauge = registry == null ? null : registry.find(name).gauge();
      return gauge == null ? 0 : gauge.value();
    }
  }

  /**
   * Jobs the engine ran successfully so far, from its own metric ({@code job-successful}, flushed now):
   * HITGov keeps no history of its e-mail delivery jobs, so the job log would miss them.
   */
  long jobsSucceeded() {
    engine.getManagementService().reportDbMetricsNow();
    return engine.getManagementService().createMetricsQuery().name(Metrics.JOB_SUCCESSFUL).sum();
  }

  // ------------------------------------------------------------------ W5: open-loop governance mix

  void w5() throws Exception {
    double rate = env.getProperty("bench.rate", Double.class, 10.0);
    int seconds = env.getProperty("bench.seconds", Integer.class, 20);
    Histogram latency = new Histogram(3_600_000_000L, 3);
    Map<String, Histogram> byKind = new java.util.TreeMap<>(); // guarded by latency
    ConcurrentLinkedQueue<String> assessable = new ConcurrentLinkedQueue<>();
    ExecutorService workers = Executors.newFixedThreadPool(16);
    Random random = new Random(42);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long intended = start;
    AtomicInteger failures = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    while (intended < end) {
      long due = intended;
      double pick = random.nextDouble();
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      futures.add(workers.submit(() -> {
        String kind = "risk";
        try {
          if (pick < 0.4) {
            raiseRisk();
          } else {
            String id = pick < 0.7 ? null : assessable.poll();
            if (id == null) {
              kind = "change";
              assessable.add(as("irene", () -> engine.getRuntimeService()
                  .startProcessInstanceByKey("ChangeRequestProcess", change())).getId());
            } else {
              kind = "assess";
              complete("mike", task("mike", id, "UserTask_AssessImpact"), assessment());
            }
          }
        } catch (RuntimeException e) {
          failures.incrementAndGet();
        }
        // latency from the intended start: no coordinated omission
        long micros = Math.max(0, (System.nanoTime() - due) / 1000);
        synchronized (latency) {
          latency.recordValue(micros);
          byKind.computeIfAbsent(kind, k -> new Histogram(3_600_000_000L, 3)).recordValue(micros);
        }
      }));
      intended += (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
    }
    for (Future<?> f : futures) {
      f.get();
    }
    workers.shutdown();
    results.put("w5_rate_per_s", rate);
    results.put("w5_ops", futures.size());
    results.put("w5_failures", failures.get());
    results.put("w5_p50_ms", latency.getValueAtPercentile(50) / 1000.0);
    results.put("w5_p99_ms", latency.getValueAtPercentile(99) / 1000.0);
    results.put("w5_max_ms", latency.getMaxValue() / 1000.0);
    byKind.forEach((kind, h) -> { // which operation the tail belongs to
      results.put("w5_" + kind + "_ops", h.getTotalCount());
      results.put("w5_" + kind + "_p50_ms", h.getValueAtPercentile(50) / 1000.0);
      results.put("w5_" + kind + "_max_ms", h.getMaxValue() / 1000.0);
    });
  }

  // ------------------------------------------------------------------ W6: W1 through the REST API

  void w6() throws Exception {
    int port = Integer.parseInt(env.getProperty("local.server.port"));
    HttpClient client = HttpClient.newHttpClient();
    String body = "{\"variables\":{\"projectId\":{\"value\":\"" + PROJECT + "\"},\"title\":{\"value\":\"Interface engine capacity\"},"
        + "\"category\":{\"value\":\"TECHNICAL\"},\"likelihood\":{\"value\":2,\"type\":\"Integer\"},"
        + "\"impact\":{\"value\":3,\"type\":\"Integer\"},\"owner\":{\"value\":\"maria\"}}}";
    String auth = "Basic " + Base64.getEncoder().encodeToString("carla:demo".getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/engine-rest/process-definition/key/RiskEscalationProcess/start"))
        .header("Authorization", auth).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    Runnable op = () -> {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("REST start answered " + response.statusCode() + " " + response.body());
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    for (int i = 0; i < 10; i++) {
      op.run();
    }
    // servlet threads run the calls: count every thread but this one
    Counter.Snapshot before = Counter.now();
    Counter.countAllThreads(true, Thread.currentThread());
    int single = 20;
    for (int i = 0; i < single; i++) {
      op.run();
    }
    Counter.countAllThreads(false, null);
    double roundTrips = (double) Counter.now().minus(before).roundTrips() / single;
    closedLoop("w6", ops, threads, op);
    // the client threads run no SQL: the counts of the single calls above are the ones
    results.put("w6_round_trips_per_op", roundTrips);
    results.remove("w6_statements_per_op");
    results.remove("w6_commits_per_op");
  }

  // ------------------------------------------------------------------ heap after N active projects

  void heapAfterProjects() {
    int projects = env.getProperty("bench.projects", Integer.class, 200);
    if (!hitgov) {
      results.put("projects_note", "baseline: no project register (lifecycle stand-ins not provided)");
      return;
    }
    long start = System.nanoTime();
    for (int i = 0; i < projects; i++) {
      String id = "BENCH-P-" + i;
      as("paula", () -> engine.getRuntimeService().startProcessInstanceByKey("ImplementationLifecycleProcess",
          project(id)));
    }
    results.put("projects_started", projects);
    results.put("projects_started_per_s", projects / ((System.nanoTime() - start) / 1e9));
    Runtime.getRuntime().gc();
    Runtime.getRuntime().gc();
    results.put("heap_after_projects_mb", heapMb());
  }

  // ------------------------------------------------------------------ output

  void write() throws IOException {
    Files.writeString(Path.of(env.getProperty("bench.out")), Json.of(results));
  }
}
