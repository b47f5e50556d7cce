package io.hitgov.system.deployment;

import static io.hitgov.system.deployment.ModelPolicy.*;

import io.hitgov.system.deployment.ModelPolicy.Rules;
import io.hitgov.system.deployment.ModelPolicy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The BPMN rules of {@link ModelPolicy}: what a process may contain and call (docs/model-policy.md). */
final class BpmnModelCheck extends ModelXmlCheck {
  /**
   * The BPMN elements a process kept out of the engine's history may hold: automated steps,
   * gateways, timers, errors, escalations, flows, sub-processes and the diagram's structure
   * (lanes, groups, annotations, data objects). Nothing through which a person or another system
   * feeds it: no user, manual, receive, business rule or script task, call activity, message,
   * signal or condition.
   */
  static final Set<String> OUT_OF_HISTORY_ELEMENTS = Set.of("process", "documentation", "extensionElements",
      "startEvent", "endEvent", "intermediateThrowEvent", "intermediateCatchEvent", "boundaryEvent",
      "serviceTask", "sendTask", "task", "subProcess", "multiInstanceLoopCharacteristics", "loopCardinality",
      "completionCondition", "sequenceFlow", "conditionExpression", "incoming", "outgoing",
      "exclusiveGateway", "parallelGateway", "inclusiveGateway", "timerEventDefinition", "timeDate",
      "timeDuration", "timeCycle", "errorEventDefinition", "escalationEventDefinition",
      "terminateEventDefinition", "linkEventDefinition", "laneSet", "lane", "childLaneSet", "flowNodeRef",
      "textAnnotation", "text", "association", "group", "dataObject", "dataObjectReference",
      "dataStoreReference", "dataInputAssociation", "dataOutputAssociation", "property", "sourceRef", "targetRef");

  private final List<String> calls = new ArrayList<>();

  BpmnModelCheck(String resource, List<Violation> violations, Rules rules, ExpressionRules expressions) {
    super(resource, violations, rules, expressions);
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
    if (bpmn && processKey != null && rules.processesOutOfHistory().contains(processKey)
        && !OUT_OF_HISTORY_ELEMENTS.contains(local)) {
      refuse(element, local + " in " + processKey + ", a process kept out of the engine's history "
          + "(hitgov.engine.processes-out-of-history): it may hold only automated and structural elements "
          + new TreeSet<>(OUT_OF_HISTORY_ELEMENTS) + ", so that no person's decision, message, decision "
          + "table or called process runs in it unrecorded");
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
