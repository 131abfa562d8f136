package io.tessera.kv.api;

/** A {@link KvStore} that can also run {@link Transaction}s; its own methods write outside any. */
public interface TransactionalKvStore extends KvStore {

    Transaction begin(Transaction.Isolation isolation);
}
