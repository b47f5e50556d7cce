package io.hitgov.system.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.impl.juel.AstDot;
import org.camunda.bpm.impl.juel.AstFunction;
import org.camunda.bpm.impl.juel.AstIdentifier;
import org.camunda.bpm.impl.juel.AstMethod;
import org.camunda.bpm.impl.juel.AstProperty;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.Node;
import org.camunda.bpm.impl.juel.TreeBuilderException;

/**
 * What an expression in a deployed model may contain (docs/model-policy.md): variables, literals,
 * operators, the value functions {@link #VALUE_FUNCTIONS} (with date arithmetic on their result),
 * and the beans marked {@code @ModelCallable} for the model's process key, alone
 * ({@code ${registerRiskDelegate}}) or with a method of their own ({@code ${bean.method(x)}}).
 * Everything else is refused: property access ({@code execution.processEngineServices}), any other
 * method call ({@code ''.getClass()}), engine objects named directly.
 *
 * <p>The expression tree comes from Camunda's own JUEL parser, so what is checked is exactly
 * what the engine would evaluate.
 */
final class ExpressionRules {

  /** Camunda's built-in functions that return plain values (current user, groups, now). */
  static final Set<String> VALUE_FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

  /** Date arithmetic allowed on {@code dateTime()} / {@code now()} (task filters: "due this week"). */
  static final Set<String> DATE_METHODS = Set.of("plusYears", "plusMonths", "plusWeeks", "plusDays", "plusHours",
      "plusMinutes", "minusYears", "minusMonths", "minusWeeks", "minusDays", "minusHours", "minusMinutes",
      "withTimeAtStartOfDay", "toDate");

  /** Names the engine resolves to its own objects; a model must not reach them. */
  static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "caseExecution", "externalTask",
      "variableScope", "processEngine", "processEngineServices", "processEngineConfiguration",
      "authenticatedUserId", "applicationContext");

  private static final Builder PARSER = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);

  /** Which bean names exist and which of them a given process may call. */
  interface Beans {
    /** True when the name is a bean of the application (callable or not). */
    boolean isBean(String name);

    /** True when the bean is {@code @ModelCallable} for this process key. */
    boolean callableFrom(String name, String processKey);

    /** The process keys a callable bean serves, for messages. */
    Set<String> servedProcesses(String name);
  }

  private final Beans beans;

  ExpressionRules(Beans beans) {
    this.beans = beans;
  }

  /** The problems of one attribute or text value; empty when it holds no expression or a harmless one. */
  List<String> check(String text, String processKey) {
    List<String> problems = new ArrayList<>();
    if (text == null || (!text.contains("${") && !text.contains("#{"))) {
      return problems;
    }
    Node root;
    try {
      root = PARSER.build(text).getRoot();
    } catch (TreeBuilderException | IllegalArgumentException e) {
      problems.add("expression '" + clip(text) + "' cannot be parsed: " + e.getMessage());
      return problems;
    }
    walk(root, processKey, problems);
    return problems;
  }

  private void walk(Node node, String processKey, List<String> problems) {
    if (node instanceof AstMethod method) {
      checkMethod(method, processKey, problems);
      return;
    }
    if (node instanceof AstProperty property) {
      problems.add("property access '" + describe(property) + "' is not allowed (models may read variables only)");
      return;
    }
    if (node instanceof AstFunction function) {
      String name = function.getName();
      if (!VALUE_FUNCTIONS.contains(name)) {
        problems.add("function '" + name + "()' is not allowed; allowed: " + VALUE_FUNCTIONS);
      }
    } else if (node instanceof AstIdentifier identifier) {
      checkIdentifier(identifier.getName(), processKey, problems);
    }
    for (int i = 0; i < node.getCardinality(); i++) {
      walk(node.getChild(i), processKey, problems);
    }
  }

  private void checkIdentifier(String name, String processKey, List<String> problems) {
    if (ENGINE_OBJECTS.contains(name)) {
      problems.add("'" + name + "' names an engine object; models may not use it");
    } else if (beans.isBean(name) && !beans.callableFrom(name, processKey)) {
      Set<String> served = beans.servedProcesses(name);
      problems.add(served.isEmpty()
          ? "bean '" + name + "' is not callable from models"
          : "bean '" + name + "' serves " + served + ", not " + (processKey == null ? "this model" : processKey));
    }
  }

  /** {@code base.method(args)}: a callable bean's own method, or date arithmetic on a value function. */
  private void checkMethod(AstMethod method, String processKey, List<String> problems) {
    AstProperty target = (AstProperty) method.getChild(0);
    String name = target instanceof AstDot ? methodName(target) : null;
    Node base = target.getChild(0);
    if (name == null) {
      problems.add("method call '" + describe(target) + "(…)' is not allowed");
    } else if (base instanceof AstIdentifier identifier && beans.isBean(identifier.getName())) {
      checkIdentifier(identifier.getName(), processKey, problems);
      if (ObjectMethods.NAMES.contains(name)) {
        problems.add("method '" + name + "' is not allowed");
      }
    } else if (isDateValue(base) && DATE_METHODS.contains(name)) {
      walk(base, processKey, problems);
    } else {
      problems.add("method call '." + name + "(…)' is not allowed; models may call only the methods of "
          + "@ModelCallable beans and date arithmetic on dateTime()/now()");
      walk(base, processKey, problems);
    }
    for (int i = 1; i < method.getCardinality(); i++) {
      walk(method.getChild(i), processKey, problems);
    }
  }

  private static boolean isDateValue(Node node) {
    if (node instanceof AstFunction function) {
      return function.getName().equals("dateTime") || function.getName().equals("now");
    }
    if (node instanceof AstMethod method && method.getChild(0) instanceof AstDot dot) {
      return DATE_METHODS.contains(methodName(dot)) && isDateValue(dot.getChild(0));
    }
    return false;
  }

  /** The property name of {@code a.name}, taken from the node's printed form. */
  private static String methodName(AstProperty dot) {
    String printed = dot.toString(); // ". name"
    int at = printed.lastIndexOf(' ');
    return at < 0 ? printed : printed.substring(at + 1);
  }

  private static String describe(AstProperty property) {
    StringBuilder out = new StringBuilder();
    try {
      property.appendStructure(out, null);
    } catch (RuntimeException e) {
      return property.toString();
    }
    return clip(out.toString());
  }

  static String clip(String text) {
    return text.length() > 120 ? text.substring(0, 117) + "…" : text;
  }

  /** Methods every Java object has; none of them is a business method of a bean. */
  static final class ObjectMethods {
    static final Set<String> NAMES = Set.of("getClass", "wait", "notify", "notifyAll", "hashCode", "equals",
        "toString", "clone", "finalize", "forName", "class");

    private ObjectMethods() {}
  }
}
