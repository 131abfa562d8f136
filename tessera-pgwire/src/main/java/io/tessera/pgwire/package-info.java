/**
 * PostgreSQL frontend/backend protocol version 3, server side: framing ({@link
 * io.tessera.pgwire.WireInput}, {@link io.tessera.pgwire.WireOutput}), message decoding ({@link
 * io.tessera.pgwire.FrontendMessage}), value encodings ({@link io.tessera.pgwire.BinaryFormat},
 * {@link io.tessera.pgwire.ValueCodec}), start-up ({@link io.tessera.pgwire.StartupHandshake}) and
 * one {@link io.tessera.pgwire.Connection} per socket on its own virtual thread, which drives a
 * {@link io.tessera.sql.api.SqlSession}.
 *
 * <p>It owns no SQL: statement splitting, planning, transactions and settings belong to the
 * session. It must not reach kv, txn or storage. Framing limits are checked on the length word,
 * before anything is allocated. Output is buffered and written once per Sync, per completed
 * simple query, on Flush, or when the buffer passes its limit — not once per message.
 *
 * <p>COPY: when a simple query's cursor offers a {@link io.tessera.sql.api.CopyIn} the processor
 * answers CopyInResponse and feeds it each CopyData body until CopyDone (or CopyFail, 57014);
 * an error in the data is reported after the client's CopyDone, so clients that stream first and
 * read afterwards (libpq, pgjdbc) see it and the connection stays usable. A {@link
 * io.tessera.sql.api.CopyOut} becomes CopyOutResponse, CopyData per line and CopyDone. COPY FROM
 * STDIN through the extended protocol is refused (0A000). NoticeResponse messages the session
 * raised ({@code SqlSession.drainNotices()}) go out just before the statement's CommandComplete.
 *
 * <p>Rejected alternative: a Netty pipeline. Virtual threads let one blocking loop per connection
 * read like the protocol specification, and a connection's failure stays on its own thread.
 */
package io.tessera.pgwire;
