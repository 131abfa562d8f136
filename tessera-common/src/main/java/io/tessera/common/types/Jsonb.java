package io.tessera.common.types;

/**
 * A JSONB value, kept as its canonical text (keys sorted and deduplicated, no insignificant
 * whitespace, as PostgreSQL prints jsonb). Parsing and canonicalising live in the SQL layer;
 * storage and the wire only move the text.
 */
public record Jsonb(String text) {
    public Jsonb {
        if (text == null) {
            throw new IllegalArgumentException("JSONB text is required; SQL NULL is a null Jsonb reference");
        }
    }

    @Override
    public String toString() { return text; }
}
