package io.hitgov.shared.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.junit.jupiter.api.Test;

/**
 * The safety net behind the history level (docs/adr/0008): whatever event of a process kept out of
 * history reaches the handler (a migrating variable produces one the level cannot recognise) is
 * dropped, by the event's own process key; a person's operation is kept, and so is every event of
 * another process.
 */
class WithoutProcessesOutTest {

  static final String OUT = "NotificationDeliveryProcess";

  final List<HistoryEvent> handled = new ArrayList<>();
  final HistoryEventHandler recorder = new HistoryEventHandler() {
    @Override
    public void handleEvent(HistoryEvent event) {
      handled.add(event);
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      handled.addAll(events);
    }
  };
  final FullHistoryWithoutCopies.WithoutProcessesOut net = new FullHistoryWithoutCopies.WithoutProcessesOut(recorder,
      new FullHistoryWithoutCopies.FullWithoutCopies(true, Set.of(OUT)));

  static <T extends HistoryEvent> T of(T event, String key) {
    event.setProcessDefinitionKey(key);
    event.setProcessDefinitionId(key + ":1:x");
    return event;
  }

  @Test
  void an_event_of_a_process_kept_out_is_dropped_one_by_one_and_in_a_list() {
    net.handleEvent(of(new HistoricVariableUpdateEventEntity(), OUT));
    net.handleEvents(List.of(of(new HistoricActivityInstanceEventEntity(), OUT), of(new HistoricVariableUpdateEventEntity(), OUT)));
    assertThat(handled).isEmpty();
  }

  @Test
  void events_of_other_processes_and_a_persons_operations_are_kept() {
    HistoryEvent governance = of(new HistoricVariableUpdateEventEntity(), "ChangeRequestProcess");
    HistoryEvent retry = of(new UserOperationLogEntryEventEntity(), OUT);
    HistoryEvent engineWide = new HistoricVariableUpdateEventEntity();
    net.handleEvent(governance);
    net.handleEvents(List.of(of(new HistoricActivityInstanceEventEntity(), OUT), retry, engineWide));
    assertThat(handled).containsExactly(governance, retry, engineWide);
  }
}
