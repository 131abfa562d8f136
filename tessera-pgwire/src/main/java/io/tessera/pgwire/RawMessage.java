package io.tessera.pgwire;

/** One framed frontend message: its type byte and its body (without the length word). */
record RawMessage(char type, byte[] body) {}
