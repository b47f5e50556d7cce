package io.hitgov.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hitgov.shared.GovernanceGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.Test;

/**
 * Lint as a test for every model in processes/ and forms/ (style.md 4.2): ids follow the naming
 * table and their prefix names the element's type, files are named after what they define, every
 * model carries the agreed history TTL, forms are bound by deployment, literal candidate groups
 * are governance groups, and the build's bpmnlint run covers every model folder.
 */
class ProcessModelConventionsTest {

  /** Engine history retention: six years (45 CFR 164.316(b)(2)(i)); see docs/adr/0002. */
  static final String HISTORY_TTL = "P4018D";
  static final Pattern ELEMENT_ID = Pattern.compile(
      "(StartEvent|EndEvent|UserTask|ServiceTask|BusinessRuleTask|SendTask|ReceiveTask|ScriptTask|CallActivity"
          + "|SubProcess|Gateway|SequenceFlow|Flow|BoundaryEvent|TimerEvent|IntermediateEvent)_[A-Za-z0-9]+");
  static final Pattern EXPRESSION = Pattern.compile("\\$\\{");

  /**
   * The id prefixes each element type may carry (docs/conventions.md); the first matching type
   * wins. A flow element of a type not listed here fails the test until the table names it.
   */
  static final Map<Class<? extends FlowElement>, Set<String>> ID_PREFIXES = new LinkedHashMap<>();

  static {
    ID_PREFIXES.put(StartEvent.class, Set.of("StartEvent"));
    ID_PREFIXES.put(EndEvent.class, Set.of("EndEvent"));
    ID_PREFIXES.put(BoundaryEvent.class, Set.of("BoundaryEvent"));
    ID_PREFIXES.put(IntermediateCatchEvent.class, Set.of("IntermediateEvent", "TimerEvent"));
    ID_PREFIXES.put(IntermediateThrowEvent.class, Set.of("IntermediateEvent"));
    ID_PREFIXES.put(UserTask.class, Set.of("UserTask"));
    ID_PREFIXES.put(ServiceTask.class, Set.of("ServiceTask"));
    ID_PREFIXES.put(BusinessRuleTask.class, Set.of("BusinessRuleTask"));
    ID_PREFIXES.put(SendTask.class, Set.of("SendTask"));
    ID_PREFIXES.put(ReceiveTask.class, Set.of("ReceiveTask"));
    ID_PREFIXES.put(ScriptTask.class, Set.of("ScriptTask"));
    ID_PREFIXES.put(CallActivity.class, Set.of("CallActivity"));
    ID_PREFIXES.put(SubProcess.class, Set.of("SubProcess"));
    ID_PREFIXES.put(Gateway.class, Set.of("Gateway"));
    ID_PREFIXES.put(SequenceFlow.class, Set.of("SequenceFlow", "Flow"));
  }

  /** The id's prefix does not name the element's type: a message, or null when it does. */
  static String prefixMismatch(FlowElement element) {
    String id = element.getId();
    String prefix = id.contains("_") ? id.substring(0, id.indexOf('_')) : id;
    for (Map.Entry<Class<? extends FlowElement>, Set<String>> entry : ID_PREFIXES.entrySet()) {
      if (entry.getKey().isInstance(element)) {
        Set<String> allowed = entry.getValue();
        if (element instanceof IntermediateCatchEvent catchEvent && "TimerEvent".equals(prefix)
            && catchEvent.getEventDefinitions().stream().noneMatch(TimerEventDefinition.class::isInstance)) {
          return "element id '" + id + "' starts with TimerEvent_ but the event has no timer";
        }
        return allowed.contains(prefix) ? null
            : "element id '" + id + "' of a " + element.getElementType().getTypeName() + " must start with "
                + String.join("_ or ", allowed.stream().sorted().toList()) + "_";
      }
    }
    return "element id '" + id + "': " + element.getElementType().getTypeName()
        + " has no id prefix in the naming table (ID_PREFIXES)";
  }

  static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> paths = Files.walk(Path.of(folder))) {
      return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.lastIndexOf('.'));
  }

  static final String MODELER_NS = "http://camunda.org/schema/modeler/1.0";
  /** The engine version the models are written for: Modeler's lint and bpmnlint's camunda-compat rules use it. */
  static final String EXECUTION_PLATFORM_VERSION = "7.24.0";

  /** Processes only the engine starts (call activities, HITGov's own delegates): no start form. */
  static final java.util.Set<String> ENGINE_STARTED = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("StageGateReviewProcess", "GateConditionProcess", "PortfolioWatchProcess",
          "NotificationDeliveryProcess", "NotificationDigestProcess", "NotificationRetentionProcess", "StatusReportProcess", "PortfolioPackProcess"),
      io.hitgov.lifecycle.ImplementationLifecycleProcess.PHASE_PROCESSES.values().stream())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Fit-to-screen in Cockpit on a 1920 x 1080 screen (issue #11): diagram width and edge length limits. */
  static final int MAX_DIAGRAM_WIDTH = 3000;
  static final int MAX_EDGE_LENGTH = 1500;

  /** Every user task's name starts with the project it is about (docs/conventions.md#models). */
  static final String PROJECT_PREFIX = "${projectId} · ";
  static final String STALLED_PHASE_REVIEW = "UserTask_ReviewStalledPhase";

  @Test
  void bpmn_files_follow_the_conventions() throws IOException {
    List<Path> bpmns = files("processes", ".bpmn");
    assertThat(bpmns).isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (Path file : bpmns) {
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));
      if (processes.size() != 1 || !processes.get(0).getId().equals(baseName(file))) {
        problems.add(file + ": must define exactly one process with the file's name as id");
        continue;
      }
      Process process = processes.get(0);
      if (!"Camunda Platform".equals(model.getDefinitions().getAttributeValueNs(MODELER_NS, "executionPlatform"))
          || !EXECUTION_PLATFORM_VERSION.equals(
              model.getDefinitions().getAttributeValueNs(MODELER_NS, "executionPlatformVersion"))) {
        problems.add(file + ": definitions need modeler:executionPlatform=\"Camunda Platform\" and "
            + "modeler:executionPlatformVersion=\"" + EXECUTION_PLATFORM_VERSION + "\" (Modeler lints by them)");
      }
      if (!process.getId().endsWith("Process")) {
        problems.add(file + ": process id must end with 'Process'");
      }
      if (!HISTORY_TTL.equals(process.getCamundaHistoryTimeToLiveString())) {
        problems.add(file + ": historyTimeToLive must be " + HISTORY_TTL);
      }
      if (ENGINE_STARTED.contains(process.getId()) == process.isCamundaStartableInTasklist()) {
        problems.add(file + ": isStartableInTasklist must be " + !ENGINE_STARTED.contains(process.getId())
            + " (engine-started processes stay out of Tasklist's start list)");
      }
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        if (!ELEMENT_ID.matcher(element.getId()).matches()) {
          problems.add(file + ": element id '" + element.getId() + "' does not follow Type_Name");
        }
        String mismatch = prefixMismatch(element);
        if (mismatch != null) {
          problems.add(file + ": " + mismatch);
        }
        if (element instanceof SequenceFlow flow && flow.getConditionExpression() != null
            && !flow.getId().startsWith("SequenceFlow_")) {
          problems.add(file + ": conditional flow '" + flow.getId() + "' must be SequenceFlow_<Gateway><Answer>");
        }
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        if (task.getCamundaFormRef() == null || !"deployment".equals(task.getCamundaFormRefBinding())) {
          problems.add(file + ": user task " + task.getId() + " needs camunda:formRef with binding deployment");
        }
        String groups = task.getCamundaCandidateGroups();
        if (groups == null && task.getCamundaAssignee() == null) {
          problems.add(file + ": user task " + task.getId() + " has neither a candidate group nor an assignee");
        } else if (groups != null && !EXPRESSION.matcher(groups).find()) {
          for (String group : groups.split(",")) {
            if (!GovernanceGroup.isKnown(group.strip())) {
              problems.add(file + ": user task " + task.getId() + " names unknown group '" + group + "'");
            }
          }
        }
      }
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        if (STALLED_PHASE_REVIEW.equals(task.getId())) {
          continue; // replaced by the portfolio watch
        }
        if (task.getName() == null || !task.getName().startsWith(PROJECT_PREFIX)) {
          problems.add(file + ": user task " + task.getId() + " must be named '" + PROJECT_PREFIX + "…' (project first)");
        }
        if (task.getDocumentations().isEmpty() || !task.getDocumentations().iterator().next().getTextContent().contains("Done when")) {
          problems.add(file + ": user task " + task.getId() + " needs <documentation> saying what is expected and 'Done when: …'");
        }
        if (task.getCamundaDueDate() == null) {
          problems.add(file + ": user task " + task.getId() + " needs camunda:dueDate");
        }
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getParentElement() instanceof Process && start.getCamundaFormRef() == null
            && !ENGINE_STARTED.contains(process.getId())) {
          problems.add(file + ": start event " + start.getId() + " needs a start form (camunda:formRef)");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void the_build_lints_every_model_folder() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher execution = Pattern.compile("<id>bpmnlint</id>(.*?)</execution>", Pattern.DOTALL).matcher(pom);
    assertThat(execution.find()).as("pom.xml runs bpmnlint (execution id 'bpmnlint')").isTrue();
    List<String> arguments = new ArrayList<>();
    Matcher argument = Pattern.compile("<argument>([^<]*)</argument>").matcher(execution.group(1));
    while (argument.find()) {
      arguments.add(argument.group(1));
    }
    List<String> unlinted = new ArrayList<>();
    for (Path file : files("processes", ".bpmn")) {
      String folder = file.getParent().getFileName().toString();
      boolean linted = arguments.contains("../../../processes/**/*.bpmn")
          || arguments.contains("../../../processes/" + folder + "/*.bpmn");
      if (!linted) {
        unlinted.add(file.toString());
      }
    }
    assertThat(unlinted).as("models the build's bpmnlint run does not cover").isEmpty();
  }

  /**
   * Every diagram is readable at Cockpit's fit-to-screen: each flow element and flow is drawn, the
   * diagram is at most 3,000 px wide, no edge is longer than 1,500 px and no two shapes overlap
   * (boundary events sit on their activity, shapes inside an expanded sub-process in it).
   */
  @Test
  void diagrams_fit_the_screen() throws Exception {
    List<String> problems = new ArrayList<>();
    for (Path file : files("processes", ".bpmn")) {
      javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      org.w3c.dom.Document document = factory.newDocumentBuilder().parse(file.toFile());
      java.util.Map<String, double[]> shapes = new java.util.LinkedHashMap<>();
      org.w3c.dom.NodeList shapeNodes = document.getElementsByTagNameNS("*", "BPMNShape");
      double minX = Double.MAX_VALUE;
      double maxX = -Double.MAX_VALUE;
      for (int i = 0; i < shapeNodes.getLength(); i++) {
        org.w3c.dom.Element shape = (org.w3c.dom.Element) shapeNodes.item(i);
        org.w3c.dom.Element bounds = (org.w3c.dom.Element) shape.getElementsByTagNameNS("*", "Bounds").item(0);
        double[] box = {Double.parseDouble(bounds.getAttribute("x")), Double.parseDouble(bounds.getAttribute("y")),
            Double.parseDouble(bounds.getAttribute("width")), Double.parseDouble(bounds.getAttribute("height"))};
        shapes.put(shape.getAttribute("bpmnElement"), box);
        minX = Math.min(minX, box[0]);
        maxX = Math.max(maxX, box[0] + box[2]);
      }
      org.w3c.dom.NodeList edgeNodes = document.getElementsByTagNameNS("*", "BPMNEdge");
      java.util.Set<String> edges = new java.util.HashSet<>();
      for (int i = 0; i < edgeNodes.getLength(); i++) {
        org.w3c.dom.Element edge = (org.w3c.dom.Element) edgeNodes.item(i);
        edges.add(edge.getAttribute("bpmnElement"));
        org.w3c.dom.NodeList points = edge.getElementsByTagNameNS("*", "waypoint");
        double length = 0;
        for (int k = 0; k < points.getLength(); k++) {
          org.w3c.dom.Element point = (org.w3c.dom.Element) points.item(k);
          double x = Double.parseDouble(point.getAttribute("x"));
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          if (k > 0) {
            org.w3c.dom.Element before = (org.w3c.dom.Element) points.item(k - 1);
            length += Math.hypot(x - Double.parseDouble(before.getAttribute("x")),
                Double.parseDouble(point.getAttribute("y")) - Double.parseDouble(before.getAttribute("y")));
          }
        }
        if (length > MAX_EDGE_LENGTH) {
          problems.add(file + ": edge " + edge.getAttribute("bpmnElement") + " is " + Math.round(length) + " px long");
        }
      }
      if (maxX - minX > MAX_DIAGRAM_WIDTH) {
        problems.add(file + ": diagram is " + Math.round(maxX - minX) + " px wide");
      }
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      List<FlowElement> drawn = new ArrayList<>();
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        boolean flow = element instanceof SequenceFlow;
        if (flow ? !edges.contains(element.getId()) : !shapes.containsKey(element.getId())) {
          problems.add(file + ": " + element.getId() + " is not drawn");
        } else if (!flow && !(element instanceof org.camunda.bpm.model.bpmn.instance.SubProcess)
            && !(element instanceof org.camunda.bpm.model.bpmn.instance.BoundaryEvent)) {
          drawn.add(element);
        }
      }
      for (int a = 0; a < drawn.size(); a++) {
        for (int b = a + 1; b < drawn.size(); b++) {
          double[] p = shapes.get(drawn.get(a).getId());
          double[] q = shapes.get(drawn.get(b).getId());
          if (p[0] < q[0] + q[2] && q[0] < p[0] + p[2] && p[1] < q[1] + q[3] && q[1] < p[1] + p[3]) {
            problems.add(file + ": " + drawn.get(a).getId() + " overlaps " + drawn.get(b).getId());
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void dmn_files_follow_the_conventions() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : files("processes", ".dmn")) {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      List<Decision> decisions = List.copyOf(model.getModelElementsByType(Decision.class));
      if (decisions.size() != 1 || !decisions.get(0).getId().equals(baseName(file))) {
        problems.add(file + ": must define exactly one decision with the file's name as id");
        continue;
      }
      if (!decisions.get(0).getId().endsWith("Decision")) {
        problems.add(file + ": decision id must end with 'Decision'");
      }
      if (!HISTORY_TTL.equals(decisions.get(0).getCamundaHistoryTimeToLiveString())) {
        problems.add(file + ": historyTimeToLive must be " + HISTORY_TTL);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void forms_are_named_after_their_id() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Path> forms = files("forms", ".form");
    assertThat(forms).isNotEmpty();
    for (Path file : forms) {
      String id = json.readTree(file.toFile()).get("id").asText();
      assertThat(id).as(file.toString()).isEqualTo(baseName(file)).endsWith("Form");
    }
  }

  /** Every delegate and listener bean a model names, for the Spring-context check in DeployedModelsTest. */
  static List<String> beanNames() throws IOException {
    Pattern bean = Pattern.compile("delegateExpression=\"\\$\\{([A-Za-z0-9]+)}\"");
    List<String> names = new ArrayList<>();
    for (Path file : files("processes", ".bpmn")) {
      Matcher matcher = bean.matcher(Files.readString(file));
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names.stream().distinct().sorted().toList();
  }
}
