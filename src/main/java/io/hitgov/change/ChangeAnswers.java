package io.hitgov.change;

import io.hitgov.shared.process.IsoDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a change request's answers must satisfy (docs/domain/change-control.md): the type rules when
 * it is raised (a STANDARD change uses a pre-authorized template and moves nothing, an EMERGENCY
 * change moves no baseline, a go-live move names a new future date) and the impact assessment's
 * fields. Plain functions returning the problems, tested without Spring; the freeze window is
 * {@link FreezePolicy}'s.
 */
public final class ChangeAnswers {

  private ChangeAnswers() {}

  /** The problems of a change as raised, and its new go-live date when it moves go-live. */
  public record RaiseCheck(List<String> problems, LocalDate newGoLive) {}

  /** Checks a raised change against the project's current go-live date, today and the standard templates. */
  public static RaiseCheck raise(Map<String, Object> v, LocalDate currentGoLive, LocalDate today,
      List<String> templates) {
    String type = (String) v.get("changeType");
    long cost = ((Number) v.get("costImpact")).longValue();
    int days = ((Number) v.get("scheduleImpactDays")).intValue();
    boolean movesGoLive = Boolean.TRUE.equals(v.get("movesGoLive"));
    String newDate = blankToNull(v.get("newGoLiveDate"));
    String template = blankToNull(v.get("standardTemplateId"));
    List<String> problems = new ArrayList<>();
    LocalDate newGoLive = null;
    if (movesGoLive) {
      if (newDate == null) {
        problems.add("newGoLiveDate is required when movesGoLive is true");
      } else {
        newGoLive = IsoDates.parseRequired("newGoLiveDate", newDate);
        if (!newGoLive.isAfter(today)) {
          problems.add("newGoLiveDate " + newGoLive + " must be in the future");
        } else if (newGoLive.equals(currentGoLive)) {
          problems.add("newGoLiveDate " + newGoLive + " is the current go-live date");
        }
      }
    } else if (newDate != null) {
      problems.add("newGoLiveDate is only for a change with movesGoLive true");
    }
    if ("STANDARD".equals(type)) {
      if (template == null) {
        problems.add("standardTemplateId is required for a STANDARD change");
      } else if (!templates.contains(template)) {
        problems.add("standardTemplateId '" + template + "' is not a pre-authorized template " + templates);
      }
      if (cost != 0 || days != 0 || movesGoLive || flagged(v, "patientSafetyImpact", "phiImpact",
          "clinicalContentImpact", "interfaceImpact")) {
        problems.add("a STANDARD change has no cost, schedule, go-live, clinical, patient-safety, PHI or interface "
            + "impact; raise it as NORMAL");
      }
    }
    if ("EMERGENCY".equals(type) && (cost != 0 || days != 0 || movesGoLive)) {
      problems.add("an EMERGENCY change restores service and moves no baseline: raise its cost, schedule or go-live "
          + "effect as a NORMAL change");
    }
    return new RaiseCheck(problems, newGoLive);
  }

  /** The problems of an impact assessment's answers. */
  public static List<String> assessment(Map<String, Object> answers) {
    List<String> problems = new ArrayList<>();
    Object scope = answers.get("scopeChange");
    if (!(scope instanceof String s) || !ChangeRequestProcess.Values.SCOPE_CHANGES.contains(s)) {
      problems.add("scopeChange must be one of " + ChangeRequestProcess.Values.SCOPE_CHANGES);
    }
    Object risk = answers.get("changeRisk");
    if (!(risk instanceof String r) || !ChangeRequestProcess.Values.RISKS.contains(r)) {
      problems.add("changeRisk must be one of " + ChangeRequestProcess.Values.RISKS);
    }
    for (String required : List.of("implementationPlan", "backoutPlan")) {
      if (blankToNull(answers.get(required)) == null) {
        problems.add(required + " is required");
      }
    }
    for (String flag : List.of("criticalPath", "movesGate", "newFunding", "crossesFiscalYear",
        "changesCapitalOperatingSplit")) {
      Object value = answers.get(flag);
      if (value != null && !(value instanceof Boolean)) {
        problems.add(flag + " must be a Boolean, not " + value);
      }
    }
    for (String text : List.of("implementationPlan", "backoutPlan", "testPlan", "fiscalYear")) {
      Object value = answers.get(text);
      if (value != null && !(value instanceof String)) {
        problems.add(text + " must be a String");
      } else if (value instanceof String t && t.length() > 2000) {
        problems.add(text + " is longer than 2000 characters");
      }
    }
    Object draw = answers.get("contingencyDrawPercent");
    if (draw != null && !(draw instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 100)) {
      problems.add("contingencyDrawPercent must be a number 0..100");
    }
    return problems;
  }

  private static boolean flagged(Map<String, Object> v, String... flags) {
    for (String flag : flags) {
      if (Boolean.TRUE.equals(v.get(flag))) {
        return true;
      }
    }
    return false;
  }

  static String blankToNull(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }
}
