package io.hitgov.shared.process;

import org.camunda.bpm.engine.impl.batch.history.HistoricBatchEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricJobLogEventEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * Camunda's history event producer without a lookup that cannot find anything. With the removal-time
 * strategy {@code start} (HITGov's, docs/adr/0006-history-removal-time.md), every job-log entry (a job
 * created, done, failed or deleted) looks up a historic batch whose id is the job definition's
 * configuration, to take over the batch's removal time. Only a batch's own job definitions carry a
 * batch id there; a timer's is its type and expression ({@code DURATION: P5D}), an asynchronous
 * continuation's {@code async-before} or {@code async-after}. For those the lookup
 * ({@code select * from ACT_HI_BATCH where ID_ = ?}) finds nothing, and a miss is not remembered, so it
 * cost one round trip per job-log entry of each command.
 *
 * <p>A batch's jobs (seed, monitor and execution jobs) are the only jobs that carry a batch id
 * ({@code JobDeclaration#createJobInstance}); for them the lookup runs as before. Everything else
 * about the entry is Camunda's.
 */
@Component
public class JobLogWithoutBatchLookup extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getHistoryEventProducer() == null) { // someone else chose the producer: leave it
      configuration.setHistoryEventProducer(new Producer());
    }
  }

  /** Camunda's default producer; the job whose log entry is being built is known while its entry is. */
  static final class Producer extends CacheAwareHistoryEventProducer {

    private static final ThreadLocal<JobEntity> LOGGED = new ThreadLocal<>();

    @Override
    protected void initHistoricJobLogEvent(HistoricJobLogEventEntity evt, Job job, HistoryEventType eventType) {
      LOGGED.set((JobEntity) job);
      try {
        super.initHistoricJobLogEvent(evt, job, eventType);
      } finally {
        LOGGED.remove();
      }
    }

    @Override
    protected HistoricBatchEntity getHistoricBatchById(String batchId) {
      JobEntity logged = LOGGED.get();
      if (logged != null && logged.getBatchId() == null) {
        return null; // not a batch's job: no historic batch has its job definition's configuration as id
      }
      return super.getHistoricBatchById(batchId);
    }
  }
}
