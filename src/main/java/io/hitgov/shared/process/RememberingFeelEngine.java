package io.hitgov.shared.process;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Camunda's FEEL engine, remembering the result of an expression that can depend on one value only,
 * keyed by that value: the FEEL engine of every DMN engine in HITGov (the process engine's, through
 * {@link RememberingFeelPlugin}, the portfolio sweep's and the change routing explanation's own).
 *
 * <p>Camunda's Scala FEEL engine builds its table of built-in functions for every evaluation (about
 * 20 µs), and a decision table costs one evaluation per input and per input entry of every rule:
 * {@code StalledProjectDecision} some twenty per project, {@code ChangeRoutingDecision} some forty
 * per change. The portfolio sweep over 10,000 projects and the readable change approval forms spent
 * most of their time there, although the tables ask the same few questions of the same few values. Two kinds of expression are remembered, both evaluated by the FEEL engine
 * itself the first time, so their meaning is FEEL's:
 * <ul>
 *   <li>an expression that is a bare name ({@code phaseOverrunPercent}, the table's inputs), keyed by
 *       the variable's value;</li>
 *   <li>an expression of literals only ({@code > 20}, {@code [0..30]}, {@code not("P7", "P8")},
 *       {@code "stalledPhase"}): outside string literals no name but {@code true}, {@code false},
 *       {@code null} and the negation {@code not(…)}, and no comment, so no variable, function or
 *       clock can enter it; unary tests are keyed by the input's value.</li>
 * </ul>
 * Only immutable plain values (text, numbers, booleans, dates and times, null) are keys; anything
 * else, and every other expression, goes to the FEEL engine each time; so does a text longer than
 * {@value #MAX_KEY_TEXT} characters (memory). A failed evaluation is not remembered. At most
 * {@value #MAX_REMEMBERED} results are kept; then the memory starts again.
 */
public final class RememberingFeelEngine implements FeelEngine {

  static final int MAX_REMEMBERED = 20_000;
  static final int MAX_KEY_TEXT = 200;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern LITERAL_SYMBOLS = Pattern.compile("[ 0-9.,\\[\\]()<>=!+*/-]*");
  private static final Pattern LITERAL_SYMBOLS_OR_INPUT = Pattern.compile("[ 0-9.,\\[\\]()<>=!+*/?-]*");
  /** FEEL's literals; {@code not} is no reserved word in FEEL, only the negation {@code not(…)} is meant. */
  private static final Pattern KEYWORD = Pattern.compile("\\b(?:true|false|null)\\b|\\bnot(?=\\s*\\()");
  /** FEEL reads these as comments, which may hide a name between two quotes. */
  private static final Pattern COMMENT = Pattern.compile("//|/\\*");
  private static final Set<String> LITERAL_NAMES = Set.of("true", "false", "null");

  private record Key(boolean unaryTests, String expression, Object value) {}

  private static final Object NO_VALUE = new Object();
  private static final Object NULL_INPUT = new Object();
  private static final Object NULL_RESULT = new Object();
  private static final Set<Class<?>> PLAIN = Set.of(String.class, Boolean.class, Integer.class, Long.class,
      Short.class, Byte.class, Double.class, Float.class, java.math.BigDecimal.class, java.math.BigInteger.class);

  private final FeelEngine feel;
  private final Map<Key, Object> remembered = new ConcurrentHashMap<>();
  private final Map<String, Boolean> literalOnly = new ConcurrentHashMap<>();

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
    String text = expression.trim();
    Object value = NO_VALUE;
    if (NAME.matcher(text).matches() && !LITERAL_NAMES.contains(text)) {
      value = variables.containsVariable(text) ? plain(variables.resolve(text)) : null;
      if (value == null) {
        return feel.evaluateSimpleExpression(expression, variables);
      }
    } else if (!literalOnly(text, false)) {
      return feel.evaluateSimpleExpression(expression, variables);
    }
    return (T) remember(new Key(false, expression, value), () -> feel.evaluateSimpleExpression(expression, variables));
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
    Object input = variables.containsVariable(inputVariable) ? plain(variables.resolve(inputVariable)) : null;
    if (input == null || !literalOnly(expression.trim(), true)) {
      return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
    return (Boolean) remember(new Key(true, expression, input),
        () -> feel.evaluateSimpleUnaryTests(expression, inputVariable, variables));
  }

  private Object remember(Key key, Supplier<Object> evaluation) {
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
   * Whether FEEL can read nothing but literals in {@code text}: outside string literals only digits,
   * operators, brackets, spaces, {@code true}, {@code false}, {@code null}, the negation
   * {@code not(…)}, no comment (a comment could hide a name between two quotes), and in unary tests
   * the input {@code ?}.
   */
  private boolean literalOnly(String text, boolean unaryTests) {
    if (literalOnly.size() >= MAX_REMEMBERED) {
      literalOnly.clear();
    }
    return literalOnly.computeIfAbsent((unaryTests ? "?" : "=") + text, key -> {
      String outsideStrings = STRING_LITERAL.matcher(text).replaceAll(" ");
      if (outsideStrings.indexOf('"') >= 0 || COMMENT.matcher(outsideStrings).find()) {
        return false;
      }
      return (unaryTests ? LITERAL_SYMBOLS_OR_INPUT : LITERAL_SYMBOLS)
          .matcher(KEYWORD.matcher(outsideStrings).replaceAll(" ")).matches();
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
