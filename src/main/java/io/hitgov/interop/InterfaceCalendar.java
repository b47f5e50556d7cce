package io.hitgov.interop;

import io.hitgov.shared.process.ModelCallable;
import io.hitgov.shared.process.TaskCalendar;
import org.springframework.stereotype.Component;

/** Due and follow-up dates of the interface readiness tasks, on the business calendar ({@link TaskCalendar}). */
@Component("interfaceCalendar")
@ModelCallable(processes = {InterfaceReadinessProcess.KEY})
public class InterfaceCalendar extends TaskCalendar {}
