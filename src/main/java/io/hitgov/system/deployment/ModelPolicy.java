package io.hitgov.system.deployment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

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
   */
  record Rules(long maxResourceBytes, Period minHistoryTimeToLive, Set<String> eventStartedProcesses,
      Set<String> externalTopics, Map<String, List<String>> requiredCalls,
      Map<String, Map<String, List<String>>> requiredBefore, Tailoring tailoring) {}

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
      parse(name, content, violations).ifPresent(document -> new BpmnCheck(name, violations).run(document));
    } else if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
      parse(name, content, violations).ifPresent(document -> new DmnCheck(name, violations).run(document));
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

  /** Rules shared by BPMN and DMN: lengths, expressions in every value, extension attributes. */
  private abstract class XmlCheck {
    final String resource;
    final List<Violation> violations;

    XmlCheck(String resource, List<Violation> violations) {
      this.resource = resource;
      this.violations = violations;
    }

    void refuse(Element element, String rule) {
      violations.add(new Violation(resource, label(element), rule));
    }

    void walk(Element element, String processKey) {
      checkElement(element, processKey);
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        checkAttribute(element, attribute, processKey);
        expressions.check(attribute.getValue(), processKey).forEach(problem -> refuse(element,
            attribute.getName() + ": " + problem));
      }
      String text = directText(element);
      boolean prose = "documentation".equals(element.getLocalName()) || "text".equals(element.getLocalName());
      if (!prose && !text.isBlank()) {
        expressions.check(text, processKey).forEach(problem -> refuse(element, problem));
      }
      for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element childElement) {
          walk(childElement, keyOf(childElement, processKey));
        }
      }
    }

    String keyOf(Element element, String current) {
      return current;
    }

    abstract void checkElement(Element element, String processKey);

    void checkAttribute(Element element, Attr attribute, String processKey) {
      String local = localName(attribute);
      String value = attribute.getValue();
      if ((local.equals("id") || local.equals("name")) && value.length() > MAX_ID_OR_NAME) {
        refuse(element, local + " is " + value.length() + " characters long; at most " + MAX_ID_OR_NAME);
      }
      if (local.equals("versionTag") && value.length() > MAX_VERSION_TAG) {
        refuse(element, "versionTag is longer than " + MAX_VERSION_TAG + " characters");
      }
      if (local.equals("language") || local.equals("scriptFormat")) {
        refuse(element, "scripts are not allowed in models (" + attribute.getName() + "=\"" + ExpressionRules.clip(value) + "\")");
      }
      if (isExtension(attribute.getNamespaceURI())) {
        if (local.equals("class") || local.endsWith("Class")) {
          refuse(element, attribute.getName() + " is not allowed: models may call only @ModelCallable beans "
              + "through ${beanName}, never a Java class");
        } else if (local.equals("resource")) {
          refuse(element, attribute.getName() + " (external script) is not allowed");
        } else if (local.equals("historyTimeToLive")) {
          checkTimeToLive(element, value);
        }
      }
    }

    void checkTimeToLive(Element element, String value) {
      Period ttl;
      try {
        ttl = value.matches("\\d+") ? Period.ofDays(Integer.parseInt(value)) : Period.parse(value.trim());
      } catch (DateTimeParseException | NumberFormatException e) {
        refuse(element, "historyTimeToLive '" + ExpressionRules.clip(value) + "' is not a number of days or an ISO period");
        return;
      }
      if (days(ttl) < days(rules.minHistoryTimeToLive())) {
        refuse(element, "historyTimeToLive " + value + " is below the retention minimum "
            + rules.minHistoryTimeToLive() + " (six years after a record was last in effect plus the longest project:"
            + " the time-to-live counts from the start of an instance)");
      }
    }

    void requireTimeToLive(Element element) {
      if (extensionAttribute(element, "historyTimeToLive") == null) {
        refuse(element, "camunda:historyTimeToLive is missing; the retention minimum is " + rules.minHistoryTimeToLive());
      }
    }
  }

  private final class BpmnCheck extends XmlCheck {
    private final List<String> calls = new ArrayList<>();

    BpmnCheck(String resource, List<Violation> violations) {
      super(resource, violations);
    }

    void run(Document document) {
      Element root = document.getDocumentElement();
      if (!BPMN_NS.equals(root.getNamespaceURI()) || !root.getLocalName().equals("definitions")) {
        refuse(root, "not a BPMN 2.0 model (root element must be bpmn:definitions)");
        return;
      }
      for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element element) {
          if (isBpmn(element, "process")) {
            calls.clear();
            walk(element, element.getAttribute("id"));
            checkRequiredCalls(element);
          } else {
            walk(element, null);
          }
        }
      }
    }

    @Override
    void checkElement(Element element, String processKey) {
      String local = element.getLocalName();
      boolean bpmn = BPMN_NS.equals(element.getNamespaceURI());
      boolean extension = isExtension(element.getNamespaceURI());
      if (bpmn && local.equals("scriptTask")) {
        refuse(element, "script tasks are not allowed: a model may not run code; use a service task with a @ModelCallable bean");
      } else if (extension && local.equals("script")) {
        refuse(element, "camunda:script is not allowed: a model may not run code");
      } else if (extension && local.equals("connector")) {
        refuse(element, "connectors are not allowed: a model may not call external systems");
      } else if (bpmn && local.equals("process")) {
        requireTimeToLive(element);
      } else if (bpmn && local.equals("startEvent") && element.getParentNode() instanceof Element parent
          && isBpmn(parent, "process")) {
        checkStartEvent(element, processKey);
      } else if (bpmn && local.equals("documentation") && element.getTextContent().length() > MAX_DOCUMENTATION) {
        refuse(element, "documentation is longer than " + MAX_DOCUMENTATION + " characters");
      } else if (bpmn && local.equals("callActivity")) {
        recordCall(element);
      }
      String type = extensionAttribute(element, "type");
      if (type != null) {
        String topic = extensionAttribute(element, "topic");
        if (!type.equals("external") || topic == null || !rules.externalTopics().contains(topic)) {
          refuse(element, "camunda:type=\"" + ExpressionRules.clip(type) + "\"" + (topic == null ? "" : " topic \"" + topic + "\"")
              + " is not allowed; external-task topics allowed: " + rules.externalTopics());
        }
      }
    }

    private void checkStartEvent(Element start, String processKey) {
      for (String definition : List.of("timerEventDefinition", "messageEventDefinition", "signalEventDefinition",
          "conditionalEventDefinition")) {
        if (start.getElementsByTagNameNS(BPMN_NS, definition).getLength() > 0
            && (processKey == null || !rules.eventStartedProcesses().contains(processKey))) {
          refuse(start, "a " + definition.replace("EventDefinition", "") + " start event starts the process without "
              + "a user, so without authorization; only processes the product declares event-started may have one: "
              + rules.eventStartedProcesses());
        }
      }
    }

    private void recordCall(Element call) {
      String called = call.getAttribute("calledElement");
      calls.add(called);
      NodeList ins = call.getElementsByTagNameNS("*", "in");
      for (int i = 0; i < ins.getLength(); i++) {
        Element in = (Element) ins.item(i);
        if ("gateId".equals(in.getAttribute("target")) && !in.getAttribute("sourceExpression").isEmpty()) {
          calls.add(called + ":" + in.getAttribute("sourceExpression"));
        }
      }
    }

    private void checkRequiredCalls(Element process) {
      for (String required : rules.requiredCalls().getOrDefault(process.getAttribute("id"), List.of())) {
        if (!calls.contains(required)) {
          refuse(process, "must keep its call of " + required.replace(":", " for gate ")
              + " on every project's path (it cannot be removed or tailored away)");
        }
      }
      rules.requiredBefore().getOrDefault(process.getAttribute("id"), Map.of()).forEach((target, required) ->
          required.forEach(call -> checkOnEveryPath(process, target, call)));
    }

    /**
     * No path from a start event (of the process or of an event sub-process) reaches a call of
     * {@code target} without passing a call of {@code required} ({@code Key} or {@code Key:gateId}):
     * sequence flows, boundary events, sub-process starts and link events are followed.
     */
    private void checkOnEveryPath(Element process, String target, String required) {
      Map<String, List<String>> next = new java.util.HashMap<>();
      Map<String, Element> byId = new java.util.HashMap<>();
      List<String> roots = new ArrayList<>();
      Map<String, List<String>> linkCatches = new java.util.HashMap<>();
      Map<String, String> linkThrows = new java.util.HashMap<>();
      NodeList all = process.getElementsByTagNameNS(BPMN_NS, "*");
      for (int i = 0; i < all.getLength(); i++) {
        Element element = (Element) all.item(i);
        String id = element.getAttribute("id");
        if (id.isEmpty()) {
          continue;
        }
        byId.put(id, element);
        Element parent = (Element) element.getParentNode();
        switch (element.getLocalName()) {
          case "sequenceFlow" -> next.computeIfAbsent(element.getAttribute("sourceRef"), k -> new ArrayList<>())
              .add(element.getAttribute("targetRef"));
          case "boundaryEvent" -> next.computeIfAbsent(element.getAttribute("attachedToRef"), k -> new ArrayList<>()).add(id);
          case "startEvent" -> {
            if (parent == process || "true".equals(parent.getAttribute("triggeredByEvent"))) {
              roots.add(id);
            } else {
              next.computeIfAbsent(parent.getAttribute("id"), k -> new ArrayList<>()).add(id);
            }
          }
          default -> { }
        }
        NodeList links = element.getElementsByTagNameNS(BPMN_NS, "linkEventDefinition");
        if (links.getLength() > 0 && links.item(0).getParentNode() == element) {
          String name = ((Element) links.item(0)).getAttribute("name");
          if (element.getLocalName().equals("intermediateCatchEvent")) {
            linkCatches.computeIfAbsent(name, k -> new ArrayList<>()).add(id);
          } else {
            linkThrows.put(id, name);
          }
        }
      }
      linkThrows.forEach((id, name) -> next.computeIfAbsent(id, k -> new ArrayList<>())
          .addAll(linkCatches.getOrDefault(name, List.of())));
      java.util.Deque<String> queue = new java.util.ArrayDeque<>(roots);
      Set<String> seen = new java.util.HashSet<>(roots);
      while (!queue.isEmpty()) {
        Element element = byId.get(queue.poll());
        if (element == null || callOf(element, required)) {
          continue;
        }
        if (callOf(element, target)) {
          refuse(element, "the call of " + target + " can be reached without passing the call of "
              + required.replace(":", " for gate ") + " (no path may skip it)");
          return;
        }
        for (String successor : next.getOrDefault(element.getAttribute("id"), List.of())) {
          if (seen.add(successor)) {
            queue.add(successor);
          }
        }
      }
    }

    private static boolean callOf(Element element, String call) {
      if (!isBpmn(element, "callActivity")) {
        return false;
      }
      String[] parts = call.split(":", 2);
      if (!parts[0].equals(element.getAttribute("calledElement"))) {
        return false;
      }
      if (parts.length == 1) {
        return true;
      }
      NodeList ins = element.getElementsByTagNameNS("*", "in");
      for (int i = 0; i < ins.getLength(); i++) {
        Element in = (Element) ins.item(i);
        if ("gateId".equals(in.getAttribute("target")) && parts[1].equals(in.getAttribute("sourceExpression"))) {
          return true;
        }
      }
      return false;
    }
  }

  private final class DmnCheck extends XmlCheck {
    DmnCheck(String resource, List<Violation> violations) {
      super(resource, violations);
    }

    void run(Document document) {
      Element root = document.getDocumentElement();
      if (!root.getLocalName().equals("definitions") || root.getNamespaceURI() == null
          || !root.getNamespaceURI().contains("DMN")) {
        refuse(root, "not a DMN model (root element must be dmn:definitions)");
        return;
      }
      walk(root, null);
      Tailoring tailoring = rules.tailoring();
      if (tailoring == null) {
        return;
      }
      NodeList decisions = root.getElementsByTagNameNS("*", "decision");
      for (int i = 0; i < decisions.getLength(); i++) {
        Element decision = (Element) decisions.item(i);
        if (tailoring.decision().equals(decision.getAttribute("id"))) {
          checkTailoring(decision, tailoring);
        }
      }
    }

    /** The tailoring table decides phases and readiness criteria only, never the HIPAA gate or G6. */
    private void checkTailoring(Element decision, Tailoring tailoring) {
      NodeList tables = decision.getElementsByTagNameNS("*", "decisionTable");
      if (tables.getLength() != 1) {
        refuse(decision, "must be one decision table with the outputs " + new java.util.TreeSet<>(tailoring.outputs()));
        return;
      }
      Element table = (Element) tables.item(0);
      List<String> outputs = new ArrayList<>();
      for (Element output : children(table, "output")) {
        String name = output.getAttribute("name");
        outputs.add(name);
        if (!tailoring.outputs().contains(name)) {
          refuse(output, "output '" + ExpressionRules.clip(name) + "' is not a tailoring output; allowed: "
              + new java.util.TreeSet<>(tailoring.outputs()) + " (the HIPAA audit gate and G6 cannot be tailored)");
        }
      }
      int column = outputs.indexOf(tailoring.notApplicableOutput());
      if (column < 0) {
        return;
      }
      for (Element rule : children(table, "rule")) {
        List<Element> entries = children(rule, "outputEntry");
        if (column < entries.size()) {
          String text = entries.get(column).getTextContent().toUpperCase(Locale.ROOT);
          for (String criterion : new java.util.TreeSet<>(tailoring.protectedCriteria())) {
            if (java.util.regex.Pattern.compile("\\b" + criterion + "\\b").matcher(text).find()) {
              refuse(rule, tailoring.notApplicableOutput() + " names " + criterion
                  + ", which applies to every project (HIPAA gate and G6 readiness cannot be tailored away)");
            }
          }
        }
      }
    }

    @Override
    void checkElement(Element element, String processKey) {
      String language = element.getAttribute("expressionLanguage");
      if (!language.isEmpty() && !FEEL.contains(language.toLowerCase(Locale.ROOT))) {
        refuse(element, "expressionLanguage '" + ExpressionRules.clip(language) + "' is not allowed: decisions use FEEL only");
      }
      if (element.getLocalName().equals("decision")) {
        requireTimeToLive(element);
      }
    }

    @Override
    void checkAttribute(Element element, Attr attribute, String processKey) {
      if (!localName(attribute).equals("expressionLanguage")) {
        super.checkAttribute(element, attribute, processKey);
      }
    }
  }

  private static List<Element> children(Element parent, String local) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && local.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  private static boolean isExtension(String namespace) {
    return namespace != null && EXTENSION_NS.contains(namespace);
  }

  private static boolean isBpmn(Element element, String local) {
    return BPMN_NS.equals(element.getNamespaceURI()) && local.equals(element.getLocalName());
  }

  private static String extensionAttribute(Element element, String local) {
    for (String namespace : EXTENSION_NS) {
      if (element.hasAttributeNS(namespace, local)) {
        return element.getAttributeNS(namespace, local);
      }
    }
    return null;
  }

  private static String localName(Attr attribute) {
    return attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
  }

  /** The element's id, or the nearest ancestor's id and the element's tag (StartEvent_1/camunda:script). */
  private static String label(Element element) {
    String id = element.getAttribute("id");
    if (!id.isEmpty()) {
      return ExpressionRules.clip(id);
    }
    for (Node parent = element.getParentNode(); parent instanceof Element ancestor; parent = parent.getParentNode()) {
      if (!ancestor.getAttribute("id").isEmpty()) {
        return ExpressionRules.clip(ancestor.getAttribute("id")) + "/" + element.getTagName();
      }
    }
    return element.getTagName();
  }

  private static String directText(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    return text.toString();
  }

  private static long days(Period period) {
    return period.toTotalMonths() * 30 + period.getDays();
  }
}
