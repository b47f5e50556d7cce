package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitgov.shared.web.ErrorClassifier;
import io.hitgov.support.HitgovSpringTest;
import io.hitgov.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bad-input suite: hundreds of refused requests against every {@code /engine-rest} start,
 * complete, submit-form and deployment path and every {@code /api} POST. Each case asserts the
 * status (a 4xx, never a 500), a JSON body with a non-empty message (naming the field or object
 * where one is at fault), no stack trace or SQL in it, and that nothing was started or written:
 * the row counts of the engine's runtime and history tables and of every HITGov table are the
 * same before and after. At the end it prints how many cases of each category ran, so CI's log
 * shows what it covered.
 */
@HitgovSpringTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSuiteTest {

  static final String PROJECT = "BAD-1";
  static final String NEW_PROJECT = "BAD-NEW-1";
  static final String UNKNOWN_PROJECT = "NOPE-404";
  static final LocalDate TODAY = LocalDate.now();
  static final String GO_LIVE = TODAY.plusDays(400).toString();
  static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final Pattern LEAK = Pattern.compile(
      "(?s).*(\\.java:\\d+\\)|\\tat [a-z]|SQLSTATE|org\\.h2\\.|org\\.apache\\.ibatis|### Error|jdbc:).*");

  static final List<String> BAD_DATES = List.of("+99999-01-01", "10000-01-01", "2028-01-01T25:99", "2028-02-30",
      "1999-12-31", "2101-01-01", "01/02/2028", "2028-1-1");
  static final List<String> INJECTIONS = List.of("x'; DROP TABLE hitgov_project;--", "${execution.getProcessEngineServices()}",
      "<script>alert(1)</script>");

  /** Categories, in the order the table prints them. */
  static final List<String> CATEGORIES = List.of("malformed JSON", "wrong types", "Camunda value types",
      "missing variables", "null values", "unknown variables", "out-of-range values", "malformed dates",
      "oversized texts and bodies", "injection strings", "unknown ids", "forged requester", "malformed models",
      "hostile models", "wrong groups", "conflicts");

  /**
   * Hostile models (scripts, reflection, external entities) that a deployment must refuse: the
   * engine-level deployment validator adds its cases here, each a file name and its content; a
   * hostile model is refused with 400 like a malformed one.
   */
  static final Map<String, String> HOSTILE_MODELS = new LinkedHashMap<>();

  static {
    ModelPolicyTest.hostileModels().forEach(arguments -> {
      Object[] values = arguments.get();
      HOSTILE_MODELS.put(String.format("%02d-%s", HOSTILE_MODELS.size() + 1, values[1]), (String) values[2]);
    });
  }

  /** One request that must be refused. */
  record Case(String category, String endpoint, String description, int status, String mentions,
      Function<Http, Http.Response> call) {}

  record Var(String name, String kind, boolean required, Object valid, int maxLength) {}

  record Start(String key, String user, List<Var> vars) {}

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired ErrorClassifier classifier;

  Http http;
  List<String> countedTables;
  String completedTaskId;
  String claimedTaskId;
  String deliverableTaskId;
  String scopeTaskId;
  String assessTaskId;
  String riskId;
  String changeRequestId;
  final Map<String, String> definitionIds = new HashMap<>();
  final Map<String, Map<String, Integer>> table = new TreeMap<>();
  final Map<String, Set<String>> endpoints = new TreeMap<>();
  final Map<String, Set<Integer>> statuses = new TreeMap<>();

  // ------------------------------------------------------------------------------------ fixtures

  @BeforeAll
  void setUp() {
    http = Http.on(port);
    IdentityService identity = engine.getIdentityService();
    if (identity.createUserQuery().userId("nogroups").count() == 0) {
      User user = identity.newUser("nogroups");
      user.setPassword("demo");
      identity.saveUser(user);
    }
    Http.Response project = http.as("paula").postJson("/api/projects", Http.json(Map.of("projectId", PROJECT,
        "projectName", "Bad input suite", "goLiveDate", GO_LIVE, "budget", 2_000_000, "sponsor", "evelyn",
        "projectManager", "maria", "vendorSelectionRequired", false)));
    assertThat(project.status()).as(project.toString()).isEqualTo(201);
    Http.Response risk = http.as("irene").postJson("/api/risks", Http.json(Map.of("projectId", PROJECT,
        "title", "Interface engine capacity", "category", "TECHNICAL", "likelihood", 2, "impact", 2)));
    assertThat(risk.status()).as(risk.toString()).isEqualTo(201);
    riskId = risk.json().get("riskId").asText();
    Http.Response change = http.as("irene").postJson("/api/change-requests", Http.json(changeBody()));
    assertThat(change.status()).as(change.toString()).isEqualTo(201);
    changeRequestId = change.json().get("changeRequestId").asText();
    Http.Response gate = http.as("sophia").postJson("/engine-rest/process-definition/key/HipaaAuditGateProcess/start",
        engineBody(Map.of("projectId", typed(PROJECT, "String"), "gateReason", typed("GO_LIVE", "String"),
            "goLiveDate", typed(GO_LIVE, "String"))));
    assertThat(gate.status()).as(gate.toString()).isEqualTo(200);

    String lifecycle = project.json().get("processInstanceId").asText();
    completedTaskId = task(lifecycle, "UserTask_AssessReadiness").getId();
    Http.Response done = http.as("maria").postJson("/engine-rest/task/" + completedTaskId + "/complete",
        engineBody(Map.of("deliverableDocumentId", typed("DOC-1", "String"),
            "deliverableSummary", typed("Readiness assessed", "String"))));
    assertThat(done.status()).as(done.toString()).isEqualTo(204);
    deliverableTaskId = task(lifecycle, "UserTask_DraftCharter").getId();
    claimedTaskId = task(risk.json().get("processInstanceId").asText(), "UserTask_AssignRiskOwner").getId();
    Http.Response claim = http.as("maria").postJson("/engine-rest/task/" + claimedTaskId + "/claim",
        "{\"userId\":\"maria\"}");
    assertThat(claim.status()).as(claim.toString()).isEqualTo(204);
    assessTaskId = task(change.json().get("processInstanceId").asText(), "UserTask_AssessImpact").getId();
    scopeTaskId = task(gate.json().get("id").asText(), "UserTask_DefineScope").getId();
    Http.Response iface = http.as("irene").postJson("/api/projects/" + PROJECT + "/interfaces", interfaceBody("LAB"));
    assertThat(iface.status()).as(iface.toString()).isEqualTo(201);
    Http.Response domain = http.as("irene").postJson("/api/projects/" + PROJECT + "/conversion-domains",
        "{\"domain\":\"allergies\",\"scope\":\"MIGRATE\"}");
    assertThat(domain.status()).as(domain.toString()).isEqualTo(201);
    for (String key : List.of("ImplementationLifecycleProcess", "RiskEscalationProcess", "ChangeRequestProcess",
        "HipaaAuditGateProcess")) {
      definitionIds.put(key, engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult().getId());
    }
    countedTables = new ArrayList<>(jdbc.queryForList("select table_name from information_schema.tables "
        + "where table_schema = 'PUBLIC' and table_type = 'BASE TABLE' and table_name not like 'ACT_%' "
        + "and lower(table_name) <> 'hitgov_schema_history'", String.class));
    assertThat(countedTables).as("HITGov's own tables").hasSizeGreaterThan(10);
    countedTables.addAll(List.of("ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB",
        "ACT_RU_IDENTITYLINK", "ACT_RE_DEPLOYMENT", "ACT_RE_PROCDEF", "ACT_RE_DECISION_DEF", "ACT_GE_BYTEARRAY",
        "ACT_HI_PROCINST", "ACT_HI_TASKINST", "ACT_HI_VARINST"));
  }

  /** The open task of that key in the instance or the processes it called (a lifecycle's phases share its business key). */
  Task task(String processInstanceId, String key) {
    String businessKey = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getBusinessKey();
    List<Task> tasks = engine.getTaskService().createTaskQuery().processInstanceBusinessKey(businessKey)
        .taskDefinitionKey(key).list();
    assertThat(tasks).as(key).hasSize(1);
    return tasks.get(0);
  }

  Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    for (String name : countedTables) {
      counts.put(name, jdbc.queryForObject("select count(*) from " + name, Long.class));
    }
    counts.put("process instances", engine.getRuntimeService().createProcessInstanceQuery().count());
    counts.put("tasks", engine.getTaskService().createTaskQuery().count());
    return counts;
  }

  // ------------------------------------------------------------------------------------ the suite

  @TestFactory
  Stream<DynamicTest> every_bad_request_is_refused_with_a_4xx_a_message_and_nothing_written() {
    List<Case> cases = cases();
    assertThat(cases).as("the suite covers at least 300 requests").hasSizeGreaterThanOrEqualTo(300);
    assertThat(cases.stream().map(Case::category).distinct()).as("every category has cases")
        .containsAll(CATEGORIES.stream().filter(c -> !c.equals("hostile models") || !HOSTILE_MODELS.isEmpty()).toList());
    return cases.stream().map(c -> DynamicTest.dynamicTest(
        "[" + c.category() + "] " + c.endpoint() + ": " + c.description(), () -> run(c)));
  }

  void run(Case c) {
    Map<String, Long> before = counts();
    Http.Response response = c.call().apply(http);
    Map<String, Long> after = counts();
    table.computeIfAbsent(c.category(), k -> new TreeMap<>()).merge("cases", 1, Integer::sum);
    endpoints.computeIfAbsent(c.category(), k -> new TreeSet<>()).add(c.endpoint());
    statuses.computeIfAbsent(c.category(), k -> new TreeSet<>()).add(response.status());
    assertThat(response.status()).as(c.description() + " -> " + shortened(response)).isEqualTo(c.status());
    JsonNode body = response.json();
    String message = body.path("message").asText(body.path("detail").asText(""));
    assertThat(message).as("a message in " + shortened(response)).isNotBlank();
    if (c.mentions() != null) {
      assertThat(response.body()).as("the message names the field or object").contains(c.mentions());
    }
    assertThat(LEAK.matcher(response.body()).matches()).as("no stack trace or SQL: " + shortened(response)).isFalse();
    assertThat(after).as("nothing started or written by " + c.description()).isEqualTo(before);
    table.get(c.category()).merge("passed", 1, Integer::sum);
  }

  @AfterAll
  void printTable() {
    StringBuilder out = new StringBuilder("\n=== Bad-input suite: refused requests by category ===\n");
    out.append(String.format("%-28s %6s %7s  %-16s %s%n", "category", "cases", "passed", "statuses", "endpoints"));
    int total = 0;
    int passed = 0;
    for (String category : CATEGORIES) {
      Map<String, Integer> row = table.getOrDefault(category, Map.of());
      total += row.getOrDefault("cases", 0);
      passed += row.getOrDefault("passed", 0);
      out.append(String.format("%-28s %6d %7d  %-16s %s%n", category, row.getOrDefault("cases", 0),
          row.getOrDefault("passed", 0), statuses.getOrDefault(category, Set.of()),
          String.join(", ", endpoints.getOrDefault(category, Set.of()))));
    }
    out.append(String.format("%-28s %6d %7d%n", "total", total, passed));
    System.out.println(out);
    try {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target/bad-input-suite.txt"), out.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------------------------ the cases

  List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Start start : starts()) {
      startCases(start, cases);
    }
    apiCreateCases(cases);
    apiActionCases(cases);
    interopCases(cases);
    taskCases(cases);
    deploymentCases(cases);
    notificationCases(cases);
    return cases;
  }

  /** The stakeholder register, the status report and the notification settings (docs/notifications.md). */
  void notificationCases(List<Case> cases) {
    String register = "/api/projects/" + PROJECT + "/stakeholders";
    String endpoint = "POST /api/projects/{id}/stakeholders";
    Map<String, Object> valid = Map.of("userId", "stella", "role", "Steering committee chair", "interest", "HIGH",
        "receives", List.of("GATE_DECISIONS"));
    Function<Map<String, Object>, Function<Http, Http.Response>> post = body -> h -> h.as("paula")
        .postJson(register, Http.json(body));
    java.util.function.BiFunction<String, Object, Map<String, Object>> with = (field, value) -> {
      Map<String, Object> body = new HashMap<>(valid);
      body.put(field, value);
      return body;
    };
    Map<String, Object> noRole = new HashMap<>(valid);
    noRole.remove("role");
    Map<String, Object> nobody = new HashMap<>(valid);
    nobody.remove("userId");
    cases.add(new Case("missing variables", endpoint, "no role", 400, "role", post.apply(noRole)));
    cases.add(new Case("missing variables", endpoint, "neither userId nor email", 400, "userId or email",
        post.apply(nobody)));
    cases.add(new Case("null values", endpoint, "role null", 400, "role", post.apply(with.apply("role", null))));
    cases.add(new Case("wrong types", endpoint, "role as a number", 400, "role", post.apply(with.apply("role", 7))));
    cases.add(new Case("wrong types", endpoint, "receives as a String", 400, "receives",
        post.apply(with.apply("receives", "STATUS_REPORT"))));
    cases.add(new Case("out-of-range values", endpoint, "interest HUGE", 400, "interest",
        post.apply(with.apply("interest", "HUGE"))));
    cases.add(new Case("out-of-range values", endpoint, "receives SPAM", 400, "receives",
        post.apply(with.apply("receives", List.of("SPAM")))));
    cases.add(new Case("out-of-range values", endpoint, "email not an address", 400, "email",
        post.apply(Map.of("email", "not-an-address", "role", "Vendor", "interest", "LOW"))));
    cases.add(new Case("unknown variables", endpoint, "patientMrn", 400, "patientMrn",
        post.apply(with.apply("patientMrn", "123456"))));
    cases.add(new Case("oversized texts and bodies", endpoint, "a 5,000-character role", 400, "role",
        post.apply(with.apply("role", "x".repeat(5000)))));
    cases.add(new Case("injection strings", endpoint, "userId with SQL", 400, "userId",
        post.apply(with.apply("userId", INJECTIONS.get(0)))));
    cases.add(new Case("unknown ids", endpoint, "an unknown user", 400, "ghost",
        post.apply(with.apply("userId", "ghost"))));
    cases.add(new Case("unknown ids", endpoint, "an unknown project", 404, UNKNOWN_PROJECT,
        h -> h.as("paula").postJson("/api/projects/" + UNKNOWN_PROJECT + "/stakeholders", Http.json(valid))));
    cases.add(new Case("wrong groups", endpoint, "by finance", 403, null,
        h -> h.as("fiona").postJson(register, Http.json(valid))));
    cases.add(new Case("malformed JSON", endpoint, "truncated JSON", 400, null,
        h -> h.as("paula").post(register, "application/json", "{\"userId\": ")));
    cases.add(new Case("unknown ids", "DELETE /api/projects/{id}/stakeholders/{stakeholderId}", "an unknown stakeholder",
        404, "SH-NOPE-1", h -> h.as("paula").delete(register + "/SH-NOPE-1")));
    cases.add(new Case("wrong groups", "DELETE /api/projects/{id}/stakeholders/{stakeholderId}", "by finance", 403,
        null, h -> h.as("fiona").delete(register + "/SH-NOPE-1")));

    String report = "GET /api/projects/{id}/status-report";
    cases.add(new Case("out-of-range values", report, "format xml", 400, "format",
        h -> h.as("paula").get("/api/projects/" + PROJECT + "/status-report?format=xml")));
    cases.add(new Case("unknown ids", report, "an unknown project", 404, UNKNOWN_PROJECT,
        h -> h.as("paula").get("/api/projects/" + UNKNOWN_PROJECT + "/status-report")));
    cases.add(new Case("wrong groups", report, "a user in no group", 403, null,
        h -> h.as("nogroups").get("/api/projects/" + PROJECT + "/status-report")));

    String settings = "/api/me/notification-settings";
    String sEndpoint = "PUT /api/me/notification-settings";
    cases.add(new Case("wrong types", sEndpoint, "digest as a String", 400, "digest",
        h -> h.as("maria").putJson(settings, Http.json(Map.of("digest", "no")))));
    cases.add(new Case("missing variables", sEndpoint, "no digest", 400, "digest",
        h -> h.as("maria").putJson(settings, "{}")));
    cases.add(new Case("null values", sEndpoint, "digest null", 400, "digest",
        h -> h.as("maria").putJson(settings, "{\"digest\": null}")));
    cases.add(new Case("unknown variables", sEndpoint, "an unknown setting", 400, "email",
        h -> h.as("maria").putJson(settings, Http.json(Map.of("digest", false, "email", "x@y.org")))));
    cases.add(new Case("malformed JSON", sEndpoint, "truncated JSON", 400, null,
        h -> h.as("maria").putJson(settings, "{\"digest\": ")));
    cases.add(new Case("wrong groups", "POST /engine-rest/process-definition/key/NotificationDeliveryProcess/start",
        "a PMO member starting a mail delivery", 403, null,
        h -> h.as("paula").postJson("/engine-rest/process-definition/key/NotificationDeliveryProcess/start",
            "{\"variables\": {\"notificationId\": {\"value\": \"NT-1\", \"type\": \"String\"}}}")));
  }

  static List<Start> starts() {
    return List.of(
        new Start("ImplementationLifecycleProcess", "paula", List.of(
            new Var("projectId", "id", true, NEW_PROJECT, 64),
            new Var("projectName", "string", true, "A new EHR module", 200),
            new Var("goLiveDate", "date", true, GO_LIVE, 10),
            new Var("budget", "long", true, 1_000_000L, 0),
            new Var("sponsor", "id", true, "evelyn", 64),
            new Var("projectManager", "id", true, "maria", 64),
            new Var("vendorSelectionRequired", "boolean", true, false, 0))),
        new Start("RiskEscalationProcess", "irene", List.of(
            new Var("projectId", "id", true, PROJECT, 64),
            new Var("title", "string", true, "Lab interface backlog", 300),
            new Var("category", "enum", true, "TECHNICAL", 0),
            new Var("likelihood", "integer", true, 2, 0),
            new Var("impact", "integer", true, 2, 0),
            new Var("owner", "id", false, "mike", 64),
            new Var("healthItSafetyEvent", "boolean", false, false, 0),
            new Var("proximityDate", "date", false, TODAY.plusDays(30).toString(), 10))),
        new Start("ChangeRequestProcess", "irene", List.of(
            new Var("projectId", "id", true, PROJECT, 64),
            new Var("title", "string", true, "Add a lab order panel", 300),
            new Var("changeType", "enum", true, "NORMAL", 0),
            new Var("costImpact", "long", true, 1_000L, 0),
            new Var("scheduleImpactDays", "integer", true, 0, 0),
            new Var("movesGoLive", "boolean", true, false, 0),
            new Var("clinicalContentImpact", "boolean", true, false, 0),
            new Var("patientSafetyImpact", "boolean", true, false, 0),
            new Var("phiImpact", "boolean", true, false, 0),
            new Var("interfaceImpact", "boolean", true, false, 0),
            new Var("newGoLiveDate", "date", false, null, 10),
            new Var("justification", "string", false, "Clinicians asked for it", 2000))),
        new Start("HipaaAuditGateProcess", "sophia", List.of(
            new Var("projectId", "id", true, PROJECT, 64),
            new Var("gateReason", "enum", false, "GO_LIVE", 0),
            new Var("goLiveDate", "date", false, GO_LIVE, 10))));
  }

  /** The valid start variables of a process as name -> plain value. */
  static Map<String, Object> plain(Start start) {
    Map<String, Object> values = new LinkedHashMap<>();
    start.vars().forEach(v -> {
      if (v.valid() != null) {
        values.put(v.name(), v.valid());
      }
    });
    return values;
  }

  static String camundaType(Object value) {
    if (value instanceof Boolean) {
      return "Boolean";
    }
    if (value instanceof Long) {
      return "Long";
    }
    if (value instanceof Integer) {
      return "Integer";
    }
    return "String";
  }

  /** Plain values as Camunda typed values (each its own Camunda type). */
  static Map<String, Object> typedAll(Map<String, Object> values) {
    Map<String, Object> typed = new LinkedHashMap<>();
    values.forEach((name, value) -> typed.put(name, value instanceof Map<?, ?> already && already.containsKey("type")
        ? value : typed(value, value == null ? "Null" : camundaType(value))));
    return typed;
  }

  static Map<String, Object> typed(Object value, String type) {
    Map<String, Object> typed = new LinkedHashMap<>();
    typed.put("value", value);
    typed.put("type", type);
    return typed;
  }

  static String engineBody(Map<String, Object> typedVariables) {
    return Http.json(Map.of("variables", typedVariables));
  }

  static Map<String, Object> changeBody() {
    return new LinkedHashMap<>(Map.of("projectId", PROJECT, "title", "Add a lab order panel", "changeType", "NORMAL",
        "costImpact", 1_000, "scheduleImpactDays", 0, "movesGoLive", false, "clinicalContentImpact", false,
        "patientSafetyImpact", false, "phiImpact", false, "interfaceImpact", false));
  }

  /** The variable mutations of one start contract, each with the field it must name. */
  record Mutation(String category, String description, String mentions, Map<String, Object> plainValues,
      Map<String, Object> typedOverride) {}

  List<Mutation> mutations(Start start) {
    List<Mutation> mutations = new ArrayList<>();
    Map<String, Object> valid = plain(start);
    for (Var v : start.vars()) {
      if (v.required()) {
        Map<String, Object> missing = new LinkedHashMap<>(valid);
        missing.remove(v.name());
        mutations.add(new Mutation("missing variables", v.name() + " missing", v.name(), missing, null));
        Map<String, Object> nulled = new LinkedHashMap<>(valid);
        nulled.put(v.name(), null);
        mutations.add(new Mutation("null values", v.name() + " null", v.name(), nulled, null));
      }
      Object wrong = switch (v.kind()) {
        case "integer" -> "two";
        case "long" -> true;
        case "boolean" -> "yes";
        default -> 7;
      };
      Map<String, Object> wrongType = new LinkedHashMap<>(valid);
      wrongType.put(v.name(), wrong);
      mutations.add(new Mutation("wrong types", v.name() + " = " + wrong, v.name(), wrongType, null));
      if (v.kind().equals("string")) {
        for (int length : List.of(v.maxLength() + 1, 5_000)) {
          Map<String, Object> longText = new LinkedHashMap<>(valid);
          longText.put(v.name(), "x".repeat(length));
          mutations.add(new Mutation("oversized texts and bodies", v.name() + " of " + length + " characters",
              v.name(), longText, null));
        }
      }
      if (v.kind().equals("date")) {
        for (String date : BAD_DATES) {
          Map<String, Object> badDate = new LinkedHashMap<>(valid);
          badDate.put(v.name(), date);
          mutations.add(new Mutation("malformed dates", v.name() + " = " + date, v.name(), badDate, null));
        }
      }
      if (v.kind().equals("id") || v.kind().equals("enum")) {
        for (String injection : INJECTIONS) {
          Map<String, Object> injected = new LinkedHashMap<>(valid);
          injected.put(v.name(), injection);
          mutations.add(new Mutation("injection strings", v.name() + " = " + injection, v.name(), injected, null));
        }
      }
      if (v.kind().equals("integer")) {
        for (Object number : v.name().equals("scheduleImpactDays") ? List.of(501, -501, 2_147_483_648L)
            : List.of(0, 6, -1, 2_147_483_648L)) {
          Map<String, Object> range = new LinkedHashMap<>(valid);
          range.put(v.name(), number);
          mutations.add(new Mutation("out-of-range values", v.name() + " = " + number, v.name(), range, null));
        }
      }
    }
    Map<String, Object> unknown = new LinkedHashMap<>(valid);
    unknown.put("patientMrn", "123456");
    mutations.add(new Mutation("unknown variables", "patientMrn (PHI) added", "patientMrn", unknown, null));
    Map<String, Object> forged = new LinkedHashMap<>(valid);
    forged.put(start.key().equals("ChangeRequestProcess") ? "requester" : "raisedBy", "evelyn");
    mutations.add(new Mutation("forged requester", "requester set by the client", null, forged, null));
    if (!start.key().equals("ImplementationLifecycleProcess")) {
      Map<String, Object> unknownProject = new LinkedHashMap<>(valid);
      unknownProject.put("projectId", UNKNOWN_PROJECT);
      mutations.add(new Mutation("unknown ids", "projectId of no project", "projectId", unknownProject, null));
    }
    return mutations;
  }

  /** Camunda value types a client may declare for a String variable; all are refused. */
  static List<Map<String, Object>> hostileValueTypes() {
    List<Map<String, Object>> values = new ArrayList<>();
    values.add(typed("<a/>", "Xml"));
    values.add(typed("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>", "Xml"));
    Map<String, Object> object = typed("{}", "Object");
    object.put("valueInfo", Map.of("objectTypeName", "java.util.HashMap", "serializationDataFormat", "application/json"));
    values.add(object);
    Map<String, Object> processBuilder = typed("{\"command\":[\"id\"]}", "Object");
    processBuilder.put("valueInfo", Map.of("objectTypeName", "java.lang.ProcessBuilder",
        "serializationDataFormat", "application/json"));
    values.add(processBuilder);
    Map<String, Object> javaSerialized = typed("rO0ABXQAA2FiYw==", "Object");
    javaSerialized.put("valueInfo", Map.of("objectTypeName", "java.lang.String",
        "serializationDataFormat", "application/x-java-serialized-object"));
    values.add(javaSerialized);
    values.add(typed("{not json", "Json"));
    values.add(typed("{\"a\":1}", "Json"));
    values.add(typed("AAAA", "Bytes"));
    Map<String, Object> file = typed(Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)), "File");
    file.put("valueInfo", Map.of("filename", "x.txt"));
    values.add(file);
    values.add(typed("2028-01-01T00:00:00.000+0000", "Date"));
    values.add(typed("not a date", "Date"));
    values.add(typed("abc", "Integer"));
    values.add(typed("1e99", "Long"));
    values.add(typed(99_999, "Short"));
    values.add(typed("NaN", "Double"));
    values.add(typed("x", "NoSuchType"));
    values.add(typed(List.of("array"), "String"));
    values.add(typed(Map.of("nested", "object"), "String"));
    return values;
  }

  void startCases(Start start, List<Case> cases) {
    String key = start.key();
    String id = definitionIds.get(key);
    Map<String, String> paths = new LinkedHashMap<>();
    paths.put("/engine-rest/process-definition/key/" + key + "/start", "key/{key}/start");
    paths.put("/engine-rest/process-definition/key/" + key + "/submit-form", "key/{key}/submit-form");
    paths.put("/engine-rest/process-definition/" + id + "/start", "{id}/start");
    paths.put("/engine-rest/process-definition/" + id + "/submit-form", "{id}/submit-form");
    List<Mutation> mutations = mutations(start);
    // every mutation on key/{key}/start; the other three start paths share its code: one of each category there
    Map<String, Mutation> onePerCategory = new LinkedHashMap<>();
    mutations.forEach(m -> onePerCategory.putIfAbsent(m.category(), m));
    paths.forEach((path, label) -> {
      String endpoint = "/engine-rest/process-definition/" + label;
      for (Mutation m : label.equals("key/{key}/start") ? mutations : List.copyOf(onePerCategory.values())) {
        String body = engineBody(typedAll(m.plainValues()));
        cases.add(new Case(m.category(), endpoint, key + ": " + m.description(), 400, m.mentions(),
            h -> h.as(start.user()).postJson(path, body)));
      }
      bodyCases(cases, endpoint, key, path, start.user());
    });
    // Camunda value types on the first String-like variable, by key (start and submit-form)
    Var first = start.vars().get(0);
    for (String path : List.of("/engine-rest/process-definition/key/" + key + "/start",
        "/engine-rest/process-definition/key/" + key + "/submit-form")) {
      String endpoint = path.endsWith("start") ? "/engine-rest/process-definition/key/{key}/start"
          : "/engine-rest/process-definition/key/{key}/submit-form";
      for (Map<String, Object> value : hostileValueTypes()) {
        Map<String, Object> variables = typedAll(plain(start));
        variables.put(first.name(), value);
        String body = engineBody(variables);
        cases.add(new Case("Camunda value types", endpoint, key + ": " + first.name() + " as " + value.get("type")
            + " " + shortened(String.valueOf(value.get("value"))), 400, null, h -> h.as(start.user()).postJson(path, body)));
      }
    }
    // who may start: a group without the start right, a user without groups
    String path = "/engine-rest/process-definition/key/" + key + "/start";
    String validBody = engineBody(typedAll(plain(start)));
    // fiona may read the definition but not start it (403); a user in no group cannot even see it (404)
    String outsider = key.equals("ImplementationLifecycleProcess") || key.equals("HipaaAuditGateProcess") ? "fiona" : "nogroups";
    cases.add(new Case("wrong groups", "/engine-rest/process-definition/key/{key}/start", key + " started by " + outsider,
        outsider.equals("fiona") ? 403 : 404, null, h -> h.as(outsider).postJson(path, validBody)));
    cases.add(new Case("wrong groups", "/engine-rest/process-definition/{id}/start", key + " started by nogroups",
        403, null, h -> h.as("nogroups").postJson("/engine-rest/process-definition/" + id + "/start", validBody)));
  }

  /** Bodies that are not the expected JSON at all. */
  void bodyCases(List<Case> cases, String endpoint, String key, String path, String user) {
    Map<String, String> malformed = new LinkedHashMap<>();
    malformed.put("truncated JSON", "{\"variables\": {");
    malformed.put("a JSON array", "[]");
    malformed.put("a JSON string", "\"start\"");
    malformed.put("variables as an array", "{\"variables\": []}");
    malformed.put("a variable that is not an object", "{\"variables\": {\"projectId\": \"BAD-1\"}}");
    malformed.forEach((what, body) -> cases.add(new Case("malformed JSON", endpoint, key + ": " + what, 400, null,
        h -> h.as(user).postJson(path, body))));
    cases.add(new Case("malformed JSON", endpoint, key + ": text/plain body", 415, null,
        h -> h.as(user).post(path, "text/plain", "projectId=BAD-1")));
  }

  void apiCreateCases(List<Case> cases) {
    Map<String, String> creates = Map.of("ImplementationLifecycleProcess", "/api/projects",
        "RiskEscalationProcess", "/api/risks", "ChangeRequestProcess", "/api/change-requests");
    for (Start start : starts()) {
      String path = creates.get(start.key());
      if (path == null) {
        continue;
      }
      for (Mutation m : mutations(start)) {
        String body = Http.json(m.plainValues());
        cases.add(new Case(m.category(), "POST " + path, m.description(), 400, m.mentions(),
            h -> h.as(start.user()).postJson(path, body)));
      }
      Map<String, String> malformed = new LinkedHashMap<>();
      malformed.put("truncated JSON", "{\"projectId\": ");
      malformed.put("a JSON array", "[1, 2]");
      malformed.put("an empty body", "");
      malformed.put("trailing garbage", "{\"projectId\": \"BAD-1\"} x");
      malformed.forEach((what, body) -> cases.add(new Case("malformed JSON", "POST " + path, what, 400, null,
          h -> h.as(start.user()).postJson(path, body))));
      cases.add(new Case("malformed JSON", "POST " + path, "text/plain body", 415, null,
          h -> h.as(start.user()).post(path, "text/plain", "x")));
      Map<String, Object> huge = new LinkedHashMap<>(plain(start));
      for (int i = 0; i < 200; i++) {
        huge.put("field" + i, "y".repeat(10_000));
      }
      String hugeBody = Http.json(huge);
      cases.add(new Case("oversized texts and bodies", "POST " + path, "a 2 MB body of unknown fields", 400, "field",
          h -> h.as(start.user()).postJson(path, hugeBody)));
      Map<String, Object> nested = new LinkedHashMap<>(plain(start));
      nested.put(start.vars().get(1).name(), Map.of("$where", "1 == 1"));
      String nestedBody = Http.json(nested);
      cases.add(new Case("wrong types", "POST " + path, "an object where a value belongs", 400, start.vars().get(1).name(),
          h -> h.as(start.user()).postJson(path, nestedBody)));
      String valid = Http.json(plain(start));
      String outsider = path.equals("/api/projects") ? "fiona" : "nogroups";
      cases.add(new Case("wrong groups", "POST " + path, "by " + outsider, 403, null,
          h -> h.as(outsider).postJson(path, valid)));
    }
    Map<String, Object> forgedChange = changeBody();
    forgedChange.put("requester", "evelyn");
    String forgedBody = Http.json(forgedChange);
    cases.add(new Case("forged requester", "POST /api/change-requests", "requester in the body", 400, "requester",
        h -> h.as("irene").postJson("/api/change-requests", forgedBody)));
  }

  void apiActionCases(List<Case> cases) {
    // go-live moves
    String goLive = "/api/projects/" + PROJECT + "/go-live-date";
    String endpoint = "POST /api/projects/{id}/go-live-date";
    for (String date : BAD_DATES) {
      String body = Http.json(Map.of("newGoLiveDate", date, "reason", "re-baseline"));
      cases.add(new Case("malformed dates", endpoint, "newGoLiveDate " + date, 400, "newGoLiveDate",
          h -> h.as("paula").postJson(goLive, body)));
    }
    cases.add(new Case("out-of-range values", endpoint, "a date in the past", 400, "newGoLiveDate",
        h -> h.as("paula").postJson(goLive, Http.json(Map.of("newGoLiveDate", TODAY.minusDays(3).toString())))));
    cases.add(new Case("missing variables", endpoint, "no date", 400, "newGoLiveDate",
        h -> h.as("paula").postJson(goLive, "{}")));
    cases.add(new Case("null values", endpoint, "date null", 400, "newGoLiveDate",
        h -> h.as("paula").postJson(goLive, "{\"newGoLiveDate\": null}")));
    cases.add(new Case("wrong types", endpoint, "date as a number", 400, "newGoLiveDate",
        h -> h.as("paula").postJson(goLive, "{\"newGoLiveDate\": 20280101}")));
    cases.add(new Case("wrong types", endpoint, "reason as a number", 400, "reason",
        h -> h.as("paula").postJson(goLive, Http.json(Map.of("newGoLiveDate", TODAY.plusDays(500).toString(), "reason", 5)))));
    cases.add(new Case("oversized texts and bodies", endpoint, "a 5,000-character reason", 400, "1000",
        h -> h.as("paula").postJson(goLive, Http.json(Map.of("newGoLiveDate", TODAY.plusDays(500).toString(),
            "reason", "r".repeat(5_000))))));
    cases.add(new Case("unknown variables", endpoint, "an unknown field", 400, "goLiveDate",
        h -> h.as("paula").postJson(goLive, Http.json(Map.of("newGoLiveDate", TODAY.plusDays(500).toString(),
            "goLiveDate", TODAY.plusDays(500).toString())))));
    cases.add(new Case("unknown ids", endpoint, "an unknown project", 404, UNKNOWN_PROJECT,
        h -> h.as("paula").postJson("/api/projects/" + UNKNOWN_PROJECT + "/go-live-date",
            Http.json(Map.of("newGoLiveDate", TODAY.plusDays(500).toString())))));
    cases.add(new Case("wrong groups", endpoint, "by a project manager", 403, null,
        h -> h.as("maria").postJson(goLive, Http.json(Map.of("newGoLiveDate", TODAY.plusDays(500).toString())))));
    cases.add(new Case("malformed JSON", endpoint, "truncated JSON", 400, null,
        h -> h.as("paula").postJson(goLive, "{\"newGoLiveDate\":")));

    // material changes
    String material = "/api/projects/" + PROJECT + "/hipaa-gate/material-change";
    String mEndpoint = "POST /api/projects/{id}/hipaa-gate/material-change";
    cases.add(new Case("unknown ids", mEndpoint, "an unknown project", 404, UNKNOWN_PROJECT,
        h -> h.as("paula").postJson("/api/projects/" + UNKNOWN_PROJECT + "/hipaa-gate/material-change",
            Http.json(Map.of("reason", "new interface")))));
    cases.add(new Case("missing variables", mEndpoint, "no reason", 400, "reason", h -> h.as("paula").postJson(material, "{}")));
    cases.add(new Case("null values", mEndpoint, "reason null", 400, "reason",
        h -> h.as("paula").postJson(material, "{\"reason\": null}")));
    cases.add(new Case("wrong types", mEndpoint, "reason as a list", 400, "reason",
        h -> h.as("paula").postJson(material, "{\"reason\": [\"a\"]}")));
    cases.add(new Case("oversized texts and bodies", mEndpoint, "a 5,000-character reason", 400, "reason",
        h -> h.as("paula").postJson(material, Http.json(Map.of("reason", "m".repeat(5_000))))));
    cases.add(new Case("unknown variables", mEndpoint, "an unknown field", 400, "gateId",
        h -> h.as("paula").postJson(material, Http.json(Map.of("reason", "new interface", "gateId", "HIPAA-X")))));
    cases.add(new Case("wrong groups", mEndpoint, "by a project manager", 403, null,
        h -> h.as("maria").postJson(material, Http.json(Map.of("reason", "new interface")))));
    cases.add(new Case("malformed JSON", mEndpoint, "a JSON array", 400, null, h -> h.as("paula").postJson(material, "[]")));

    // gate-hold releases
    String release = "/api/risks/" + riskId + "/gate-holds/release";
    String rEndpoint = "POST /api/risks/{id}/gate-holds/release";
    cases.add(new Case("unknown ids", rEndpoint, "an unknown risk", 404, "RISK-NOPE-1",
        h -> h.as("pat").postJson("/api/risks/RISK-NOPE-1/gate-holds/release", Http.json(Map.of("reason", "x")))));
    cases.add(new Case("missing variables", rEndpoint, "no reason", 400, "reason", h -> h.as("pat").postJson(release, "{}")));
    cases.add(new Case("wrong types", rEndpoint, "reason as a number", 400, "reason",
        h -> h.as("pat").postJson(release, "{\"reason\": 12}")));
    cases.add(new Case("oversized texts and bodies", rEndpoint, "a 5,000-character reason", 400, "reason",
        h -> h.as("pat").postJson(release, Http.json(Map.of("reason", "q".repeat(5_000))))));
    cases.add(new Case("unknown variables", rEndpoint, "an unknown field", 400, "gate",
        h -> h.as("pat").postJson(release, Http.json(Map.of("reason", "x", "gate", "G6")))));
    cases.add(new Case("conflicts", rEndpoint, "the risk is still open", 400, riskId,
        h -> h.as("pat").postJson(release, Http.json(Map.of("reason", "released")))));
    cases.add(new Case("wrong groups", rEndpoint, "by finance", 403, null,
        h -> h.as("fiona").postJson(release, Http.json(Map.of("reason", "x")))));

    // change approvals
    String approvals = "/api/change-requests/" + changeRequestId + "/approvals";
    String aEndpoint = "POST /api/change-requests/{id}/approvals";
    cases.add(new Case("unknown ids", aEndpoint, "an unknown change request", 404, "CR-NOPE-1",
        h -> h.as("maria").postJson("/api/change-requests/CR-NOPE-1/approvals", Http.json(Map.of("approved", true)))));
    cases.add(new Case("missing variables", aEndpoint, "no decision", 400, "approved", h -> h.as("maria").postJson(approvals, "{}")));
    cases.add(new Case("wrong types", aEndpoint, "approved as text", 400, "approved",
        h -> h.as("maria").postJson(approvals, "{\"approved\": \"yes\"}")));
    cases.add(new Case("wrong types", aEndpoint, "comment as a number", 400, "decisionComment",
        h -> h.as("maria").postJson(approvals, "{\"approved\": true, \"decisionComment\": 4}")));
    cases.add(new Case("forged requester", aEndpoint, "approver named in the body", 400, "approver",
        h -> h.as("maria").postJson(approvals, Http.json(Map.of("approved", true, "approver", "evelyn")))));
    cases.add(new Case("wrong groups", aEndpoint, "a user in no group", 403, "no group",
        h -> h.as("nogroups").postJson(approvals, Http.json(Map.of("approved", true)))));
    cases.add(new Case("wrong groups", aEndpoint, "a group with no open approval", 403, changeRequestId,
        h -> h.as("fiona").postJson(approvals, Http.json(Map.of("approved", true)))));
    cases.add(new Case("malformed JSON", aEndpoint, "truncated JSON", 400, null,
        h -> h.as("maria").postJson(approvals, "{\"approved\"")));
  }

  static String interfaceBody(String interfaceId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("interfaceId", interfaceId);
    body.put("name", "Lab results");
    body.put("sourceSystem", "LIS");
    body.put("targetSystem", "EHR");
    body.put("direction", "INBOUND");
    body.put("standard", "HL7V2");
    body.put("version", "2.5.1");
    body.put("messageTypes", List.of("ORU^R01"));
    body.put("goLiveCritical", true);
    return Http.json(body);
  }

  /** The interface inventory, test-message uploads and conversion records (io.hitgov.interop). */
  void interopCases(List<Case> cases) {
    String interfaces = "/api/projects/" + PROJECT + "/interfaces";
    String iEndpoint = "POST /api/projects/{id}/interfaces";
    String fresh = interfaceBody("NEW-IF");
    cases.add(new Case("malformed JSON", iEndpoint, "truncated JSON", 400, null,
        h -> h.as("irene").postJson(interfaces, "{\"interfaceId\":")));
    cases.add(new Case("wrong types", iEndpoint, "goLiveCritical as text", 400, "goLiveCritical",
        h -> h.as("irene").postJson(interfaces, fresh.replace("\"goLiveCritical\":true", "\"goLiveCritical\":\"yes\""))));
    cases.add(new Case("wrong types", iEndpoint, "messageTypes as text", 400, "messageTypes",
        h -> h.as("irene").postJson(interfaces, fresh.replace("[\"ORU^R01\"]", "\"ORU^R01\""))));
    cases.add(new Case("missing variables", iEndpoint, "no interfaceId", 400, "interfaceId",
        h -> h.as("irene").postJson(interfaces, fresh.replace("\"interfaceId\":\"NEW-IF\",", ""))));
    cases.add(new Case("null values", iEndpoint, "name null", 400, "name",
        h -> h.as("irene").postJson(interfaces, fresh.replace("\"Lab results\"", "null"))));
    cases.add(new Case("unknown variables", iEndpoint, "an unknown field", 400, "patientName",
        h -> h.as("irene").postJson(interfaces, fresh.replace("{", "{\"patientName\":\"x\","))));
    cases.add(new Case("out-of-range values", iEndpoint, "unsupported version", 400, "version",
        h -> h.as("irene").postJson(interfaces, fresh.replace("2.5.1", "2.3"))));
    cases.add(new Case("out-of-range values", iEndpoint, "a malformed message type", 400, "messageTypes",
        h -> h.as("irene").postJson(interfaces, fresh.replace("ORU^R01", "ORU-R01"))));
    cases.add(new Case("oversized texts and bodies", iEndpoint, "a 5,000-character name", 400, "name",
        h -> h.as("irene").postJson(interfaces, fresh.replace("Lab results", "n".repeat(5_000)))));
    cases.add(new Case("injection strings", iEndpoint, "interfaceId with SQL", 400, "interfaceId",
        h -> h.as("irene").postJson(interfaces, fresh.replace("NEW-IF", "x'; DROP TABLE interop_interface;--"))));
    cases.add(new Case("unknown ids", iEndpoint, "an unknown project", 404, UNKNOWN_PROJECT,
        h -> h.as("irene").postJson("/api/projects/" + UNKNOWN_PROJECT + "/interfaces", fresh)));
    cases.add(new Case("wrong groups", iEndpoint, "by finance", 403, null,
        h -> h.as("fiona").postJson(interfaces, fresh)));
    cases.add(new Case("conflicts", iEndpoint, "registered twice", 409, "LAB",
        h -> h.as("irene").postJson(interfaces, interfaceBody("LAB"))));

    String upload = interfaces + "/LAB/test-messages";
    String uEndpoint = "POST /api/projects/{id}/interfaces/{id}/test-messages";
    String message = "MSH|^~\\&|LIS|H|EHR|H|20260301||ORU^R01|1|T|2.5.1";
    cases.add(new Case("malformed JSON", uEndpoint, "truncated JSON", 400, null,
        h -> h.as("irene").postJson(upload, "{\"round\":")));
    cases.add(new Case("malformed JSON", uEndpoint, "a JSON array", 400, null, h -> h.as("irene").postJson(upload, "[]")));
    cases.add(new Case("wrong types", uEndpoint, "messages as text", 400, "messages",
        h -> h.as("irene").postJson(upload, Http.json(Map.of("round", "r1", "messages", message)))));
    cases.add(new Case("wrong types", uEndpoint, "a message as a number", 400, "messages[0]",
        h -> h.as("irene").postJson(upload, Http.json(Map.of("round", "r1", "messages", List.of(5))))));
    cases.add(new Case("missing variables", uEndpoint, "no round", 400, "round",
        h -> h.as("irene").postJson(upload, Http.json(Map.of("messages", List.of(message))))));
    cases.add(new Case("null values", uEndpoint, "messages null", 400, "messages",
        h -> h.as("irene").postJson(upload, "{\"round\":\"r1\",\"messages\":null}")));
    cases.add(new Case("unknown variables", uEndpoint, "an unknown field", 400, "patientName",
        h -> h.as("irene").postJson(upload, Http.json(Map.of("round", "r1", "messages", List.of(message),
            "patientName", "x")))));
    cases.add(new Case("out-of-range values", uEndpoint, "an unknown environment", 400, "environment",
        h -> h.as("irene").postJson(upload, Http.json(Map.of("round", "r1", "environment", "STAGING",
            "messages", List.of(message))))));
    cases.add(new Case("oversized texts and bodies", uEndpoint, "501 messages", 413, "500",
        h -> h.as("irene").postJson(upload, Http.json(Map.of("round", "r1",
            "messages", java.util.Collections.nCopies(501, message))))));
    cases.add(new Case("oversized texts and bodies", uEndpoint, "a binary upload", 415, "binary",
        h -> h.as("irene").post(upload, "application/octet-stream", "PK\u0003\u0004")));
    cases.add(new Case("injection strings", uEndpoint, "a message with control characters", 400, "messages[0]",
        h -> h.as("irene").postJson(upload, Http.json(Map.of("round", "r1", "messages", List.of("MSH|\u0000"))))));
    cases.add(new Case("unknown ids", uEndpoint, "an unknown interface", 404, "NOPE",
        h -> h.as("irene").postJson(interfaces + "/NOPE/test-messages",
            Http.json(Map.of("round", "r1", "messages", List.of(message))))));
    cases.add(new Case("wrong groups", uEndpoint, "by the PMO", 403, null,
        h -> h.as("paula").postJson(upload, Http.json(Map.of("round", "r1", "messages", List.of(message))))));

    String loads = "/api/projects/" + PROJECT + "/conversion-domains/allergies/trial-loads";
    String lEndpoint = "POST /api/projects/{id}/conversion-domains/{domain}/trial-loads";
    String load = "{\"loadName\":\"t1\",\"sourceCount\":10,\"targetCount\":10,\"sourceChecksum\":\"a\","
        + "\"targetChecksum\":\"a\"}";
    cases.add(new Case("wrong types", lEndpoint, "sourceCount as text", 400, "sourceCount",
        h -> h.as("irene").postJson(loads, load.replace("\"sourceCount\":10", "\"sourceCount\":\"ten\""))));
    cases.add(new Case("out-of-range values", lEndpoint, "a negative count", 400, "targetCount",
        h -> h.as("irene").postJson(loads, load.replace("\"targetCount\":10", "\"targetCount\":-1"))));
    cases.add(new Case("missing variables", lEndpoint, "no checksum", 400, "sourceChecksum",
        h -> h.as("irene").postJson(loads, load.replace("\"sourceChecksum\":\"a\",", ""))));
    cases.add(new Case("unknown ids", lEndpoint, "an unknown domain", 404, "nope",
        h -> h.as("irene").postJson("/api/projects/" + PROJECT + "/conversion-domains/nope/trial-loads", load)));
    cases.add(new Case("wrong groups", lEndpoint, "by finance", 403, null, h -> h.as("fiona").postJson(loads, load)));
    String review = "/api/projects/" + PROJECT + "/conversion-domains/allergies/sample-review";
    String sEndpoint = "POST /api/projects/{id}/conversion-domains/{domain}/sample-review";
    cases.add(new Case("wrong groups", sEndpoint, "by a project manager", 403, null,
        h -> h.as("maria").postJson(review, "{\"passed\":true,\"goldenPatients\":5}")));
    cases.add(new Case("conflicts", sEndpoint, "no trial load to review", 400, "trial load",
        h -> h.as("carla").postJson(review, "{\"passed\":true,\"goldenPatients\":5}")));
  }

  /** Completions, form submissions and task actions on live, claimed, completed and unknown tasks. */
  void taskCases(List<Case> cases) {
    Map<String, String> live = new LinkedHashMap<>();
    live.put("deliverable", deliverableTaskId);
    live.put("HIPAA scope", scopeTaskId);
    live.put("impact assessment", assessTaskId);
    live.put("risk owner (claimed by maria)", claimedTaskId);
    Map<String, String> users = Map.of("deliverable", "maria", "HIPAA scope", "sophia", "impact assessment", "maria",
        "risk owner (claimed by maria)", "maria");
    Map<String, Map<String, Object>> valid = new LinkedHashMap<>();
    valid.put("deliverable", new LinkedHashMap<>(Map.of("deliverableDocumentId", "DOC-2", "deliverableSummary", "Charter")));
    valid.put("HIPAA scope", new LinkedHashMap<>(Map.of("scopeSystems", "EHR", "scopeHosting", "on premises",
        "scopeDataFlows", "ADT to lab")));
    valid.put("impact assessment", new LinkedHashMap<>(Map.of("scopeChange", "NONE", "changeRisk", "LOW",
        "implementationPlan", "deploy", "backoutPlan", "roll back")));
    valid.put("risk owner (claimed by maria)", new LinkedHashMap<>(Map.of("owner", "mike")));
    Map<String, String> requiredText = Map.of("deliverable", "deliverableSummary", "HIPAA scope", "scopeSystems",
        "impact assessment", "implementationPlan", "risk owner (claimed by maria)", "owner");

    for (String action : List.of("complete", "submit-form")) {
      String endpoint = "/engine-rest/task/{id}/" + action;
      live.forEach((name, taskId) -> {
        String path = "/engine-rest/task/" + taskId + "/" + action;
        String user = users.get(name);
        Map<String, Object> ok = valid.get(name);
        String field = requiredText.get(name);
        for (String forged : List.of("requester", "projectId", "approved")) {
          Map<String, Object> v = new LinkedHashMap<>(ok);
          v.put(forged, "evelyn");
          cases.add(new Case("forged requester", endpoint, name + ": " + forged + " set by the client", 400, forged,
              h -> h.as(user).postJson(path, engineBody(typedAll(v)))));
        }
        // the same task through the named engine's path, which Camunda serves as well
        Map<String, Object> forgedProject = new LinkedHashMap<>(ok);
        forgedProject.put("projectId", "EHR-OTHER-1");
        cases.add(new Case("forged requester", "/engine-rest/engine/default/task/{id}/" + action,
            name + ": projectId set by the client", 400, "projectId",
            h -> h.as(user).postJson("/engine-rest/engine/default/task/" + taskId + "/" + action,
                engineBody(typedAll(forgedProject)))));
        Map<String, Object> unknown = new LinkedHashMap<>(ok);
        unknown.put("patientMrn", "123");
        cases.add(new Case("unknown variables", endpoint, name + ": patientMrn", 400, "patientMrn",
            h -> h.as(user).postJson(path, engineBody(typedAll(unknown)))));
        Map<String, Object> missing = new LinkedHashMap<>(ok);
        missing.remove(field);
        cases.add(new Case("missing variables", endpoint, name + ": " + field + " missing", 400, field,
            h -> h.as(user).postJson(path, engineBody(typedAll(missing)))));
        Map<String, Object> nulled = typedAll(ok);
        nulled.put(field, typed(null, "String"));
        cases.add(new Case("null values", endpoint, name + ": " + field + " null", 400, field,
            h -> h.as(user).postJson(path, engineBody(nulled))));
        Map<String, Object> wrong = typedAll(ok);
        wrong.put(field, typed(42, "Integer"));
        cases.add(new Case("wrong types", endpoint, name + ": " + field + " as Integer", 400, field,
            h -> h.as(user).postJson(path, engineBody(wrong))));
        for (int length : List.of(5_000, 100_000)) {
          Map<String, Object> longText = new LinkedHashMap<>(ok);
          longText.put(field, "z".repeat(length));
          cases.add(new Case("oversized texts and bodies", endpoint, name + ": " + field + " of " + length + " characters",
              400, field, h -> h.as(user).postJson(path, engineBody(typedAll(longText)))));
        }
        for (Map<String, Object> value : hostileValueTypes().subList(0, 8)) {
          Map<String, Object> typedValues = typedAll(ok);
          typedValues.put(field, value);
          cases.add(new Case("Camunda value types", endpoint, name + ": " + field + " as " + value.get("type"), 400, null,
              h -> h.as(user).postJson(path, engineBody(typedValues))));
        }
        cases.add(new Case("malformed JSON", endpoint, name + ": truncated JSON", 400, null,
            h -> h.as(user).postJson(path, "{\"variables\": {\"x\"")));
        cases.add(new Case("wrong groups", endpoint, name + " by finance", 403, null,
            h -> h.as("fiona").postJson(path, engineBody(typedAll(ok)))));
      });
      // HIPAA scope: the material-change date
      String scopePath = "/engine-rest/task/" + scopeTaskId + "/" + action;
      for (String date : BAD_DATES) {
        Map<String, Object> v = new LinkedHashMap<>(valid.get("HIPAA scope"));
        v.put("lastMaterialChangeDate", date);
        cases.add(new Case("malformed dates", endpoint, "HIPAA scope: lastMaterialChangeDate " + date, 400,
            "lastMaterialChangeDate", h -> h.as("sophia").postJson(scopePath, engineBody(typedAll(v)))));
      }
      // impact assessment: enums and numbers
      String assessPath = "/engine-rest/task/" + assessTaskId + "/" + action;
      Map<String, Object> badScope = new LinkedHashMap<>(valid.get("impact assessment"));
      badScope.put("scopeChange", "HUGE");
      cases.add(new Case("out-of-range values", endpoint, "impact assessment: scopeChange HUGE", 400, "scopeChange",
          h -> h.as("maria").postJson(assessPath, engineBody(typedAll(badScope)))));
      Map<String, Object> badPercent = new LinkedHashMap<>(valid.get("impact assessment"));
      badPercent.put("contingencyDrawPercent", 1_000);
      cases.add(new Case("out-of-range values", endpoint, "impact assessment: contingencyDrawPercent 1000", 400,
          "contingencyDrawPercent", h -> h.as("maria").postJson(assessPath, engineBody(typedAll(badPercent)))));
      // risk owner: an unknown user
      String ownerPath = "/engine-rest/task/" + claimedTaskId + "/" + action;
      cases.add(new Case("unknown ids", endpoint, "risk owner: an unknown user", 400, "owner",
          h -> h.as("maria").postJson(ownerPath, engineBody(typedAll(Map.of("owner", "nobody42"))))));
      // conflicts: claimed by someone else, completed already; unknown ids
      cases.add(new Case("conflicts", endpoint, "a task claimed by maria, by mike", 409, "maria",
          h -> h.as("mike").postJson(ownerPath, engineBody(typedAll(Map.of("owner", "mike"))))));
      cases.add(new Case("conflicts", endpoint, "a task completed already", 409, completedTaskId,
          h -> h.as("maria").postJson("/engine-rest/task/" + completedTaskId + "/" + action,
              engineBody(typedAll(Map.of("deliverableDocumentId", "DOC-1", "deliverableSummary", "again"))))));
      cases.add(new Case("unknown ids", endpoint, "an unknown task id", 404, "no-such-task",
          h -> h.as("maria").postJson("/engine-rest/task/no-such-task/" + action, "{}")));
    }
    for (String action : List.of("bpmnError", "bpmnEscalation")) {
      String endpoint = "/engine-rest/task/{id}/" + action;
      String code = action.equals("bpmnError") ? "{\"errorCode\": \"SKIP\", \"errorMessage\": \"skip it\"}"
          : "{\"escalationCode\": \"SKIP\"}";
      live.forEach((name, taskId) -> cases.add(new Case("conflicts", endpoint, name + ": no handler for it", 400, null,
          h -> h.as(users.get(name)).postJson("/engine-rest/task/" + taskId + "/" + action, code))));
      cases.add(new Case("wrong groups", endpoint, "deliverable by finance", 403, null,
          h -> h.as("fiona").postJson("/engine-rest/task/" + deliverableTaskId + "/" + action, code)));
      cases.add(new Case("conflicts", endpoint, "a task completed already", 409, completedTaskId,
          h -> h.as("maria").postJson("/engine-rest/task/" + completedTaskId + "/" + action, code)));
      cases.add(new Case("unknown ids", endpoint, "an unknown task id", 404, "no-such-task",
          h -> h.as("maria").postJson("/engine-rest/task/no-such-task/" + action, code)));
      cases.add(new Case("malformed JSON", endpoint, "truncated JSON", 400, null,
          h -> h.as("maria").postJson("/engine-rest/task/" + deliverableTaskId + "/" + action, "{\"errorCode\"")));
    }
    for (String[] input : new String[][] {{"a text", "\"abc\"", "String"}, {"a Boolean", "true", "Boolean"},
        {"a fraction", "1.5", "Double"}, {"a number beyond Integer", "99999999999", "Long"}}) {
      cases.add(new Case("wrong types", "/engine-rest/decision-definition/key/{key}/evaluate",
          "RiskScoreDecision's integer impact as " + input[0], 400, "integer",
          h -> h.as("paula").postJson("/engine-rest/decision-definition/key/RiskScoreDecision/evaluate",
              "{\"variables\": {\"impact\": {\"value\": " + input[1] + ", \"type\": \"" + input[2]
                  + "\"}, \"likelihood\": {\"value\": 2, \"type\": \"Integer\"}}}")));
    }
    for (String[] or : new String[][] {{"/engine-rest/task", "assigneeExpression", "${currentUser()}"},
        {"/engine-rest/task", "assigneeExpression", "${execution}"},
        {"/engine-rest/task/count", "candidateGroupsExpression", "${currentUserGroups()}"}}) {
      cases.add(new Case("injection strings", or[0], "an expression in orQueries: " + or[1] + " " + or[2], 400,
          "orQueries", h -> h.as("maria").postJson(or[0],
              "{\"orQueries\": [{\"" + or[1] + "\": \"" + or[2] + "\"}]}")));
    }
    for (String[] nulls : new String[][] {{"/engine-rest/task", "{\"sorting\": [null]}"},
        {"/engine-rest/task", "{\"orQueries\": [null]}"},
        {"/engine-rest/task", "{\"taskVariables\": [{}]}"},
        {"/engine-rest/process-instance", "{\"variables\": [null]}"},
        {"/engine-rest/message", "null"}, {"/engine-rest/signal", "null"},
        {"/engine-rest/external-task/fetchAndLock", "{\"workerId\": \"w\", \"maxTasks\": 1, \"topics\": [null]}"},
        {"/engine-rest/migration/validate", "{}"}, {"/engine-rest/authorization/create", "{}"},
        {"/engine-rest/telemetry/configuration", "{}"}}) {
      cases.add(new Case("null values", nulls[0], "a null or missing value: " + nulls[1], 400, "null",
          h -> h.as("maria").postJson(nulls[0], nulls[1])));
    }
    cases.add(new Case("malformed JSON", "POST /api/risks", "projectId sent twice", 400, "projectId",
        h -> h.as("maria").postJson("/api/risks", "{\"projectId\": \"EHR-1\", \"projectId\": \"EHR-2\"}")));
    for (String api : List.of("/api/risks", "/api/projects", "/api/change-requests")) {
      cases.add(new Case("null values", "POST " + api, "a list holding null", 400, "null",
          h -> h.as("paula").postJson(api, "{\"title\": [null]}")));
    }
    for (String[] empty : new String[][] {{"/engine-rest/task", "{\"candidateGroups\": []}"},
        {"/engine-rest/process-instance", "{\"processInstanceIds\": []}"}}) {
      cases.add(new Case("missing variables", empty[0], "an empty list: " + empty[1], 400, "empty",
          h -> h.as("maria").postJson(empty[0], empty[1])));
    }
    cases.add(new Case("wrong types", "/engine-rest/task", "maxResults=abc", 400, "maxResults",
        h -> h.as("maria").get("/engine-rest/task?maxResults=abc")));
    cases.add(new Case("unknown ids", "/engine-rest/condition", "variables no conditional start event awaits", 400,
        "condition", h -> h.as("paula").postJson("/engine-rest/condition",
            "{\"variables\": {\"projectId\": {\"value\": \"EHR-1\", \"type\": \"String\"}}}")));
    cases.add(new Case("conflicts", "/engine-rest/task/{id}/resolve", "a task that is not delegated", 409, "not delegated",
        h -> h.as("maria").postJson("/engine-rest/task/" + deliverableTaskId + "/resolve", "{}")));
    cases.add(new Case("unknown ids", "/engine-rest/task/{id}/resolve", "an unknown task id", 404, "no-such-task",
        h -> h.as("maria").postJson("/engine-rest/task/no-such-task/resolve", "{}")));
    cases.add(new Case("conflicts", "/engine-rest/task/{id}/claim", "a task claimed by maria, by mike", 409, "maria",
        h -> h.as("mike").postJson("/engine-rest/task/" + claimedTaskId + "/claim", "{\"userId\": \"mike\"}")));
    cases.add(new Case("conflicts", "/engine-rest/task/{id}/claim", "a task completed already", 409, completedTaskId,
        h -> h.as("mike").postJson("/engine-rest/task/" + completedTaskId + "/claim", "{\"userId\": \"mike\"}")));
    cases.add(new Case("unknown ids", "/engine-rest/task/{id}/claim", "an unknown task id", 404, "no-such-task",
        h -> h.as("mike").postJson("/engine-rest/task/no-such-task/claim", "{\"userId\": \"mike\"}")));
    cases.add(new Case("wrong groups", "/engine-rest/task/{id}/claim", "deliverable by finance", 403, null,
        h -> h.as("fiona").postJson("/engine-rest/task/" + deliverableTaskId + "/claim", "{\"userId\": \"fiona\"}")));
    cases.add(new Case("unknown ids", "/engine-rest/process-definition/{id}/start", "an unknown definition id", 404,
        "NoSuchProcess:1:x", h -> h.as("paula").postJson("/engine-rest/process-definition/NoSuchProcess:1:x/start", "{}")));
    cases.add(new Case("unknown ids", "/engine-rest/process-definition/key/{key}/start", "an unknown key", 404,
        "NoSuchProcess", h -> h.as("paula").postJson("/engine-rest/process-definition/key/NoSuchProcess/start", "{}")));
    cases.add(new Case("unknown ids", "/engine-rest/process-definition/{id}/submit-form", "an unknown definition id",
        404, "NoSuchProcess:1:x",
        h -> h.as("paula").postJson("/engine-rest/process-definition/NoSuchProcess:1:x/submit-form", "{}")));
  }

  void deploymentCases(List<Case> cases) {
    String endpoint = "/engine-rest/deployment/create";
    String smoke = read(FIXTURES.resolve("processes/SmokeApprovalProcess.bpmn"));
    Map<String, String> malformed = new LinkedHashMap<>();
    malformed.put("NotXml.bpmn", "this is not a model");
    malformed.put("Truncated.bpmn", smoke.substring(0, smoke.length() / 2));
    malformed.put("Empty.bpmn", "");
    malformed.put("Garbage.bpmn", "\u0000\u0001\u0002PK\u0003\u0004");
    malformed.put("NoProcessId.bpmn", smoke.replace("id=\"SmokeApprovalProcess\"", ""));
    malformed.put("DanglingFlow.bpmn", smoke.replace("targetRef=\"EndEvent_SmokeApproved\"", "targetRef=\"Nowhere\""));
    malformed.put("UnknownElement.bpmn", smoke.replace("<bpmn:endEvent", "<bpmn:teleport id=\"T\"/><bpmn:endEvent"));
    malformed.put("ExternalEntity.bpmn", "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + smoke.substring(smoke.indexOf("<bpmn:definitions")).replace("name=\"Smoke approval\"", "name=\"&x;\""));
    malformed.put("NotXml.dmn", "<definitions");
    String dmn = read(Path.of("processes/risk-escalation/RiskScoreDecision.dmn"));
    malformed.put("Truncated.dmn", dmn.substring(0, dmn.length() / 2));
    malformed.put("NoDecisionLogic.dmn", "<?xml version=\"1.0\"?><definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" "
        + "id=\"d\" name=\"d\" namespace=\"x\"><decision id=\"Broken\" name=\"b\"><decisionTable>"
        + "<input id=\"i\"/></decisionTable></decision></definitions>");
    malformed.forEach((file, content) -> cases.add(new Case("malformed models", endpoint, file, 400, null,
        h -> deploy("pmo", "bad-" + file, Map.of(file, content), Map.of()))));
    HOSTILE_MODELS.forEach((file, content) -> cases.add(new Case("hostile models", endpoint, file, 400, null,
        h -> deploy("pmo", "hostile-" + file, Map.of(file, content), Map.of()))));
    cases.add(new Case("oversized texts and bodies", endpoint, "a 5,000-character deployment name", 400,
        "deployment-name", h -> deploy("pmo", "n".repeat(5_000), Map.of("SmokeApprovalProcess.bpmn", smoke), Map.of())));
    cases.add(new Case("oversized texts and bodies", endpoint, "a 300-character deployment source", 400,
        "deployment-source", h -> deploy("pmo", "ok", Map.of("SmokeApprovalProcess.bpmn", smoke),
            Map.of("deployment-source", "s".repeat(300)))));
    cases.add(new Case("oversized texts and bodies", endpoint, "a 256-character resource name", 400, null,
        h -> deploy("pmo", "ok", Map.of("r".repeat(251) + ".bpmn", smoke), Map.of())));
    cases.add(new Case("malformed JSON", endpoint, "JSON instead of multipart", 415, null,
        h -> h.as("paula").postJson(endpoint, "{\"deployment-name\": \"x\"}")));
    cases.add(new Case("wrong groups", endpoint, "a deployment by finance", 403, null,
        h -> deploy("fiona", "ok", Map.of("SmokeApprovalProcess.bpmn", smoke), Map.of())));
  }

  /** A multipart deployment as Camunda Modeler sends it; {@code user} "pmo" is paula. */
  Http.Response deploy(String user, String name, Map<String, String> files, Map<String, String> extra) {
    String login = user.equals("pmo") ? "paula" : user;
    String boundary = "----hitgov" + UUID.randomUUID();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", name);
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "false");
    fields.putAll(extra);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      for (Map.Entry<String, String> field : fields.entrySet()) {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
            + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
            + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
              + "/engine-rest/deployment/create"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
      return new Http.Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shortened(Object value) {
    String text = String.valueOf(value);
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }

  // ------------------------------------------------------------------------------------ the rules behind some cases

  /** Every read that names a project refuses an unknown one: 404 in the path, 400 naming projectId in a parameter. */
  @Test
  void every_entry_point_refuses_an_unknown_project() {
    for (String path : List.of("/api/projects/" + UNKNOWN_PROJECT, "/api/projects/" + UNKNOWN_PROJECT + "/gates",
        "/api/projects/" + UNKNOWN_PROJECT + "/risks", "/api/projects/" + UNKNOWN_PROJECT + "/gate-holds",
        "/api/projects/" + UNKNOWN_PROJECT + "/changes", "/api/projects/" + UNKNOWN_PROJECT + "/hipaa-gate/evidence",
        "/api/projects/" + UNKNOWN_PROJECT + "/interfaces", "/api/projects/" + UNKNOWN_PROJECT + "/conversion-domains")) {
      Http.Response response = http.as("paula").get(path);
      assertThat(response.status()).as(path + " -> " + response).isEqualTo(404);
      assertThat(response.json().path("message").asText()).as(path).contains(UNKNOWN_PROJECT);
    }
    Http.Response heatmap = http.as("paula").get("/api/risks/heatmap?projectId=" + UNKNOWN_PROJECT);
    assertThat(heatmap.status()).as(heatmap.toString()).isEqualTo(400);
    assertThat(heatmap.json().path("message").asText()).contains("projectId");
  }

  /** A genuine server fault stays a 500, with a log reference and nothing internal; a too-long value is a 400. */
  @Test
  void a_server_fault_is_a_500_without_internals_and_a_too_long_value_a_400() {
    ProcessEngineException persistence = new ProcessEngineException("ENGINE-03083 Exception while executing Batch "
        + "Database Operations with message '### Error flushing statements. Cause: org.h2.jdbc.JdbcSQLException: "
        + "### SQL: insert into ACT_RU_VARIABLE values (?, ?)'", new java.sql.SQLException("broken", "08006"));
    for (Throwable fault : List.of(persistence, new NullPointerException("value is null"),
        new IllegalStateException("at io.hitgov.Foo.bar(Foo.java:12)"))) {
      ErrorClassifier.Classified classified = classifier.classify(fault, "/engine-rest/task/x/complete");
      assertThat(classified.status()).as(fault.toString()).isEqualTo(500);
      assertThat(classified.message()).contains("reference").doesNotContain("SQL", "###", "Foo.java", "null");
    }
    ProcessEngineException tooLong = new ProcessEngineException("ENGINE-03083 ... Value too long for column "
        + "\"NAME_ CHARACTER VARYING(255)\" ### SQL: insert into ACT_RE_DEPLOYMENT",
        new java.sql.SQLException("Value too long for column", "22001"));
    ErrorClassifier.Classified classified = classifier.classify(tooLong, "/engine-rest/deployment/create");
    assertThat(classified.status()).isEqualTo(400);
    assertThat(classified.message()).contains("longer").doesNotContain("SQL", "ACT_");
  }

  /** The claimed-by-someone-else rule holds in the Java API too, and the assignee's unclaim lets the next user complete. */
  @Test
  void a_claimed_task_is_completed_by_its_assignee_or_after_an_unclaim() {
    Http.Response project = http.as("paula").postJson("/api/projects", Http.json(Map.of("projectId", "BAD-CLAIM-1",
        "projectName", "Claim rule", "goLiveDate", GO_LIVE, "budget", 1_000, "sponsor", "evelyn",
        "projectManager", "maria", "vendorSelectionRequired", false)));
    String instance = project.json().get("processInstanceId").asText();
    Task task = task(instance, "UserTask_AssessReadiness");
    IdentityService identity = engine.getIdentityService();
    Map<String, Object> fields = Map.of("deliverableDocumentId", "DOC-9", "deliverableSummary", "done");
    identity.setAuthentication("maria", List.of("projectManagers"));
    try {
      engine.getTaskService().claim(task.getId(), "maria");
    } finally {
      identity.clearAuthentication();
    }
    identity.setAuthentication("mike", List.of("projectManagers"));
    try {
      assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), fields))
          .hasMessageContaining("claimed by maria");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(http.as("mike").postJson("/engine-rest/task/" + task.getId() + "/unclaim", "").status())
        .as("a fellow candidate may not take the task from its assignee").isEqualTo(403);
    assertThat(http.as("maria").postJson("/engine-rest/task/" + task.getId() + "/unclaim", "").status())
        .as("the assignee hands the task back to the group").isEqualTo(204);
    Http.Response completed = http.as("mike").postJson("/engine-rest/task/" + task.getId() + "/complete",
        engineBody(typedAll(new HashMap<>(fields))));
    assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(task.getId()).finished().count())
        .isEqualTo(1);
  }
}
