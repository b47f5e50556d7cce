package io.hitgov.notification;

import io.hitgov.notification.NotificationRepository.Notification;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.EngineClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each batch of e-mails right after the governance transaction that queued it committed, on a
 * thread of its own (never inside the transaction, never holding its connection), and hands a batch
 * the mail server did not take completely to a {@link NotificationDeliveryProcess}, whose job retries
 * it and at the end leaves the incident an operator resolves (docs/notifications.md). A batch that
 * goes out at once costs no process instance and no job; only failures do.
 *
 * <p>A batch is inserted claimed for the node that queued it ({@code dispatched_at}), which sends the
 * rows it inserted without reading them back (while at most {@code
 * hitgov.notification.batches-kept-with-rows} batches wait; beyond that a batch waits by its id, and
 * its sender renews the claim and reads the rows in one statement). The claim is renewed whenever a
 * quarter of {@code hand-over-after} has passed since it was made or last renewed, by the JVM's clock
 * or the engine's: before the first mail of a batch that waited that long, and between mails. So the
 * sweep for stranded batches ({@link StrandedMailSweep}) leaves a batch alone while it is being sent;
 * should the sweep have taken it all the same (one mail took longer than the rest of that time),
 * sending stops before the next mail. The batches not yet sent wait in memory (their ids, and the
 * rows of the first ones); if the node stops before it sends them, or more wait than
 * {@value #QUEUE_CAPACITY}, the sweep hands them to their delivery process after
 * {@code hitgov.notification.hand-over-after}. When the application stops, sending stops after the
 * mail in flight (waited for up to 10 seconds) and the rest is left to the sweep.
 */
@Component
class MailDispatcher implements DisposableBean {

  static final int QUEUE_CAPACITY = 10_000;
  /** {@code hitgov_notifications_pending}: batches waiting to be sent at once, or being sent. */
  static final String PENDING = "hitgov.notifications.pending";
  private static final Logger LOG = LoggerFactory.getLogger(MailDispatcher.class);

  private final NotificationRepository repository;
  private final BatchSender sender;
  private final RuntimeService runtimeService;
  private final CurrentUser engine;
  private final TransactionTemplate ownTransaction;
  private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
  private final AtomicInteger pending = new AtomicInteger();
  private final Duration renewAfter;
  /**
   * Batches that wait with their rows in memory; beyond these (a slow mail server and a busy node) a
   * batch waits by its id alone and its sender reads its rows back, so the queue holds ids, not mails.
   */
  private final int rowsKept;
  private volatile boolean closing;

  MailDispatcher(NotificationRepository repository, BatchSender sender, RuntimeService runtimeService,
      CurrentUser engine, PlatformTransactionManager transactions, NotificationProperties properties,
      MeterRegistry registry) {
    this.repository = repository;
    this.sender = sender;
    this.runtimeService = runtimeService;
    this.engine = engine;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.renewAfter = properties.handOverAfter().dividedBy(4);
    this.rowsKept = properties.batchesKeptWithRows();
    executor.setCorePoolSize(properties.senderThreads());
    executor.setMaxPoolSize(properties.senderThreads());
    executor.setQueueCapacity(QUEUE_CAPACITY);
    executor.setThreadNamePrefix("hitgov-mail-");
    executor.setWaitForTasksToCompleteOnShutdown(true);
    executor.setAwaitTerminationSeconds(10);
    executor.initialize();
    Gauge.builder(PENDING, pending, AtomicInteger::get)
        .description("E-mail batches waiting to be sent right after their transaction, or being sent").register(registry);
  }

  /**
   * When a batch was claimed, by this JVM's monotonic clock and by the engine's clock the claim was
   * written with ({@code dispatched_at}), which is what the sweep compares.
   */
  record Claim(long nanos, OffsetDateTime at) {

    static Claim now() {
      return new Claim(System.nanoTime(), EngineClock.now());
    }

    /** Whether {@code age} has passed since, by either clock (the engine's may be moved, the JVM suspended). */
    boolean olderThan(Duration age) {
      return System.nanoTime() - nanos > age.toNanos() || Duration.between(at, EngineClock.now()).compareTo(age) > 0;
    }
  }

  /**
   * Sends the batch soon, on a sender thread; called once its transaction committed, with the rows it
   * inserted claimed for this node and when it claimed them.
   */
  void dispatch(String batchId, List<Notification> rows, Claim claim) {
    List<Notification> kept = pending.incrementAndGet() <= rowsKept ? rows : null;
    try {
      executor.execute(() -> {
        try {
          send(batchId, kept, claim);
        } catch (RuntimeException e) { // the database or the engine failed: the sweep hands the batch over later
          LOG.warn("E-mail batch {} not sent at once, left to the sweep: {}", batchId, e.toString());
        } finally {
          pending.decrementAndGet();
        }
      });
    } catch (TaskRejectedException e) {
      pending.decrementAndGet();
      LOG.warn("E-mail batch {} waits for the sweep: {}", batchId, closing ? "the application is stopping"
          : QUEUE_CAPACITY + " batches are waiting already");
    }
  }

  /** Sends the batch's rows, or (null: not kept) those it reads back with a renewed claim. */
  private void send(String batchId, List<Notification> rows, Claim claim) {
    if (closing) {
      return;
    }
    List<Notification> unsent = rows != null ? rows : repository.reclaim(batchId, EngineClock.now());
    if (unsent.isEmpty()) {
      return;
    }
    Claim[] claimed = {rows == null ? Claim.now() : claim}; // read back: renewed just now
    boolean[] lost = {false};
    Map<String, String> failed = sender.sendAll(unsent, () -> {
      if (closing) {
        return false;
      }
      if (claimed[0].olderThan(renewAfter)) { // also before the first mail of a kept batch that waited
        claimed[0] = Claim.now();
        lost[0] = repository.renewClaim(batchId, claimed[0].at()) == 0;
      }
      return !lost[0];
    });
    if (!failed.isEmpty() && !lost[0]) {
      handOver(batchId, BatchSender.summary(failed, unsent.size()), null);
    }
  }

  /**
   * Starts the batch's {@link NotificationDeliveryProcess} (named by the batch, on HITGov's behalf) and
   * names it on the batch's unsent mails, in one transaction; rolled back when another node handed
   * the batch over first, nothing is left to send, or (given {@code staleBefore}, by the sweep) a
   * sender claimed the batch after that time. Whether this call handed it over.
   */
  boolean handOver(String batchId, String why, OffsetDateTime staleBefore) {
    Boolean handedOver = ownTransaction.execute(status -> {
      String processInstanceId = engine.withoutEngineChecks(() -> runtimeService.startProcessInstanceByKey(
          NotificationDeliveryProcess.KEY, batchId,
          Variables.createVariables().putValue(NotificationDeliveryProcess.Variables.NOTIFICATION_ID, batchId)).getId());
      if (repository.handOver(batchId, processInstanceId, staleBefore) == 0) {
        status.setRollbackOnly();
        return false;
      }
      return true;
    });
    if (Boolean.TRUE.equals(handedOver)) {
      LOG.info("E-mail batch {} handed to its delivery job ({})", batchId, why);
    }
    return Boolean.TRUE.equals(handedOver);
  }

  /** Stops taking batches: those waiting are left to the sweep, the mail being sent is finished. */
  @Override
  public void destroy() {
    closing = true;
    executor.shutdown();
  }
}
