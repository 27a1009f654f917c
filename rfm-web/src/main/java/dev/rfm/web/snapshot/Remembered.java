package dev.rfm.web.snapshot;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;

/**
 * Values computed once per key even when many ask at once (the others wait for the first), the least recently used
 * dropped while the finished ones weigh more than {@code limit}. For answers about a succeeded run, which never
 * changes: the Customers page's counts and sorted ids, the churn watch's counts and pages. A failed computation is
 * not remembered: the next reader tries again.
 */
public final class Remembered<K, V> {

    private final String what;
    private final long limit;
    private final ToLongFunction<V> weight;
    private final Map<K, CompletableFuture<V>> values = new LinkedHashMap<>(64, 0.75f, true);

    /** How a value is read from the database. */
    @FunctionalInterface
    public interface Computation<V> {
        V compute() throws SQLException;
    }

    /**
     * @param what what is read, for the message of a failed reading ({@code "the customers"})
     * @param limit the weight kept at most (finished values only)
     * @param weight a value's weight ({@code v -> 1} counts values)
     */
    public Remembered(String what, long limit, ToLongFunction<V> weight) {
        this.what = what;
        this.limit = limit;
        this.weight = weight;
    }

    /** A value being computed or computed, and whether this call started it. */
    public final class Started {
        private final CompletableFuture<V> value;
        private final boolean byThisCall;

        private Started(CompletableFuture<V> value, boolean byThisCall) {
            this.value = value;
            this.byThisCall = byThisCall;
        }

        /** Whether this call started the computation (and so may choose not to wait for it). */
        public boolean byThisCall() {
            return byThisCall;
        }

        /** The value, once computed. */
        public V await() {
            return join(value);
        }
    }

    /** Starts computing the value in the background unless it is known or under way. */
    public Started start(K key, Computation<V> compute, Executor executor) {
        CompletableFuture<V> value;
        synchronized (values) {
            value = values.get(key);
            if (value != null) return new Started(value, false);
            value = new CompletableFuture<>();
            values.put(key, value);
        }
        CompletableFuture<V> mine = value;
        try {
            executor.execute(() -> complete(key, mine, compute));
        } catch (RuntimeException e) { // not started: nobody may wait for it
            forget(key, mine, e);
            throw e;
        }
        return new Started(value, true);
    }

    /** The value, computed in the caller's thread unless known or under way (then waited for). */
    public V get(K key, Computation<V> compute) {
        CompletableFuture<V> value;
        boolean mine = false;
        synchronized (values) {
            value = values.get(key);
            if (value == null) {
                value = new CompletableFuture<>();
                values.put(key, value);
                mine = true;
            }
        }
        if (mine) complete(key, value, compute);
        return join(value);
    }

    private void complete(K key, CompletableFuture<V> value, Computation<V> compute) {
        try {
            value.complete(compute.compute());
        } catch (SQLException | RuntimeException e) {
            forget(key, value, e); // the next reader tries again
        }
        trim();
    }

    private void forget(K key, CompletableFuture<V> value, Exception cause) {
        synchronized (values) {
            values.remove(key);
        }
        value.completeExceptionally(cause);
    }

    private V join(CompletableFuture<V> value) {
        try {
            return value.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw new IllegalStateException("Reading " + what + " failed: " + sql.getMessage(), sql);
            }
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw e;
        }
    }

    private void trim() {
        synchronized (values) {
            long held = 0;
            for (CompletableFuture<V> v : values.values()) {
                if (v.isDone() && !v.isCompletedExceptionally()) held += weight.applyAsLong(v.join());
            }
            var eldest = values.values().iterator();
            while (held > limit && eldest.hasNext()) {
                CompletableFuture<V> v = eldest.next();
                if (!v.isDone() || v.isCompletedExceptionally()) continue;
                held -= weight.applyAsLong(v.join());
                eldest.remove();
            }
        }
    }
}
