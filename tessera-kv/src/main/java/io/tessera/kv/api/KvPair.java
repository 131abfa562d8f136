package io.tessera.kv.api;

/** A key and its latest live value. */
public record KvPair(byte[] key, byte[] value) {}
