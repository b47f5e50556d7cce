package io.hitgov.notification;

import io.hitgov.notification.NotificationMetrics.Outcome;
import io.hitgov.shared.process.CurrentUser;
import io.hitgov.shared.process.EngineClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues e-mail notifications (docs/notifications.md): renders a PMO-editable template per
 * recipient and stores the mail in {@code notification}. The mails one transaction queues form a
 * batch, which the {@link MailDispatcher} sends once the transaction committed (a batch the mail
 * server does not take goes to a {@link NotificationDeliveryProcess}, whose job retries it). Nothing
 * here talks to the mail server, so queuing inside a governance transaction never waits for it or
 * fails with it. Models carry ids, names, roles, dates and outcomes only, never PHI.
 */
@Service
public class NotificationService {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
  /** At most this many mails form one batch (one more starts a new one): sending one stays short. */
  static final int MAX_BATCH = 50;

  /** What a notification is about (the {@code kind} column). */
  public enum Kind { TASK_ASSIGNED, ESCALATION, STALLED_PROJECT, GATE_DECISION, DIGEST, STATUS_REPORT, PORTFOLIO_PACK }

  /** One addressee: a HITGov user (with the e-mail of their account) or an external address. */
  public record Recipient(String userId, String address, String name) {}

  private final NotificationRepository repository;
  private final MailTemplates templates;
  private final IdentityService identityService;
  private final NotificationProperties properties;
  private final NotificationMetrics metrics;
  private final CurrentUser engine;
  private final MailDispatcher dispatcher;

  NotificationService(NotificationRepository repository, MailTemplates templates, MailDispatcher dispatcher,
      IdentityService identityService, NotificationProperties properties, NotificationMetrics metrics,
      CurrentUser engine) {
    this.engine = engine;
    this.dispatcher = dispatcher;
    this.repository = repository;
    this.templates = templates;
    this.identityService = identityService;
    this.properties = properties;
    this.metrics = metrics;
  }

  public boolean enabled() {
    return properties.enabled();
  }

  public NotificationProperties properties() {
    return properties;
  }

  /** The user as a recipient (empty for an unknown user). Identity reads run on HITGov's behalf. */
  public Optional<Recipient> user(String userId) {
    if (userId == null || userId.isBlank()) {
      return Optional.empty();
    }
    User user = engine.withoutEngineChecks(() -> identityService.createUserQuery().userId(userId).singleResult());
    return Optional.ofNullable(user).map(NotificationService::recipient);
  }

  /** Every member of the group. */
  public List<Recipient> group(String groupId) {
    if (groupId == null || groupId.isBlank()) {
      return List.of();
    }
    return engine.withoutEngineChecks(() -> identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list())
        .stream().map(NotificationService::recipient).toList();
  }

  /** An external address (a stakeholder who is no HITGov user). */
  public static Recipient external(String address, String name) {
    return new Recipient(null, address, name);
  }

  /** The user as a recipient, from a user already read. */
  static Recipient recipient(User user) {
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    return new Recipient(user.getId(), user.getEmail(), name.isEmpty() ? user.getId() : name);
  }

  /**
   * Queues one e-mail per distinct address, rendered from {@code template} with {@code model} plus
   * the recipient's {@code recipientName} and {@code recipientId}, and {@code baseUrl}. Returns the
   * number queued. Off ({@code hitgov.notification.enabled=false}): nothing.
   */
  public int queue(Kind kind, String template, String projectId, Map<String, ?> model,
      Collection<Recipient> recipients) {
    if (!properties.enabled()) {
      return 0;
    }
    Map<String, Recipient> byAddress = new LinkedHashMap<>();
    for (Recipient recipient : recipients) {
      if (recipient.address() == null || recipient.address().isBlank()) {
        metrics.count(Outcome.SKIPPED);
        LOG.info("Notification {} for {} not queued: no e-mail address", kind, recipient.userId());
        continue;
      }
      byAddress.putIfAbsent(recipient.address().strip().toLowerCase(java.util.Locale.ROOT), recipient);
    }
    int queued = 0;
    for (Recipient recipient : byAddress.values()) {
      Map<String, Object> values = new LinkedHashMap<>(model);
      values.put("recipientName", recipient.name() == null ? recipient.address() : recipient.name());
      values.put("recipientId", recipient.userId() == null ? "" : recipient.userId());
      values.put("baseUrl", properties.link(""));
      store(kind, projectId, templates.render(template, values), recipient);
      queued++;
    }
    if (queued > 0) {
      LOG.info("Queued {} {} e-mail(s){}", queued, kind, projectId == null ? "" : " for " + projectId);
    }
    return queued;
  }

  /** Queues one e-mail rendered by the caller (a status report) to one recipient; 0 when off or no address. */
  public int queueRendered(Kind kind, String projectId, MailTemplates.Rendered mail, Recipient recipient) {
    if (!properties.enabled()) {
      return 0;
    }
    if (recipient.address() == null || recipient.address().isBlank()) {
      metrics.count(Outcome.SKIPPED);
      return 0;
    }
    store(kind, projectId, mail, recipient);
    return 1;
  }

  private void store(Kind kind, String projectId, MailTemplates.Rendered mail, Recipient recipient) {
    String id = "NT-" + UUID.randomUUID();
    Batch batch = Batch.ofThisTransaction(repository, dispatcher);
    NotificationRepository.Queued queued = new NotificationRepository.Queued(id, batch == null ? id : batch.join(id),
        kind.name(), projectId, recipient.userId(), recipient.address().strip(), mail.subject(), mail.body(),
        mail.contentType(), EngineClock.now());
    if (batch == null) { // no Spring transaction: the insert commits by itself (else the sweep sends it later)
      MailDispatcher.Claim claim = MailDispatcher.Claim.now();
      repository.insert(queued, claim.at());
      dispatcher.dispatch(id, List.of(queued.row()), claim);
    } else {
      batch.rows.add(queued);
    }
    metrics.count(Outcome.QUEUED);
  }

  /**
   * The batches of the current transaction (at most {@value #MAX_BATCH} mails each): their rows
   * inserted in one JDBC batch just before it commits, claimed for this node, and the batches handed
   * with their rows to the {@link MailDispatcher} once it committed (nothing when it rolled back: nor
   * are the rows there).
   * Registered with the transaction as a synchronization, so it ends with the transaction, and a
   * transaction started inside it ({@code REQUIRES_NEW}, which suspends the outer one's
   * synchronizations) has batches of its own. Null outside a transaction (each mail is then its own
   * batch).
   */
  static final class Batch implements TransactionSynchronization {
    private final NotificationRepository repository;
    private final MailDispatcher dispatcher;
    private final List<String> ids = new ArrayList<>();
    private final List<NotificationRepository.Queued> rows = new ArrayList<>();
    private int size;
    private int inserted = -1;
    private MailDispatcher.Claim claim;

    private Batch(NotificationRepository repository, MailDispatcher dispatcher) {
      this.repository = repository;
      this.dispatcher = dispatcher;
    }

    static Batch ofThisTransaction(NotificationRepository repository, MailDispatcher dispatcher) {
      if (!TransactionSynchronizationManager.isSynchronizationActive()
          || !TransactionSynchronizationManager.isActualTransactionActive()) {
        return null;
      }
      for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
        if (synchronization instanceof Batch batch) {
          return batch;
        }
      }
      Batch batch = new Batch(repository, dispatcher);
      TransactionSynchronizationManager.registerSynchronization(batch);
      return batch;
    }

    /** The batch the mail joins: the current one, or a new one named by the mail when it is full. */
    String join(String notificationId) {
      if (ids.isEmpty() || size == MAX_BATCH) {
        ids.add(notificationId);
        size = 0;
      }
      size++;
      return ids.get(ids.size() - 1);
    }

    /** First after the commit: a later synchronization that fails cannot hold the mail back. */
    @Override
    public int getOrder() {
      return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * The rows, inside the transaction. A failure is logged, not thrown, so that the governance step
     * commits without its mails where the database lets it (H2; PostgreSQL has aborted the transaction
     * by then and the commit fails, as it would have with the rows inserted one by one).
     */
    @Override
    public void beforeCommit(boolean readOnly) {
      inserted = rows.size();
      if (rows.isEmpty()) {
        return;
      }
      try {
        claim = MailDispatcher.Claim.now();
        repository.insertAll(rows, claim.at());
      } catch (RuntimeException e) {
        ids.clear();
        LOG.error("{} e-mail(s) of this transaction not queued: {}", rows.size(), e.toString());
      }
    }

    @Override
    public void afterCommit() {
      int written = Math.max(inserted, 0); // none when this batch came too late for the commit's beforeCommit
      if (rows.size() > written) { // queued by another synchronization's beforeCommit
        LOG.error("{} e-mail(s) queued after this transaction's rows were written, not queued", rows.size() - written);
      }
      if (written == 0) {
        return;
      }
      for (String id : ids) {
        dispatcher.dispatch(id, rows.subList(0, written).stream().filter(row -> row.batchId().equals(id))
            .map(NotificationRepository.Queued::row).toList(), claim);
      }
    }
  }

  /** Counts a notification left out (the recipient opted out of digests). */
  public void skipped() {
    metrics.count(Outcome.SKIPPED);
  }

  /** Whether the user receives the daily digest (default yes). */
  public boolean wantsDigest(String userId) {
    return repository.digest(userId).orElse(true);
  }

  /** The user's one place to opt out of (or back into) the daily digest. */
  public void setDigest(String userId, boolean digest) {
    repository.setDigest(userId, digest, EngineClock.now());
    LOG.info("User {} {} the daily digest", userId, digest ? "receives" : "opted out of");
  }
}
