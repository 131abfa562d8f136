package io.tessera.storage.api;

/** A user key and the value of its newest live version at the read timestamp. */
public record KeyValue(byte[] key, byte[] value) {}
