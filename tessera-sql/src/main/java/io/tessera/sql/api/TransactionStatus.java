package io.tessera.sql.api;

/** The transaction state ReadyForQuery reports. */
public enum TransactionStatus {
    IDLE('I'), IN_TRANSACTION('T'), FAILED('E');

    private final char code;

    TransactionStatus(char code) { this.code = code; }

    public char code() { return code; }
}
