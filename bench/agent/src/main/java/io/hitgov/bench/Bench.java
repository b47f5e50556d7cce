package io.hitgov.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs the comparison (bench/README.md): per repetition, the baseline and HITGov one after the other
 * (the order alternates), each in its own JVM against a freshly created PostgreSQL database; then
 * medians, spreads and ratios into bench/results/DATE.md and .json, with the machine's load.
 */
public final class Bench {

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("reps", "3", "ops", "200", "threads", "4",
        "rate", "10", "seconds", "20", "projects", "1000", "pg", "127.0.0.1:5432", "pguser", "postgres",
        "root", ".", "portfolio-reps", "1"));
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    new Bench(options).run();
  }

  private final Map<String, String> options;
  private final Path root;

  Bench(Map<String, String> options) {
    this.options = options;
    this.root = Path.of(options.get("root")).toAbsolutePath().normalize();
  }

  /**
   * One application to measure. {@code layout}, when set, is the directory {@code docker/hitgov-layout.sh} made
   * (extracted jar, explicit class path, class-data-sharing archive): the target then starts as HITGov ships;
   * otherwise from its fat jar.
   */
  record Target(String name, Path jar, String main, List<String> extraArgs, Path layout) {
    Target(String name, Path jar, String main, List<String> extraArgs) {
      this(name, jar, main, extraArgs, null);
    }
  }

  void run() throws Exception {
    Path hitgovJar;
    try (var jars = Files.list(root.resolve("target"))) {
      hitgovJar = jars.filter(p -> p.getFileName().toString().matches("hitgov-.*\\.jar")).findFirst().orElseThrow();
    }
    List<Target> targets = List.of(
        new Target("baseline", root.resolve("bench/baseline/target/hitgov-bench-baseline.jar"),
            "io.hitgov.bench.baseline.BaselineApplication", List.of()),
        new Target("hitgov", hitgovJar, "io.hitgov.HitgovApplication",
            List.of("--spring.profiles.active=postgres", "--hitgov.demo.data=false"),
            root.resolve("bench/target/hitgov-layout")));
    if (options.containsKey("untuned")) {
      // HITGov with the defaults for the keys HITGov tunes (engine, job executor, eventing, Hikari pool) and from
      // its fat jar (no class-data-sharing archive): the before of docs/performance.md; JDBC batching is
      // Camunda's default in both
      targets = new ArrayList<>(targets);
      targets.add(new Target("hitgov-untuned", hitgovJar, "io.hitgov.HitgovApplication", List.of(
          "--spring.profiles.active=postgres", "--hitgov.demo.data=false",
          "--camunda.bpm.generic-properties.properties.history-removal-time-strategy=end",
          "--camunda.bpm.job-execution.max-jobs-per-acquisition=3", "--camunda.bpm.job-execution.core-pool-size=3",
          "--camunda.bpm.job-execution.max-pool-size=10", "--camunda.bpm.job-execution.queue-capacity=3",
          "--camunda.bpm.eventing.execution=true", "--camunda.bpm.eventing.history=true",
          "--camunda.bpm.eventing.task=true", "--hitgov.engine.feel-memory=false", "--hitgov.engine.history-prefetch=false",
          "--hitgov.engine.runtime-prefetch=false", "--hitgov.engine.new-task-grants-unread=false",
          "--hitgov.engine.unsplit-flush-batches=false",
          "--hitgov.engine.auth-groups-unfiltered=false",
          "--hitgov.engine.display-values-in-history=true", "--hitgov.engine.processes-out-of-history=",
          "--spring.datasource.hikari.maximum-pool-size=21", "--spring.datasource.hikari.minimum-idle=10")));
    }
    if (options.containsKey("only")) {
      targets = targets.stream().filter(t -> t.name().equals(options.get("only"))).toList();
    }
    int reps = Integer.parseInt(options.get("reps"));
    Map<String, List<Map<String, String>>> runs = new LinkedHashMap<>();
    List<String> load = new ArrayList<>();
    load.add("before: " + loadavg() + " | " + topProcesses());
    for (int rep = 0; rep < reps; rep++) {
      List<Target> order = new ArrayList<>(targets);
      if (rep % 2 == 1) {
        java.util.Collections.reverse(order);
      }
      for (Target target : order) {
        String before = loadavg();
        Map<String, String> result = runOnce(target, rep);
        result.put("loadavg_before", before);
        result.put("loadavg_after", loadavg());
        runs.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(result);
        load.add("rep " + (rep + 1) + " " + target.name() + ": load " + before + " -> " + result.get("loadavg_after"));
      }
    }
    load.add("after: " + loadavg() + " | " + topProcesses());
    report(runs, load);
  }

  Map<String, String> runOnce(Target target, int rep) throws Exception {
    String database = "bench_" + target.name().replace('-', '_') + "_" + UUID.randomUUID().toString().substring(0, 8);
    psql("CREATE DATABASE " + database);
    Path out = Files.createTempFile("bench-" + target.name(), ".json");
    Path log = root.resolve("bench/target/" + target.name() + "-" + (rep + 1) + ".log");
    Files.createDirectories(log.getParent());
    try {
      // the JVM that runs this (bench/run.sh: the one that made HITGov's archive; another would ignore it)
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx2g"));
      // --jvm: extra JVM options for every target, e.g. a flight recording per run
      for (String option : options.getOrDefault("jvm", "").split(" ")) {
        if (!option.isBlank()) {
          command.add(option.replace("{target}", target.name()).replace("{rep}", String.valueOf(rep + 1)));
        }
      }
      command.addAll(launch(target));
      command.addAll(List.of("--server.port=0", "--POSTGRES_URL=jdbc:postgresql://" + options.get("pg") + "/" + database,
          "--POSTGRES_USER=" + options.get("pguser"), "--POSTGRES_PASSWORD=",
          "--bench.target=" + target.name(), "--bench.out=" + out, "--bench.ops=" + options.get("ops"),
          "--bench.threads=" + options.get("threads"), "--bench.rate=" + options.get("rate"),
          "--bench.seconds=" + options.get("seconds"), "--bench.projects=" + options.get("projects"),
          "--bench.portfolio=" + (rep < Integer.parseInt(options.get("portfolio-reps"))
              ? options.getOrDefault("portfolio", "") : "")));
      command.addAll(target.extraArgs());
      System.out.println("rep " + (rep + 1) + ": " + target.name() + " on " + database + " (log " + log + ")");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(target.name() + " failed, see " + log);
      }
      return flat(Files.readString(out));
    } finally {
      psql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      Files.deleteIfExists(out);
    }
  }

  /** The JVM options, class path and main class that start {@code target} with the agent on its class path. */
  List<String> launch(Target target) throws IOException {
    Path agentDir = root.resolve("bench/agent/target");
    if (target.layout() == null) {
      return List.of("-Dloader.path=" + agentDir.resolve("hitgov-bench-agent.jar") + "," + agentDir.resolve("agent-lib"),
          "-Dloader.main=" + target.main(), "-cp", target.jar().toString(),
          "org.springframework.boot.loader.launch.PropertiesLauncher");
    }
    Path archive = target.layout().resolve("hitgov.jsa");
    if (!Files.isRegularFile(archive)) {
      throw new IllegalStateException("no " + archive + ": bench/run.sh builds it (docker/hitgov-layout.sh)");
    }
    // the archive's class path first and unchanged, the agent appended: the JVM maps the archive only then
    StringBuilder classPath = new StringBuilder(Files.readString(target.layout().resolve("classpath.txt")).trim());
    classPath.append(File.pathSeparator).append(agentDir.resolve("hitgov-bench-agent.jar"));
    try (var libs = Files.list(agentDir.resolve("agent-lib"))) {
      libs.sorted().forEach(lib -> classPath.append(File.pathSeparator).append(lib));
    }
    // -Xshare:on: a run that could not use the archive fails instead of measuring the fat jar's start-up
    return List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", classPath.toString(), target.main());
  }

  void psql(String sql) throws Exception {
    String[] hostPort = options.get("pg").split(":");
    Process p = new ProcessBuilder("psql", "-h", hostPort[0], "-p", hostPort.length > 1 ? hostPort[1] : "5432",
        "-U", options.get("pguser"), "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("psql failed: " + sql);
    }
  }

  /** The agent's flat JSON object as strings. */
  static Map<String, String> flat(String json) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : json.split("\n")) {
      line = line.trim();
      if (!line.startsWith("\"")) {
        continue;
      }
      int colon = line.indexOf("\": ");
      String key = line.substring(1, colon);
      String value = line.substring(colon + 3).replaceAll(",$", "");
      values.put(key, value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
    }
    return values;
  }

  static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "n/a";
    }
  }

  static String topProcesses() {
    try {
      Process p = new ProcessBuilder("ps", "-eo", "pcpu,comm", "--sort=-pcpu").start();
      List<String> lines = new String(p.getInputStream().readAllBytes()).lines().skip(1).limit(5).map(String::trim)
          .toList();
      p.waitFor();
      return String.join(", ", lines);
    } catch (Exception e) {
      return "n/a";
    }
  }

  static Double number(String s) {
    try {
      return s == null ? null : Double.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String ratio(Map<String, Object> row, String key, Double numerator, Double denominator) {
    if (numerator == null || denominator == null || denominator == 0) {
      return "";
    }
    row.put(key, numerator / denominator);
    return String.format(Locale.ROOT, "%.2f", numerator / denominator);
  }

  static String fmt(double d) {
    return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
  }

  void report(Map<String, List<Map<String, String>>> runs, List<String> load) throws Exception {
    TreeSet<String> metrics = new TreeSet<>();
    runs.values().forEach(list -> list.forEach(r -> r.forEach((k, v) -> {
      if (number(v) != null && !k.startsWith("loadavg")) {
        metrics.add(k);
      }
    })));
    StringBuilder md = new StringBuilder();
    Map<String, Object> json = new LinkedHashMap<>();
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    String machine = Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
    json.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
    json.put("machine", machine);
    json.put("options", options);
    json.put("load", load);
    md.append("# Benchmark ").append(date).append("\n\n")
        .append("Machine: ").append(machine).append("; PostgreSQL on ").append(options.get("pg"))
        .append(" (loopback). Options: ").append(options).append(".\n")
        .append("Each cell: median of ").append(options.get("reps"))
        .append(" runs [min–max]; runs alternate baseline/HITGov, each on a fresh database.\n\n")
        ;
    List<String> names = runs.keySet().stream().sorted().toList();
    boolean untuned = names.contains("hitgov-untuned");
    md.append("| metric |");
    names.forEach(n -> md.append(' ').append(n).append(" |"));
    md.append(" hitgov ÷ baseline |").append(untuned ? " hitgov ÷ hitgov-untuned |" : "").append("\n|---|");
    names.forEach(n -> md.append("---|"));
    md.append("---|").append(untuned ? "---|" : "").append('\n');
    Map<String, Object> table = new LinkedHashMap<>();
    for (String metric : metrics) {
      Map<String, Object> row = new LinkedHashMap<>();
      StringBuilder line = new StringBuilder("| ").append(metric);
      Map<String, Double> medians = new LinkedHashMap<>();
      for (String target : names) {
        List<Double> values = runs.get(target).stream().map(r -> number(r.get(metric))).filter(v -> v != null)
            .toList();
        if (values.isEmpty()) {
          line.append(" | n/a");
          continue;
        }
        double median = median(values);
        medians.put(target, median);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        row.put(target, Map.of("median", median, "min", min, "max", max, "runs", values));
        line.append(" | ").append(fmt(median)).append(" [").append(fmt(min)).append("–").append(fmt(max)).append("]");
      }
      line.append(" | ").append(ratio(row, "ratio", medians.get("hitgov"), medians.get("baseline")));
      if (untuned) {
        line.append(" | ").append(ratio(row, "ratio_to_untuned", medians.get("hitgov"), medians.get("hitgov-untuned")));
      }
      table.put(metric, row);
      md.append(line).append(" |\n");
    }
    json.put("metrics", table);
    if (!options.getOrDefault("portfolio", "").isBlank()) {
      md.append("\nThe portfolio metrics (`portfolio_*`) come from HITGov's first ").append(options.get("portfolio-reps"))
          .append(" run(s) only (`--portfolio-reps`).\n");
    }
    if (options.getOrDefault("portfolio", "").isBlank()) {
      md.append("\nNot measured in this run: the portfolio API and the stalled-project sweep (`--portfolio=1000,10000`).\n");
    }
    md.append("\n## Machine load\n\n");
    load.forEach(l -> md.append("- ").append(l).append('\n'));
    Path dir = root.resolve("bench/results");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(date + ".md"), md.toString());
    Files.writeString(dir.resolve(date + ".json"), Json.of(json));
    System.out.println(md);
  }
}
