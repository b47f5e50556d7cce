package io.hitgov.stagegate;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskCalendar;
import org.springframework.stereotype.Component;

/** Due and follow-up dates of this feature's tasks, on the business calendar ({@link TaskCalendar}). */
@Component("gateCalendar")
@ModelCallable(processes = {StageGateReviewProcess.KEY, GateConditionProcess.KEY})
public class GateCalendar extends TaskCalendar {}
