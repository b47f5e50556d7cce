package io.hitgov.system.deployment;

import static io.hitgov.system.deployment.ModelPolicy.*;

import io.hitgov.system.deployment.ModelPolicy.Rules;
import io.hitgov.system.deployment.ModelPolicy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The DMN rules of {@link ModelPolicy}: FEEL only, retention, the tailoring decision's limits (docs/model-policy.md). */
final class DmnModelCheck extends ModelXmlCheck {
  DmnModelCheck(String resource, List<Violation> violations, Rules rules, ExpressionRules expressions) {
    super(resource, violations, rules, expressions);
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
