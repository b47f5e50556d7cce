package io.hitgov.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.hitgov.shared.process.RememberingFeelEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every decision table HITGov ships answers through the remembering FEEL engine (the process
 * engine's, the sweep's, the routing explanation's) exactly as through Camunda's plain DMN engine,
 * for random inputs built from the table itself: the names its input expressions read, the texts
 * and numbers its rules compare with (and their neighbours), other texts, and nulls. The same
 * remembering engine answers all tables in turn, so an answer remembered for one table or input
 * could only leak into another if the memory were keyed wrongly.
 */
class RememberingFeelShippedTablesTest {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)\"");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Set<String> FEEL_WORDS = Set.of("if", "then", "else", "and", "or", "not", "null", "true",
      "false", "abs", "between", "in");

  private static final DmnEngine PLAIN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
  private static final DmnEngine REMEMBERING = RememberingFeelEngine.dmnEngineConfiguration().buildEngine();

  static Stream<Path> tables() throws IOException {
    return Files.walk(Path.of("processes")).filter(p -> p.toString().endsWith(".dmn")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void every_shipped_table_answers_as_the_plain_engine_for_random_inputs(Path file) throws IOException {
    DmnModelInstance model;
    try (InputStream in = Files.newInputStream(file)) {
      model = Dmn.readModelFromStream(in);
    }
    int compared = 0;
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (!(decision.getExpression() instanceof DecisionTable table)) {
        continue;
      }
      Map<String, Inputs> names = namesRead(table);
      DmnDecision plain = PLAIN.parseDecision(decision.getId(), model);
      DmnDecision remembering = REMEMBERING.parseDecision(decision.getId(), model);
      Random random = new Random(file.toString().hashCode());
      for (int i = 0; i < 300; i++) {
        Map<String, Object> facts = new HashMap<>();
        names.forEach((name, inputs) -> facts.put(name, inputs.pick(random)));
        Object expected = answer(PLAIN, plain, facts);
        assertThat(answer(REMEMBERING, remembering, facts)).as("%s %s for %s", file, decision.getId(), facts)
            .isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).as("%s has a decision table", file).isPositive();
  }

  /** The result list, or the kind of failure: both engines must fail alike. */
  private static Object answer(DmnEngine engine, DmnDecision decision, Map<String, Object> facts) {
    try {
      return engine.evaluateDecision(decision, Variables.fromMap(facts)).getResultList();
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }

  /** What the inputs' expressions read, with the literals the rules compare each input with. */
  private static Map<String, Inputs> namesRead(DecisionTable table) {
    Map<String, Inputs> names = new HashMap<>();
    List<Input> inputs = new ArrayList<>(table.getInputs());
    for (int column = 0; column < inputs.size(); column++) {
      Input input = inputs.get(column);
      String expression = input.getInputExpression().getText().getTextContent();
      String typeRef = input.getInputExpression().getTypeRef();
      Set<String> texts = new LinkedHashSet<>();
      Set<Double> numbers = new LinkedHashSet<>();
      for (var rule : table.getRules()) {
        InputEntry entry = new ArrayList<>(rule.getInputEntries()).get(column);
        String text = entry.getText() == null ? "" : entry.getText().getTextContent();
        Matcher strings = STRING.matcher(text);
        while (strings.find()) {
          texts.add(strings.group(1));
        }
        Matcher digits = NUMBER.matcher(STRING.matcher(text).replaceAll(" "));
        while (digits.find()) {
          numbers.add(Double.parseDouble(digits.group()));
        }
      }
      String outsideStrings = STRING.matcher(expression).replaceAll(" ");
      Matcher name = NAME.matcher(outsideStrings);
      while (name.find()) {
        if (FEEL_WORDS.contains(name.group())) {
          continue;
        }
        boolean bare = outsideStrings.strip().equals(name.group());
        String kind = bare ? typeRef
            : outsideStrings.matches(".*\\b" + name.group() + "\\s*=\\s*true.*") ? "boolean" : "double";
        names.computeIfAbsent(name.group(), k -> new Inputs(kind, new LinkedHashSet<>(), new LinkedHashSet<>()))
            .add(bare ? texts : Set.of(), numbers);
      }
    }
    return names;
  }

  /** Random values of one kind: the table's own literals and their neighbours most of the time. */
  private record Inputs(String kind, Set<String> texts, Set<Double> numbers) {

    void add(Set<String> moreTexts, Set<Double> moreNumbers) {
      texts.addAll(moreTexts);
      numbers.addAll(moreNumbers);
    }

    Object pick(Random random) {
      if (random.nextInt(12) == 0) {
        return null;
      }
      return switch (kind == null ? "string" : kind) {
        case "boolean" -> random.nextBoolean();
        case "integer", "long" -> (int) Math.round(number(random));
        case "double" -> random.nextBoolean() ? number(random) : (Object) (int) Math.round(number(random));
        default -> texts.isEmpty() || random.nextInt(5) == 0 ? "OTHER" + random.nextInt(3)
            : new ArrayList<>(texts).get(random.nextInt(texts.size()));
      };
    }

    private double number(Random random) {
      if (numbers.isEmpty() || random.nextInt(4) == 0) {
        return random.nextInt(2_000) - 100;
      }
      double near = new ArrayList<>(numbers).get(random.nextInt(numbers.size()));
      return near + (random.nextInt(3) - 1) * (random.nextBoolean() ? 1 : 0.5);
    }
  }
}
