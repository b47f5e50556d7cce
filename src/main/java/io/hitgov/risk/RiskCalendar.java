package io.hitgov.risk;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskCalendar;
import org.springframework.stereotype.Component;

/** Due and follow-up dates of this feature's tasks, on the business calendar ({@link TaskCalendar}). */
@Component("riskCalendar")
@ModelCallable(processes = {RiskEscalationProcess.KEY})
public class RiskCalendar extends TaskCalendar {}
