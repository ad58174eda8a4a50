package io.presencegrid.testing;

import javax.cache.processor.MutableEntry;

/**
 * An entry processor's view of one cache entry, without a grid: what it set or removed is kept. The
 * processors' own tests and the API's fake stores run the grid's processors on it.
 */
public final class FakeEntry<K, V> implements MutableEntry<K, V> {

    private final K key;
    private V value;
    private int writes;

    public FakeEntry(K key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public boolean exists() {
        return value != null;
    }

    @Override
    public void remove() {
        value = null;
        writes++;
    }

    @Override
    public void setValue(V value) {
        this.value = value;
        writes++;
    }

    /** Removals and sets the processor made: what Ignite would have sent to the backups. */
    public int writes() {
        return writes;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException("not a grid entry");
    }
}
