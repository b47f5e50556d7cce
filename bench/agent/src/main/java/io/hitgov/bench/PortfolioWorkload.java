package io.hitgov.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * HITGov only (docs/processes/portfolio-watch.md#benchmark): the portfolio at growing sizes
 * ({@code bench.portfolio}, e.g. {@code 1000,10000} active projects). At each size it tops the
 * portfolio up with real lifecycle instances (started through the engine's public API by parallel
 * threads, as a PMO member), waits until the jobs the seeding caused are done, then measures
 * <ul>
 *   <li>the stalled-project sweep: a watch started as a PMO member ({@code POST /api/portfolio/watch})
 *       runs to its end on the job executor; the sweep's duration is the engine's own record of its
 *       service task ({@code ServiceTask_SweepPortfolio}), plus the SQL round trips of the whole run;
 *   <li>{@code GET /api/portfolio} latency (HdrHistogram, p50/p95/max), pages picked at random over the
 *       whole portfolio, first one client ({@code _api1_}), then {@code bench.threads} clients ({@code _api_});
 *   <li>{@code GET /api/projects} latency, pages of its default size (100) picked at random, one client
 *       ({@code _projects1_});
 *   <li>the monthly portfolio pack over them ({@code _pack_}): its job's duration, statements and round trips;
 * </ul>
 * and the heap after the largest size.
 */
final class PortfolioWorkload {

  static final String SWEEP_TASK = "ServiceTask_SweepPortfolio";
  static final String PACK_PROCESS = "PortfolioPackProcess";
  static final String PACK_TASK = "ServiceTask_SendPortfolioPack";
  static final int PAGE_SIZE = 50;
  static final int PROJECTS_PAGE_SIZE = 100;
  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final Pattern INSTANCE = Pattern.compile("\"processInstanceId\"\\s*:\\s*\"([^\"]+)\"");

  private final ProcessEngine engine;
  private final Environment env;
  private final Map<String, Object> results;
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final int threads;
  private final javax.sql.DataSource dataSource;
  private final int requests;

  PortfolioWorkload(ConfigurableApplicationContext context, Map<String, Object> results) {
    this.engine = context.getBean(ProcessEngine.class);
    this.dataSource = context.getBean(javax.sql.DataSource.class);
    this.env = context.getEnvironment();
    this.results = results;
    this.base = "http://127.0.0.1:" + env.getProperty("local.server.port");
    this.threads = env.getProperty("bench.threads", Integer.class, 4);
    this.requests = Math.max(200, env.getProperty("bench.ops", Integer.class, 200));
  }

  /** The sizes to measure, from {@code bench.portfolio}; empty: the workload is off. */
  List<Integer> sizes() {
    String sizes = env.getProperty("bench.portfolio", "");
    return sizes.isBlank() ? List.of()
        : Arrays.stream(sizes.split(",")).map(String::trim).map(Integer::valueOf).sorted().toList();
  }

  void run() throws Exception {
    List<Integer> sizes = sizes();
    if (sizes.isEmpty()) {
      return;
    }
    int seeded = 0;
    for (int size : sizes) {
      int active = total();
      long start = System.nanoTime();
      int started = seed(size - active, seeded);
      seeded += started;
      if (started > 0) {
        results.put("portfolio_" + size + "_seeded", started);
        results.put("portfolio_" + size + "_seed_per_s", started / ((System.nanoTime() - start) / 1e9));
      }
      results.put("portfolio_" + size + "_active", total());
      quiesce(size);
      analyze(size);
      sweep(size);
      pack(size);
      api(size, 1, "_api1");
      api(size, threads, "_api");
      api(size, 1, "_projects1");
    }
    Runtime.getRuntime().gc();
    Runtime.getRuntime().gc();
    results.put("portfolio_heap_after_" + sizes.get(sizes.size() - 1) + "_mb", Workloads.heapMb());
  }

  /** Starts {@code count} lifecycle instances on {@code threads} threads, as paula (pmo). */
  int seed(int count, int offset) throws Exception {
    if (count <= 0) {
      return 0;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
          String id = "BENCH-PF-" + (offset + i);
          engine.getIdentityService().setAuthentication("paula", Workloads.GROUPS.get("paula"));
          try {
            Map<String, Object> project = Workloads.project(id);
            // go-lives spread over two years, as in a real portfolio (pages and the sweep see varied projects)
            project.put("goLiveDate", java.time.LocalDate.now().plusDays(300 + (offset + i) % 730).toString());
            engine.getRuntimeService().startProcessInstanceByKey("ImplementationLifecycleProcess", project);
          } finally {
            engine.getIdentityService().clearAuthentication();
          }
          if (i > 0 && i % 1000 == 0) {
            System.out.println("portfolio: seeded " + i + " of " + count);
          }
        }
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    return count;
  }

  /** Three watch runs as paula; the sweep's duration from the engine's history, the median and max of them. */
  void sweep(int size) throws Exception {
    List<Double> sweeps = new ArrayList<>();
    List<Double> walls = new ArrayList<>();
    double roundTrips = 0;
    for (int run = 0; run < 3; run++) {
      Counter.Snapshot before = Counter.now();
      Counter.countAllThreads(true, null);
      long t0 = System.nanoTime();
      String instance;
      try {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/api/portfolio/watch"))
            .header("Authorization", basic("paula")).POST(HttpRequest.BodyPublishers.noBody()).build());
        if (answer.statusCode() != 202) {
          throw new IllegalStateException("POST /api/portfolio/watch answered " + answer.statusCode() + " " + answer.body());
        }
        Matcher m = INSTANCE.matcher(answer.body());
        if (!m.find()) {
          throw new IllegalStateException("no processInstanceId in " + answer.body());
        }
        instance = m.group(1);
        awaitEnd(instance);
      } finally {
        Counter.countAllThreads(false, null);
      }
      walls.add((System.nanoTime() - t0) / 1e6);
      roundTrips = Counter.now().minus(before).roundTrips();
      HistoricActivityInstance task = engine.getHistoryService().createHistoricActivityInstanceQuery()
          .processInstanceId(instance).activityId(SWEEP_TASK).singleResult();
      sweeps.add(task.getDurationInMillis() == null ? Double.NaN : task.getDurationInMillis().doubleValue());
    }
    results.put("portfolio_" + size + "_sweep_ms", Bench.median(sweeps));
    results.put("portfolio_" + size + "_sweep_max_ms", sweeps.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    results.put("portfolio_" + size + "_watch_wall_ms", Bench.median(walls));
    results.put("portfolio_" + size + "_watch_round_trips", roundTrips);
  }

  /**
   * The monthly portfolio pack over every active project, its timer run now: the pack job's duration
   * (the engine's record of its service task) and the statements and round trips of the timer, the
   * pack job and everything else the node did meanwhile, the benchmark's own look-up of the new
   * instance and polls for its end included (a few per 20 ms of the pack's run; the pack's mails are
   * sent after its commit).
   */
  void pack(int size) throws Exception {
    org.camunda.bpm.engine.ManagementService management = engine.getManagementService();
    String timer = management.createJobQuery().processDefinitionKey(PACK_PROCESS).timers().singleResult().getId();
    // the instances before (W3's moved clock started one dated a month ahead: not "the latest")
    java.util.Set<String> earlier = new java.util.HashSet<>();
    engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PACK_PROCESS).list()
        .forEach(i -> earlier.add(i.getId()));
    Counter.Snapshot before = Counter.now();
    Counter.countAllThreads(true, null);
    String instance;
    try {
      management.executeJob(timer); // the instance waits before its asynchronous pack step: the job executor runs it
      // the new one, from history: the job executor may have run the pack to its end already
      instance = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(PACK_PROCESS)
          .list().stream().map(i -> i.getId()).filter(id -> !earlier.contains(id)).findFirst()
          .orElseThrow(() -> new IllegalStateException("the pack's timer started no instance"));
      awaitEnd(instance);
    } finally {
      Counter.countAllThreads(false, null);
    }
    Counter.Snapshot used = Counter.now().minus(before);
    HistoricActivityInstance task = engine.getHistoryService().createHistoricActivityInstanceQuery()
        .processInstanceId(instance).activityId(PACK_TASK).singleResult();
    results.put("portfolio_" + size + "_pack_ms", task.getDurationInMillis() == null ? Double.NaN
        : task.getDurationInMillis().doubleValue());
    results.put("portfolio_" + size + "_pack_statements", used.statements());
    results.put("portfolio_" + size + "_pack_round_trips", used.roundTrips());
  }

  void awaitEnd(String instance) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      HistoricProcessInstance done = engine.getHistoryService().createHistoricProcessInstanceQuery()
          .processInstanceId(instance).finished().singleResult();
      if (done != null) {
        if (!"COMPLETED".equals(done.getState())) {
          throw new IllegalStateException("watch " + instance + " ended " + done.getState());
        }
        return;
      }
      if (engine.getManagementService().createJobQuery().processInstanceId(instance).noRetriesLeft().count() > 0) {
        throw new IllegalStateException("watch " + instance + " failed: its sweep job has no retries left");
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("watch " + instance + " did not end within 10 minutes");
  }

  /**
   * Refreshes PostgreSQL's statistics after the bulk seeding, as autovacuum does within minutes on a
   * real database: a portfolio that grew by thousands of rows a moment ago would otherwise be planned
   * as the empty one it was (a page of {@code GET /api/portfolio} at 10,000 projects: about 160 ms
   * with the stale statistics, 30–50 ms after ANALYZE).
   */
  void analyze(int size) throws Exception {
    long t0 = System.nanoTime();
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.Statement s = c.createStatement()) {
      s.execute("analyze");
    }
    results.put("portfolio_" + size + "_analyze_ms", (System.nanoTime() - t0) / 1e6);
  }

  /**
   * Waits until the jobs the seeding left (the new projects' task e-mails) are done, so the sweep and
   * the API are measured on a quiet application; records how long that took.
   */
  void quiesce(int size) throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + TimeUnit.MINUTES.toNanos(30);
    long left = engine.getManagementService().createJobQuery().executable().active().count();
    while (left > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      left = engine.getManagementService().createJobQuery().executable().active().count();
    }
    results.put("portfolio_" + size + "_jobs_drained_s", (System.nanoTime() - t0) / 1e9);
    results.put("portfolio_" + size + "_jobs_left", left); // > 0: still busy after 30 minutes, read the rest with care
  }

  /**
   * {@code GET /api/portfolio} (or, for a metric {@code _projects...}, {@code GET /api/projects}, whose
   * pages of 100 list every project: all of the benchmark's are active), random pages over the whole
   * portfolio, as maria (projectManagers), on {@code threads} clients at once (closed loop): one client
   * gives the latency of a request, more clients than cores add the wait for a core.
   */
  void api(int size, int threads, String metric) throws Exception {
    boolean projects = metric.startsWith("_projects");
    int pageSize = projects ? PROJECTS_PAGE_SIZE : PAGE_SIZE;
    int pages = Math.max(1, (total() + pageSize - 1) / pageSize);
    java.util.function.IntConsumer get = projects ? this::projectsPage : this::page;
    for (int i = 0; i < 20; i++) {
      get.accept(ThreadLocalRandom.current().nextInt(pages)); // warm-up
    }
    Histogram latency = new Histogram(3_600_000_000L, 3);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger left = new AtomicInteger(requests);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        while (left.getAndDecrement() > 0) {
          long t0 = System.nanoTime();
          get.accept(ThreadLocalRandom.current().nextInt(pages));
          synchronized (latency) {
            latency.recordValue((System.nanoTime() - t0) / 1000);
          }
        }
        return null;
      }));
    }
    for (Future<?> future : futures) {
      future.get();
    }
    pool.shutdown();
    results.put("portfolio_" + size + metric + "_requests", requests);
    results.put("portfolio_" + size + metric + "_p50_ms", latency.getValueAtPercentile(50) / 1000.0);
    results.put("portfolio_" + size + metric + "_p95_ms", latency.getValueAtPercentile(95) / 1000.0);
    results.put("portfolio_" + size + metric + "_max_ms", latency.getMaxValue() / 1000.0);
  }

  String page(int page) {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/api/portfolio?page=" + page
        + "&size=" + PAGE_SIZE)).header("Authorization", basic("maria")).GET().build());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("GET /api/portfolio answered " + answer.statusCode() + " " + answer.body());
    }
    return answer.body();
  }

  /** A page of {@code GET /api/projects} (the project list, its default page size), as maria. */
  void projectsPage(int page) {
    HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/api/projects?page=" + page))
        .header("Authorization", basic("maria")).GET().build());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("GET /api/projects answered " + answer.statusCode() + " " + answer.body());
    }
  }

  int total() {
    Matcher m = TOTAL.matcher(page(0));
    if (!m.find()) {
      throw new IllegalStateException("GET /api/portfolio has no total");
    }
    return Integer.parseInt(m.group(1));
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String basic(String user) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }
}
