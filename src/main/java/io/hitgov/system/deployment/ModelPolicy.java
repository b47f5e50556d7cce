package io.hitgov.system.deployment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * The rules every deployed resource must pass before the engine sees it, whoever deploys it and
 * however (start-up, {@code /engine-rest}, Cockpit, the Java API): a model describes governance,
 * it never runs code. The rules and their reasons are written for PMOs in docs/model-policy.md.
 *
 * <p>Pure: no Spring, no engine; {@link #check} returns every violation of one resource.
 */
final class ModelPolicy {

  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final Set<String> EXTENSION_NS = Set.of("http://camunda.org/schema/1.0/bpmn",
      "http://activiti.org/bpmn", "http://camunda.org/schema/1.0/dmn");
  static final Set<String> FEEL = Set.of("feel", "https://www.omg.org/spec/dmn/20191111/feel/",
      "http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/dmn/20230324/feel/",
      "http://www.omg.org/spec/dmn/20180521/feel/");
  /** Column widths of Camunda's tables (ACT_RE_*, ACT_GE_BYTEARRAY, ACT_RU_TASK). */
  static final int MAX_ID_OR_NAME = 255;
  static final int MAX_VERSION_TAG = 64;
  static final int MAX_DOCUMENTATION = 4000;

  /** One broken rule: the resource, the element (id or tag) and what is wrong. */
  record Violation(String resource, String element, String rule) {
    String describe() {
      return resource + (element == null ? "" : " (element " + element + ")") + ": " + rule;
    }
  }

  /**
   * @param maxResourceBytes largest accepted resource
   * @param minHistoryTimeToLive the retention minimum every process and decision must keep
   * @param eventStartedProcesses process keys whose top-level start events may be timer, message,
   *     signal or conditional events (they start without a user, so without authorization)
   * @param externalTopics external-task topics a model may use
   * @param requiredCalls per process key, the processes it must call (e.g. the HIPAA gate), as
   *     {@code Key} or {@code Key:gateId} for a stage gate review of that gate
   * @param requiredBefore per process key, a called process (e.g. the go-live phase) that no path
   *     may reach without passing the required calls listed for it (e.g. G6)
   * @param tailoring what the lifecycle's tailoring decision may decide
   * @param processesOutOfHistory process keys whose instances leave no engine history: only
   *     automated and structural elements in them ({@link BpmnModelCheck#OUT_OF_HISTORY_ELEMENTS})
   */
  record Rules(long maxResourceBytes, Period minHistoryTimeToLive, Set<String> eventStartedProcesses,
      Set<String> externalTopics, Map<String, List<String>> requiredCalls,
      Map<String, Map<String, List<String>>> requiredBefore, Tailoring tailoring, Set<String> processesOutOfHistory) {}

  /**
   * The decision that tailors the lifecycle to a project type may only have the listed outputs (so
   * no row can skip anything else, e.g. the HIPAA gate or G6), and its not-applicable column may
   * never name a protected readiness criterion.
   *
   * @param decision the decision key
   * @param outputs the output names it may have
   * @param notApplicableOutput the output listing criteria that do not apply
   * @param protectedCriteria criteria that always apply (R01 HIPAA gate signed, ...)
   */
  record Tailoring(String decision, Set<String> outputs, String notApplicableOutput, Set<String> protectedCriteria) {}

  private final Rules rules;
  private final ExpressionRules expressions;

  ModelPolicy(Rules rules, ExpressionRules.Beans beans) {
    this.rules = rules;
    this.expressions = new ExpressionRules(beans);
  }

  List<Violation> check(String resource, byte[] content) {
    List<Violation> violations = new ArrayList<>();
    String name = resource == null ? "" : resource;
    if (name.length() > MAX_ID_OR_NAME) {
      violations.add(new Violation(ExpressionRules.clip(name), null,
          "resource name is " + name.length() + " characters long; at most " + MAX_ID_OR_NAME));
      return violations;
    }
    if (content.length > rules.maxResourceBytes()) {
      violations.add(new Violation(name, null, "resource is " + content.length + " bytes; at most "
          + rules.maxResourceBytes() + " bytes are accepted"));
      return violations;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml")) {
      parse(name, content, violations).ifPresent(document -> new BpmnModelCheck(name, violations, rules, expressions).run(document));
    } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
      parse(name, content, violations).ifPresent(document -> new DmnModelCheck(name, violations, rules, expressions).run(document));
    } else if (lower.endsWith(".form")) {
      checkForm(name, content, violations);
    } else {
      violations.add(new Violation(name, null,
          "only .bpmn, .dmn and .form resources may be deployed (CMMN, scripts and other files are refused)"));
    }
    return violations;
  }

  private static java.util.Optional<Document> parse(String name, byte[] content, List<Violation> violations) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return java.util.Optional.of(builder.parse(new ByteArrayInputStream(content)));
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      violations.add(new Violation(name, null, "not a well-formed XML model (" + ExpressionRules.clip(why)
          + "); DOCTYPE declarations and entities are refused"));
      return java.util.Optional.empty();
    }
  }

  private static void checkForm(String name, byte[] content, List<Violation> violations) {
    try {
      com.fasterxml.jackson.databind.JsonNode form = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(new String(content, StandardCharsets.UTF_8));
      if (form == null || !form.isObject() || !form.path("id").isTextual()) {
        violations.add(new Violation(name, null, "a Camunda Form must be a JSON object with an \"id\""));
      } else if (form.path("id").asText().length() > MAX_ID_OR_NAME) {
        violations.add(new Violation(name, null, "form id is longer than " + MAX_ID_OR_NAME + " characters"));
      }
    } catch (java.io.IOException e) {
      violations.add(new Violation(name, null, "not valid JSON: " + ExpressionRules.clip(String.valueOf(e.getMessage()))));
    }
  }

}
