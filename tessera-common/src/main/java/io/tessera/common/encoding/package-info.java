/**
 * Byte encodings shared by every layer: {@link io.tessera.common.encoding.KeyCodec} (order-preserving
 * key values), {@link io.tessera.common.encoding.RowCodec} (row values by column id) and
 * {@link io.tessera.common.encoding.KeySpace} (where tables live in the key space).
 */
package io.tessera.common.encoding;
