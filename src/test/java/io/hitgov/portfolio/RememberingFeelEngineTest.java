package io.hitgov.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.process.RememberingFeelEngine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The sweep's DMN engine answers exactly as Camunda's plain one: for the shipped table over many
 * random projects, and for a table a PMO might write with rules that read other variables, call
 * functions or compare against texts, where nothing may be remembered by the input alone.
 */
class RememberingFeelEngineTest {

  private final DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private final DmnEngine remembering = StalledProjectRules.dmnEngine();

  @Test
  void the_shipped_table_answers_as_the_plain_engine_for_five_thousand_random_projects() throws Exception {
    DmnDecision plainDecision;
    DmnDecision rememberingDecision;
    try (InputStream a = Files.newInputStream(Path.of(PortfolioWatchProcess.DECISION_RESOURCE));
        InputStream b = Files.newInputStream(Path.of(PortfolioWatchProcess.DECISION_RESOURCE))) {
      plainDecision = plain.parseDecision(PortfolioWatchProcess.DECISION, a);
      rememberingDecision = remembering.parseDecision(PortfolioWatchProcess.DECISION, b);
    }
    Random random = new Random(42);
    String[] phases = {"P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"};
    int findings = 0;
    for (int i = 0; i < 5_000; i++) {
      Map<String, Object> facts = new HashMap<>();
      facts.put("currentPhase", phases[random.nextInt(phases.length)]);
      facts.put("phaseOverrunPercent", random.nextInt(60));
      facts.put("gateDecisionPendingBusinessDays", random.nextInt(20));
      facts.put("daysToGoLive", random.nextInt(500) - 50);
      facts.put("hardReadinessRed", random.nextBoolean());
      facts.put("hipaaPassValid", random.nextBoolean());
      facts.put("extremeRiskOpenBusinessDays", random.nextInt(6));
      facts.put("businessDaysSinceActivity", random.nextInt(40));
      var expected = plain.evaluateDecision(plainDecision, Variables.fromMap(facts)).getResultList();
      assertThat(remembering.evaluateDecision(rememberingDecision, Variables.fromMap(facts)).getResultList())
          .as("findings for %s", facts).isEqualTo(expected);
      findings += expected.size();
    }
    assertThat(findings).as("the random portfolio exercises the rules").isGreaterThan(1_000);
  }

  /** Rules that read a second variable, call a function or match text: each answer follows every variable. */
  private static final String PMO_TABLE = """
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="t">
        <decision id="pmo" name="pmo">
          <decisionTable id="t" hitPolicy="COLLECT">
            <input id="i1"><inputExpression id="e1" typeRef="integer"><text>overrun</text></inputExpression></input>
            <input id="i2"><inputExpression id="e2" typeRef="string"><text>phase</text></inputExpression></input>
            <input id="i3"><inputExpression id="e3" typeRef="integer"><text>overrun + extra</text></inputExpression></input>
            <output id="o" name="finding" typeRef="string" />
            <rule id="r1"><inputEntry id="a1"><text>&gt; tolerance</text></inputEntry><inputEntry id="a2"><text></text></inputEntry>
              <inputEntry id="a3"><text></text></inputEntry><outputEntry id="x1"><text>"over " + phase</text></outputEntry></rule>
            <rule id="r2"><inputEntry id="b1"><text>&gt; 20</text></inputEntry><inputEntry id="b2"><text>"P1","P2"</text></inputEntry>
              <inputEntry id="b3"><text></text></inputEntry><outputEntry id="y1"><text>"early"</text></outputEntry></rule>
            <rule id="r3"><inputEntry id="c1"><text></text></inputEntry><inputEntry id="c2"><text>starts with(?, "P9")</text></inputEntry>
              <inputEntry id="c3"><text>&gt; 100</text></inputEntry><outputEntry id="z1"><text>"late " + string(extra)</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>""";

  @Test
  void rules_that_read_other_variables_or_call_functions_follow_every_variable() {
    String[] phases = {"P1", "P2", "P5", "P9"};
    assertSameAnswers(PMO_TABLE, "pmo", 2_000, random -> Map.of("overrun", random.nextInt(4) * 10,
        "tolerance", random.nextInt(4) * 10, "extra", random.nextInt(3) * 50,
        "phase", phases[random.nextInt(phases.length)]));
  }

  @Test
  void a_missing_or_null_input_is_answered_as_the_plain_engine_answers_it() {
    DmnDecision plainDecision = plain.parseDecision("pmo", stream(PMO_TABLE));
    DmnDecision rememberingDecision = remembering.parseDecision("pmo", stream(PMO_TABLE));
    Map<String, Object> facts = new HashMap<>();
    facts.put("overrun", 30);
    facts.put("tolerance", 10);
    facts.put("extra", 0);
    facts.put("phase", null);
    for (int i = 0; i < 2; i++) {
      assertThat(remembering.evaluateDecision(rememberingDecision, Variables.fromMap(facts)).getResultList())
          .isEqualTo(plain.evaluateDecision(plainDecision, Variables.fromMap(facts)).getResultList());
    }
  }

  /** Names hidden from a quick look: inside comments between quotes, and {@code not}, which FEEL reads as a name. */
  private static final String HIDDEN_NAMES_TABLE = """
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="h" name="h" namespace="t">
        <decision id="hidden" name="hidden">
          <decisionTable id="t" hitPolicy="COLLECT">
            <input id="i1"><inputExpression id="e1" typeRef="integer"><text>overrun</text></inputExpression></input>
            <input id="i2"><inputExpression id="e2" typeRef="string"><text>phase</text></inputExpression></input>
            <output id="o" name="finding" typeRef="string" />
            <rule id="r1"><inputEntry id="a1"><text>&gt; /*"*/ tolerance /*"*/</text></inputEntry><inputEntry id="a2"><text></text></inputEntry>
              <outputEntry id="x1"><text>/*"*/ phase /*"*/</text></outputEntry></rule>
            <rule id="r2"><inputEntry id="b1"><text>&lt; 10 //"
                + tolerance</text></inputEntry><inputEntry id="b2"><text></text></inputEntry>
              <outputEntry id="y1"><text>"low"</text></outputEntry></rule>
            <rule id="r3"><inputEntry id="c1"><text></text></inputEntry><inputEntry id="c2"><text>not</text></inputEntry>
              <outputEntry id="z1"><text>not</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>""";

  @Test
  void names_hidden_in_comments_or_named_not_are_never_remembered_by_the_input_alone() {
    String[] phases = {"P1", "P2", "P5"};
    assertSameAnswers(HIDDEN_NAMES_TABLE, "hidden", 500, random -> Map.of("overrun", random.nextInt(3) * 10,
        "tolerance", random.nextInt(3) * 10, "phase", phases[random.nextInt(phases.length)],
        "not", phases[random.nextInt(phases.length)]));
  }

  @Test
  void a_long_text_in_a_rule_is_answered_as_the_plain_engine_answers_it() {
    String text = "a".repeat(20_000);
    String table = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="l" name="l" namespace="t">
          <decision id="long" name="long">
            <decisionTable id="t" hitPolicy="COLLECT">
              <input id="i1"><inputExpression id="e1" typeRef="string"><text>phase</text></inputExpression></input>
              <output id="o" name="finding" typeRef="string" />
              <rule id="r1"><inputEntry id="a1"><text>"TEXT"</text></inputEntry>
                <outputEntry id="x1"><text>"TEXT"</text></outputEntry></rule>
              <rule id="r2"><inputEntry id="b1"><text>"P1"</text></inputEntry>
                <outputEntry id="y1"><text>string length("TEXT")</text></outputEntry></rule>
            </decisionTable>
          </decision>
        </definitions>""".replace("TEXT", text);
    String[] phases = {"P1", "P2", text};
    assertSameAnswers(table, "long", 20, random -> Map.of("phase", phases[random.nextInt(phases.length)]));
  }

  /** Rules calling built-in functions that answer from their arguments alone, which are remembered. */
  private static final String PURE_TABLE = """
      <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="p" name="p" namespace="t">
        <decision id="pure" name="pure">
          <decisionTable id="t" hitPolicy="COLLECT">
            <input id="i1"><inputExpression id="e1" typeRef="double"><text>if cost = null then null else abs(cost) * 100 / budget</text></inputExpression></input>
            <input id="i2"><inputExpression id="e2" typeRef="integer"><text>max(overrun, extra) - min(overrun, extra)</text></inputExpression></input>
            <output id="o" name="finding" typeRef="string" />
            <rule id="r1"><inputEntry id="a1"><text>&gt;= floor(tolerance / 2)</text></inputEntry><inputEntry id="a2"><text></text></inputEntry>
              <outputEntry id="x1"><text>"share " + string(decimal(abs(cost) * 100 / budget, 1))</text></outputEntry></rule>
            <rule id="r2"><inputEntry id="b1"><text></text></inputEntry><inputEntry id="b2"><text>&gt; 20</text></inputEntry>
              <outputEntry id="y1"><text>"spread"</text></outputEntry></rule>
            <rule id="r3"><inputEntry id="c1"><text>&lt; 1</text></inputEntry><inputEntry id="c2"><text>odd(?)</text></inputEntry>
              <outputEntry id="z1"><text>"odd"</text></outputEntry></rule>
          </decisionTable>
        </decision>
      </definitions>""";

  @Test
  void rules_calling_functions_that_answer_from_their_arguments_answer_as_the_plain_engine() {
    assertSameAnswers(PURE_TABLE, "pure", 2_000, random -> {
      Map<String, Object> facts = new HashMap<>();
      facts.put("cost", random.nextInt(5) == 0 ? null : (random.nextInt(9) - 4) * 5_000L);
      facts.put("budget", 100_000L);
      facts.put("tolerance", random.nextInt(4) * 3);
      facts.put("overrun", random.nextInt(4) * 10 + random.nextInt(2));
      facts.put("extra", random.nextInt(3) * 15);
      return facts;
    });
  }

  @Test
  void a_pure_function_is_asked_of_feel_once_per_value_a_clock_function_every_time() {
    AtomicInteger asked = new AtomicInteger();
    FeelEngine scala = new ScalaFeelEngineFactory().createInstance();
    FeelEngine counting = (FeelEngine) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {FeelEngine.class},
        (proxy, method, args) -> {
          asked.incrementAndGet();
          try {
            return method.invoke(scala, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    RememberingFeelEngine feel = new RememberingFeelEngine(counting);
    var minus = Variables.createVariables().putValue("cost", -5_000L).asVariableContext();
    var plus = Variables.createVariables().putValue("cost", 5_000L).asVariableContext();
    for (int i = 0; i < 3; i++) {
      assertThat((Object) feel.evaluateSimpleExpression("abs(cost) * 2", minus)).isEqualTo(10_000L);
      assertThat((Object) feel.evaluateSimpleExpression("abs(cost) * 2", plus)).isEqualTo(10_000L);
    }
    assertThat(asked.get()).as("once per value of cost").isEqualTo(2);
    for (int i = 0; i < 3; i++) {
      feel.evaluateSimpleExpression("today() - date(\"2026-01-01\")", minus);
      feel.evaluateSimpleExpression("string length(\"x\") + abs(cost)", minus);
    }
    assertThat(asked.get()).as("a clock function and a function of several words every time").isEqualTo(8);
  }

  /** Both engines, the same table, {@code runs} random projects: the same findings (or the same failure) each time. */
  private void assertSameAnswers(String table, String decisionKey, int runs,
      java.util.function.Function<Random, Map<String, Object>> projects) {
    DmnDecision plainDecision = plain.parseDecision(decisionKey, stream(table));
    DmnDecision rememberingDecision = remembering.parseDecision(decisionKey, stream(table));
    Random random = new Random(runs);
    for (int i = 0; i < runs; i++) {
      Map<String, Object> facts = projects.apply(random);
      assertThat(answer(remembering, rememberingDecision, facts)).as("findings for %s", facts)
          .isEqualTo(answer(plain, plainDecision, facts));
    }
  }

  /** The findings, or the kind of failure: both engines must fail alike where FEEL refuses a text. */
  private static Object answer(DmnEngine engine, DmnDecision decision, Map<String, Object> facts) {
    try {
      return engine.evaluateDecision(decision, Variables.fromMap(facts)).getResultList();
    } catch (RuntimeException e) {
      return "failed: " + e.getClass().getName();
    }
  }

  private static InputStream stream(String xml) {
    return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
  }
}
