package io.hitgov.notification;

import io.hitgov.shared.process.EngineClock;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands stranded e-mail batches to their delivery job: batches queued (or claimed for sending)
 * longer ago than {@code hitgov.notification.hand-over-after} and still neither sent nor with a
 * delivery process, because the node that queued them stopped before it sent them (or had more
 * waiting than its sender queue takes, {@value MailDispatcher#QUEUE_CAPACITY} batches). Runs on every node every {@code hitgov.notification.sweep-interval};
 * two nodes finding the same batch hand it over once, and a batch a sender claimed after the sweep
 * found it stays with the sender ({@link MailDispatcher#handOver}). Off
 * ({@code hitgov.notification.enabled=false}), it hands nothing over: unsent mail waits until e-mail
 * is switched on again.
 */
@Component
class StrandedMailSweep {

  /** At most this many batches per run; the next run takes the rest. */
  static final int BATCHES_PER_RUN = 100;
  private static final Logger LOG = LoggerFactory.getLogger(StrandedMailSweep.class);

  private final NotificationRepository repository;
  private final MailDispatcher dispatcher;
  private final NotificationProperties properties;
  private final NotificationMetrics metrics;

  StrandedMailSweep(NotificationRepository repository, MailDispatcher dispatcher, NotificationProperties properties,
      NotificationMetrics metrics) {
    this.metrics = metrics;
    this.repository = repository;
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  /** One sweep; the number of batches this node handed over. */
  @Scheduled(fixedDelayString = "${hitgov.notification.sweep-interval:PT1M}",
      initialDelayString = "${hitgov.notification.sweep-interval:PT1M}")
  int sweep() {
    if (!properties.enabled()) {
      return 0;
    }
    OffsetDateTime staleBefore = EngineClock.now().minus(properties.handOverAfter());
    List<String> stranded = repository.stranded(staleBefore, BATCHES_PER_RUN);
    int handedOver = 0;
    for (String batch : stranded) {
      try {
        if (dispatcher.handOver(batch, "not sent within " + properties.handOverAfter(), staleBefore)) {
          handedOver++;
        }
      } catch (RuntimeException e) {
        metrics.handOverFailed();
        LOG.warn("Stranded e-mail batch {} not handed over, tried again at the next sweep: {}", batch, e.toString());
      }
    }
    if (handedOver > 0) {
      LOG.warn("{} e-mail batch(es) queued before {} ago had not been sent; handed to their delivery jobs",
          handedOver, properties.handOverAfter());
    }
    return handedOver;
  }
}
