package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Camunda's FEEL engine, remembering the result of an expression that can depend only on the values
 * of the variables it names, keyed by those values: the FEEL engine of every DMN engine in HITGov
 * (the process engine's, through {@link RememberingFeelPlugin}, the portfolio sweep's and the change
 * routing explanation's own).
 *
 * <p>Camunda's Scala FEEL engine builds its table of built-in functions for every evaluation (about
 * 20 µs), and a decision table costs one evaluation per input and per input entry of every rule:
 * {@code StalledProjectDecision} some twenty per project, {@code ChangeRoutingDecision} some forty
 * per change. The portfolio sweep over 10,000 projects and the readable change approval forms spent
 * most of their time there, although the tables ask the same few questions of the same few values.
 *
 * <p>An expression is remembered when, outside its string literals and with no comment in it, it
 * holds nothing but digits, operators, brackets and spaces (and in unary tests the input {@code ?}),
 * the words {@code true}, {@code false}, {@code null}, {@code and}, {@code or}, {@code if},
 * {@code then}, {@code else}, the negation {@code not(…)}, calls of FEEL's built-in functions of one
 * word whose answer follows from their arguments alone ({@link #PURE_FUNCTIONS}: {@code abs},
 * {@code floor}, {@code min}, …; never {@code now}, {@code today} or a function of several words), and
 * names of variables present with a plain value, none of them called as a function or followed by a
 * path: {@code r01 = true}, {@code likelihood * impact}, {@code > 20}, {@code [0..30]},
 * {@code not("P7", "P8")}, {@code abs(costImpact) * 100 / budget}. No clock, random number or
 * function of HITGov's (it configures none in FEEL) can enter such an expression, so its result
 * follows from the values of the names it reads (and of the input, in unary tests), which are its
 * key. The first answer for a key is always FEEL's own.
 *
 * <p>Only immutable plain values (text, numbers, booleans, dates and times, null) are keys; anything
 * else, and every other expression, goes to the FEEL engine each time; so does a text longer than
 * {@value #MAX_KEY_TEXT} characters (memory). A failed evaluation is not remembered. At most
 * {@value #MAX_REMEMBERED} results are kept; then the memory starts again.
 */
public final class RememberingFeelEngine implements FeelEngine {

  static final int MAX_REMEMBERED = 20_000;
  static final int MAX_KEY_TEXT = 200;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** A string literal; possessive, so a long text does not recurse in the regex engine. */
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]++|\\\\.)*+\"");
  private static final Pattern LITERAL_SYMBOLS = Pattern.compile("[ 0-9.,\\[\\]()<>=!+*/-]*");
  private static final Pattern LITERAL_SYMBOLS_OR_INPUT = Pattern.compile("[ 0-9.,\\[\\]()<>=!+*/?-]*");
  /** FEEL reads these as comments, which may hide a name between two quotes. */
  private static final Pattern COMMENT = Pattern.compile("//|/\\*");
  /** FEEL's words that are no variable; {@code not} is no reserved word in FEEL, only the negation {@code not(…)} is meant. */
  private static final Set<String> WORDS = Set.of("true", "false", "null", "and", "or", "if", "then", "else");
  /**
   * FEEL's built-in functions of one word whose answer depends on their arguments only (numeric, list
   * and text functions), and the negation {@code not(…)}: a call of one of them keeps an expression
   * rememberable. Clock functions ({@code now}, {@code today}) and functions of several words are not here.
   */
  static final Set<String> PURE_FUNCTIONS = Set.of("not", "abs", "floor", "ceiling", "decimal", "modulo", "sqrt",
      "odd", "even", "min", "max", "sum", "mean", "count", "substring", "contains");
  /** What {@link #namesRead} answers for an expression that is not remembered. */
  private static final List<String> NOT_REMEMBERED = List.of("\u0000");

  private static final Object NULL_INPUT = new Object();
  private static final Object NULL_RESULT = new Object();
  private static final Set<Class<?>> PLAIN = Set.of(String.class, Boolean.class, Integer.class, Long.class,
      Short.class, Byte.class, Double.class, Float.class, java.math.BigDecimal.class, java.math.BigInteger.class);

  private final FeelEngine feel;
  private final Map<List<Object>, Object> remembered = new ConcurrentHashMap<>();
  private final Map<String, List<String>> namesRead = new ConcurrentHashMap<>();

  public RememberingFeelEngine(FeelEngine feel) {
    this.feel = feel;
  }

  /**
   * A DMN engine configuration whose FEEL engine is the one Camunda would configure (Scala FEEL with
   * the configured custom functions, or the legacy one), remembering.
   */
  public static DefaultDmnEngineConfiguration dmnEngineConfiguration() {
    return new DefaultDmnEngineConfiguration() {
      @Override
      protected void initFeelEngine() {
        super.initFeelEngine();
        if (!(feelEngine instanceof RememberingFeelEngine)) {
          feelEngine = new RememberingFeelEngine(feelEngine);
        }
      }
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    List<Object> key = key(expression, null, variables);
    if (key == null) {
      return feel.evaluateSimpleExpression(expression, variables);
    }
    return (T) remember(key, () -> feel.evaluateSimpleExpression(expression, variables));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
    List<Object> key = key(expression, inputVariable, variables);
    if (key == null) {
      return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
    return (Boolean) remember(key, () -> feel.evaluateSimpleUnaryTests(expression, inputVariable, variables));
  }

  /**
   * The key of an expression (unary tests: of {@code inputVariable}): the expression and the values
   * of the input and of every name it reads; null when it is not remembered or a value is no key.
   */
  private List<Object> key(String expression, String inputVariable, VariableContext variables) {
    List<String> names = namesRead(expression.trim(), inputVariable != null);
    if (names == NOT_REMEMBERED) {
      return null;
    }
    List<Object> key = new ArrayList<>(names.size() + 3);
    key.add(inputVariable != null);
    key.add(expression);
    if (inputVariable != null) {
      key.add(inputVariable);
      key.add(value(variables, inputVariable));
    }
    for (String name : names) {
      key.add(value(variables, name));
    }
    return key.contains(null) ? null : key;
  }

  /** The variable's value as a key: a null value is its own key; an absent variable or a value not plain is none (null). */
  private static Object value(VariableContext variables, String name) {
    return variables.containsVariable(name) ? plain(variables.resolve(name)) : null;
  }

  private Object remember(List<Object> key, Supplier<Object> evaluation) {
    Object known = remembered.get(key);
    if (known != null) {
      return known == NULL_RESULT ? null : known;
    }
    Object result = evaluation.get();
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    if (result == null || plainType(result)) {
      remembered.put(key, result == null ? NULL_RESULT : result);
    }
    return result;
  }

  /**
   * The variables {@code text} reads, when FEEL can read nothing else in it (see the class comment);
   * {@link #NOT_REMEMBERED} otherwise.
   */
  private List<String> namesRead(String text, boolean unaryTests) {
    if (namesRead.size() >= MAX_REMEMBERED) {
      namesRead.clear();
    }
    return namesRead.computeIfAbsent((unaryTests ? "?" : "=") + text, k -> {
      String outsideStrings = STRING_LITERAL.matcher(text).replaceAll(" ");
      if (outsideStrings.indexOf('"') >= 0 || COMMENT.matcher(outsideStrings).find()) {
        return NOT_REMEMBERED;
      }
      List<String> names = new ArrayList<>();
      StringBuilder symbols = new StringBuilder();
      Matcher name = NAME.matcher(outsideStrings);
      int last = 0;
      while (name.find()) {
        symbols.append(outsideStrings, last, name.start()).append(' ');
        last = name.end();
        int next = name.end();
        while (next < outsideStrings.length() && outsideStrings.charAt(next) == ' ') {
          next++;
        }
        char following = next < outsideStrings.length() ? outsideStrings.charAt(next) : ' ';
        char preceding = name.start() > 0 ? outsideStrings.charAt(name.start() - 1) : ' ';
        if (following == '.' || preceding == '.' || Character.isDigit(preceding)) {
          return NOT_REMEMBERED; // a path, or a name glued to a number
        }
        if (following == '(') {
          if (PURE_FUNCTIONS.contains(name.group())) {
            continue; // the negation, or a built-in function answering from its arguments alone
          }
          return NOT_REMEMBERED; // any other function
        }
        if (!WORDS.contains(name.group()) && !names.contains(name.group())) {
          names.add(name.group());
        }
      }
      symbols.append(outsideStrings.substring(last));
      boolean literal = (unaryTests ? LITERAL_SYMBOLS_OR_INPUT : LITERAL_SYMBOLS).matcher(symbols).matches();
      return literal ? List.copyOf(names) : NOT_REMEMBERED;
    });
  }

  /** The value as a key: a null value is its own key; anything not plain and immutable is no key (null). */
  private static Object plain(TypedValue typed) {
    Object value = typed == null ? null : typed.getValue();
    if (value == null) {
      return NULL_INPUT;
    }
    if (value instanceof String text && text.length() > MAX_KEY_TEXT) {
      return null;
    }
    return plainType(value) ? value : null;
  }

  private static boolean plainType(Object value) {
    return PLAIN.contains(value.getClass()) || value.getClass().getPackageName().equals("java.time");
  }
}
