package io.hitgov.shared.process;

import java.util.HashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the current transaction has already read, by key (docs/performance.md#caches): a process
 * step reads the same row several times (a delegate, a listener, the readable-form hook). The map
 * lives as long as the transaction and is dropped at its end, so nothing is shared between
 * transactions or nodes; the owner replaces or evicts an entry on every write of its own. Outside a
 * transaction {@link #map()} answers null and the owner reads as usual. A transaction of its own inside
 * another ({@code REQUIRES_NEW}) has a map of its own.
 */
public final class TransactionMemo<K, V> {

  private final Object key = new Object();

  /** This transaction's map, created on first use; null outside a transaction. */
  public Map<K, V> map() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()
        || !TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<K, V> map = (Map<K, V>) TransactionSynchronizationManager.getResource(key);
    if (map == null) {
      Map<K, V> created = new HashMap<>();
      TransactionSynchronizationManager.bindResource(key, created);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        // a REQUIRES_NEW (or NOT_SUPPORTED) scope inside this transaction remembers on its own, not into this one
        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.unbindResourceIfPossible(key);
          TransactionSynchronizationManager.bindResource(key, created);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }
      });
      map = created;
    }
    return map;
  }

  /** The remembered value, or null (also outside a transaction). */
  public V get(K k) {
    Map<K, V> map = map();
    return map == null ? null : map.get(k);
  }

  /** Remembers {@code value} for the rest of the transaction (nothing outside one). */
  public void put(K k, V value) {
    Map<K, V> map = map();
    if (map != null) {
      map.put(k, value);
    }
  }

  /** Forgets {@code k}: the next read goes to the database. */
  public void evict(K k) {
    Map<K, V> map = map();
    if (map != null) {
      map.remove(k);
    }
  }
}
