package io.hitgov.shared.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.PersistenceSession;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbBulkOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbEntityOperation;
import org.camunda.bpm.engine.impl.db.entitymanager.operation.DbOperation;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Camunda's flush without a JDBC batch cut in two. At the end of a command the engine writes its
 * changes in the order it computed (inserts grouped by table, then updates, then deletes), and MyBatis
 * sends each run of identical statements as one JDBC batch: one round trip. Camunda hands them to
 * MyBatis in slices of {@value DbEntityManager#BATCH_SIZE} operations, though, and every slice ends
 * with its own round trips; where a slice ends inside a run (the 36th of 55 variable rows), that run
 * costs two. A command that raises a risk wrote 199 rows in four slices, three of which cut a run.
 *
 * <p>This plugin gives the engine Camunda's own entity manager with one change: a slice still ends
 * after {@value DbEntityManager#BATCH_SIZE} operations, but only where the statement changes, so no
 * run is cut. The statements, their order, the failure handling (Camunda's, per slice) and the
 * transaction are the same; a slice is longer than Camunda's by at most the rest of one run (a run of
 * identical rows is one JDBC batch of any length, which PostgreSQL's and H2's drivers take as it is).
 * {@code hitgov.engine.unsplit-flush-batches=false} turns it off (the benchmark's untuned target
 * measures the difference).
 */
@Component
@ConditionalOnProperty(name = "hitgov.engine.unsplit-flush-batches", havingValue = "true", matchIfMissing = true)
public class UnsplitFlushBatches extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineManagers.replace(configuration, DbEntityManager.class, () -> new Manager(configuration));
  }

  /** The slices of a flush: at least {@code size} operations each, ended only where the statement changes. */
  private static List<List<DbOperation>> slices(List<DbOperation> operations, int size) {
    List<List<DbOperation>> slices = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= operations.size(); i++) {
      if (i == operations.size() || i - from >= size && !sameStatement(operations.get(i - 1), operations.get(i))) {
        slices.add(operations.subList(from, i));
        from = i;
      }
    }
    return slices;
  }

  /**
   * Whether two operations run the same mapped statement: an entity operation's statement is named by
   * its type and entity class (Camunda's {@code insert}/{@code update}/{@code delete} + class name), a
   * bulk operation's by its statement.
   */
  private static boolean sameStatement(DbOperation a, DbOperation b) {
    if (a.getOperationType() != b.getOperationType() || a.getEntityType() != b.getEntityType()) {
      return false;
    }
    if (a instanceof DbBulkOperation bulkA && b instanceof DbBulkOperation bulkB) {
      return Objects.equals(bulkA.getStatement(), bulkB.getStatement());
    }
    return a instanceof DbEntityOperation && b instanceof DbEntityOperation;
  }

  /** Camunda's entity manager, flushing in {@link #slices}. */
  static final class Manager extends DbEntityManager {

    Manager(ProcessEngineConfigurationImpl configuration) {
      super(configuration.getIdGenerator(), Context.getCommandContext().getSession(PersistenceSession.class));
    }

    @Override
    protected void flushDbOperationManager() {
      if (isIgnoreForeignKeysForNextFlush) { // set for bulk deletes on MySQL only: Camunda's own flush
        super.flushDbOperationManager();
        return;
      }
      List<DbOperation> operations = dbOperationManager.calculateFlush();
      if (operations == null || operations.isEmpty()) {
        return;
      }
      LOG.databaseFlushSummary(operations);
      for (List<DbOperation> slice : slices(operations, BATCH_SIZE)) {
        flushDbOperations(slice, operations);
      }
    }
  }
}
