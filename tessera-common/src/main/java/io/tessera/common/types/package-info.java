/**
 * SQL types and the Java classes that carry their values (see {@link io.tessera.common.types.TypeKind}
 * for the mapping), and {@link io.tessera.common.types.TextFormat}: PostgreSQL's text input and
 * output of every type, shared by the wire protocol and by casts in SQL.
 */
package io.tessera.common.types;
