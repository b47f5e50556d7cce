package io.hitgov.bench.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stand-in beans under every name the models call (HITGov's delegates and listeners), read from the models.
 * They write nothing of their own: they set the variables the models route on, as HITGov's beans do for
 * the benchmark's inputs. Scoring evaluates RiskScoreDecision like HITGov; routing sets the approvals
 * ChangeRoutingDecision gives the benchmark's change (project managers, PMO) without evaluating it.
 */
@Configuration
class StandIns {

  static final AtomicLong IDS = new AtomicLong();
  /** HITGov's risk escalation ladder, bottom to top, and the group of each level. */
  static final List<String> LADDER = List.of("PROJECT_MANAGER", "PMO", "STEERING_COMMITTEE");
  static final List<String> LADDER_GROUPS = List.of("projectManagers", "pmo", "steeringCommittee");
  /** HITGov's default next level up for an overdue approval, for the groups the benchmark's change needs. */
  static final Map<String, String> APPROVAL_ESCALATION = Map.of("projectManagers", "pmo", "pmo", "steeringCommittee");

  /** A stand-in for every bean the deployed models name in a delegateExpression. */
  @Bean
  static BeanFactoryPostProcessor standInBeans() {
    return factory -> {
      for (String name : namesInModels(DELEGATE)) {
        ((DefaultListableBeanFactory) factory).registerSingleton(name, new StandIn(name));
      }
      for (String name : namesInModels(CALENDAR)) {
        ((DefaultListableBeanFactory) factory).registerSingleton(name, new StandInCalendar());
      }
    };
  }

  static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{(\\w+)}\"");
  /** The calendars the models' due and follow-up dates call, e.g. {@code ${riskCalendar.businessDays(2)}}. */
  static final Pattern CALENDAR = Pattern.compile("\\$\\{(\\w+Calendar)\\.");

  static Set<String> namesInModels(Pattern pattern) {
    Set<String> names = new TreeSet<>();
    try {
      for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*.bpmn")) {
        Matcher matcher = pattern.matcher(model.getContentAsString(StandardCharsets.UTF_8));
        while (matcher.find()) {
          names.add(matcher.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /**
   * Due and follow-up dates as a team without HITGov's business calendar would write them: calendar
   * days from now, no reminders.
   */
  public static final class StandInCalendar {

    public String businessDays(int days) {
      return StandIn.inDays(days);
    }

    public String reminder(Object due, int businessDaysBefore) {
      return null;
    }

    public String phaseDue(String projectId, String phase) {
      return StandIn.inDays(30);
    }

    public String phaseReminder(String projectId, String phase, int businessDaysBefore) {
      return null;
    }
  }

  /** One stand-in, behaving by the name it stands in for. */
  static final class StandIn implements JavaDelegate, ExecutionListener, TaskListener {

    private final String name;

    StandIn(String name) {
      this.name = name;
    }

    @Override
    public void execute(DelegateExecution execution) {
      act(execution);
    }

    @Override
    public void notify(DelegateExecution execution) {
      act(execution);
    }

    @Override
    public void notify(DelegateTask task) {
      // HITGov's task listeners record who did what in its own tables; nothing to route on here
    }

    /** Days from the engine's clock (which the benchmark moves to make timers due), as HITGov's dates are. */
    private static String inDays(int days) {
      return OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneId.systemDefault())
          .plusDays(days).withNano(0).toString();
    }

    private void act(DelegateExecution execution) {
      switch (name) {
        case "registerRiskDelegate" -> {
          String riskId = "RISK-" + execution.getVariable("projectId") + "-" + IDS.incrementAndGet();
          execution.setProcessBusinessKey(riskId);
          execution.setVariable("riskId", riskId);
          execution.setVariable("healthItSafetyEvent", Boolean.TRUE.equals(execution.getVariable("healthItSafetyEvent")));
          execution.setVariable("fastTrackStarted", false);
        }
        case "scoreRiskDelegate" -> {
          Map<String, Object> result = execution.getProcessEngineServices().getDecisionService()
              .evaluateDecisionByKey("RiskScoreDecision")
              .variables(Variables.createVariables().putValue("likelihood", execution.getVariable("likelihood"))
                  .putValue("impact", execution.getVariable("impact"))
                  .putValue("category", execution.getVariable("category")))
              .evaluate().getSingleResult().getEntryMap();
          execution.setVariable("riskScore", ((Number) result.get("riskScore")).intValue());
          execution.setVariable("riskBand", result.get("riskBand"));
          boolean fastTrack = "PATIENT_SAFETY".equals(execution.getVariable("category"))
              && ((Number) execution.getVariable("impact")).intValue() >= 3;
          execution.setVariable("patientSafetyFastTrack", fastTrack);
          execution.setVariable("safetyAcknowledgementDuration", "PT4H");
          execution.setVariable("rescoreNeedsRouting", false);
        }
        case "fastTrackStartListener" -> execution.setVariable("fastTrackStarted", true);
        case "ownershipStartListener" -> {
          execution.setVariable("escalationLevel", LADDER.get(0));
          execution.setVariable("escalationGroup", LADDER_GROUPS.get(0));
          execution.setVariable("escalateNow", false);
          execution.setVariable("escalationDue", inDays(5));
        }
        case "escalateRiskDelegate", "escalateRiskLevelDelegate" -> {
          // one step up the ladder, as HITGov's delegate: the model waits for the plan again until the top
          int level = Math.min(LADDER.indexOf(String.valueOf(execution.getVariable("escalationLevel"))) + 1,
              LADDER.size() - 1);
          execution.setVariable("escalationLevel", LADDER.get(level));
          execution.setVariable("escalationGroup", LADDER_GROUPS.get(level));
          execution.setVariable("escalationTopReached", level == LADDER.size() - 1);
          execution.setVariable("escalationDue", inDays(5));
          execution.setVariable("escalateNow", false);
        }
        case "escalateOverdueApprovalDelegate" -> escalateApproval(execution);
        case "registerChangeRequestDelegate" -> {
          String id = "CR-" + execution.getVariable("projectId") + "-" + IDS.incrementAndGet();
          execution.setProcessBusinessKey(id);
          execution.setVariable("changeRequestId", id);
          execution.setVariable("requester", execution.getProcessEngineServices().getIdentityService()
              .getCurrentAuthentication().getUserId());
          execution.setVariable("inFreezeWindow", false);
          execution.setVariable("changeRejected", false);
        }
        case "routeChangeDelegate" -> execution.setVariable("requiredApprovals",
            Variables.objectValue(new ArrayList<>(List.of("projectManagers", "pmo"))).create());
        case "approvalStartListener" -> execution.setVariableLocal("approvalDue", inDays(5));
        case "decideChangeDelegate" -> execution.setVariable("changeOutcome", "APPROVED");
        case "scheduleReviewDelegate" -> execution.setVariable("nextReviewDue", inDays(30));
        default -> {
          // closing, converting, updating baselines: HITGov's own records only
        }
      }
    }

    /**
     * An overdue approval: the next level up becomes a candidate of the approval task of the overdue
     * group's instance of the approvals, as HITGov's delegate does (the task found among the executions
     * the engine loaded for the job, no variable read per task).
     */
    private static void escalateApproval(DelegateExecution execution) {
      String group = (String) execution.getVariable("approverGroup");
      ExecutionEntity scope = (ExecutionEntity) execution;
      while (scope != null && !scope.hasVariableLocal("approverGroup")) {
        scope = scope.getParent();
      }
      var tasks = execution.getProcessEngineServices().getTaskService();
      for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
          .taskDefinitionKey("UserTask_ApproveChange").list()) {
        for (ExecutionEntity e = ((TaskEntity) task).getExecution(); e != null && scope != null; e = e.getParent()) {
          if (e.getId().equals(scope.getId())) {
            tasks.addCandidateGroup(task.getId(), group == null ? "pmo" : APPROVAL_ESCALATION.getOrDefault(group, "pmo"));
            break;
          }
        }
      }
    }
  }
}
