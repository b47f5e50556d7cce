package io.hitgov.hipaa;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskCalendar;
import org.springframework.stereotype.Component;

/** Due and follow-up dates of this feature's tasks, on the business calendar ({@link TaskCalendar}). */
@Component("hipaaCalendar")
@ModelCallable(processes = {HipaaAuditGateProcess.KEY})
public class HipaaCalendar extends TaskCalendar {}
