package io.hitgov.system.deployment;

import static io.hitgov.system.deployment.ModelPolicy.*;

import io.hitgov.system.deployment.ModelPolicy.Rules;
import io.hitgov.system.deployment.ModelPolicy.Violation;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * What {@link ModelPolicy} checks in every XML model, BPMN and DMN: lengths, expressions in every
 * value, extension attributes, the retention minimum. One check per resource.
 */
abstract class ModelXmlCheck {
  final String resource;
  final List<Violation> violations;
  final Rules rules;
  final ExpressionRules expressions;

  ModelXmlCheck(String resource, List<Violation> violations, Rules rules, ExpressionRules expressions) {
    this.resource = resource;
    this.violations = violations;
    this.rules = rules;
    this.expressions = expressions;
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

  static List<Element> children(Element parent, String local) {
    List<Element> found = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && local.equals(element.getLocalName())) {
        found.add(element);
      }
    }
    return found;
  }

  static boolean isExtension(String namespace) {
    return namespace != null && EXTENSION_NS.contains(namespace);
  }

  static boolean isBpmn(Element element, String local) {
    return BPMN_NS.equals(element.getNamespaceURI()) && local.equals(element.getLocalName());
  }

  static String extensionAttribute(Element element, String local) {
    for (String namespace : EXTENSION_NS) {
      if (element.hasAttributeNS(namespace, local)) {
        return element.getAttributeNS(namespace, local);
      }
    }
    return null;
  }

  static String localName(Attr attribute) {
    return attribute.getLocalName() != null ? attribute.getLocalName() : attribute.getName();
  }

  /** The element's id, or the nearest ancestor's id and the element's tag (StartEvent_1/camunda:script). */
  static String label(Element element) {
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

  static String directText(Element element) {
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    return text.toString();
  }

  static long days(Period period) {
    return period.toTotalMonths() * 30 + period.getDays();
  }
}
