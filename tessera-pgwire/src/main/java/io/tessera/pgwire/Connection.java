package io.tessera.pgwire;

import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.pgwire.FrontendMessage.Bind;
import io.tessera.pgwire.FrontendMessage.Close;
import io.tessera.pgwire.FrontendMessage.CopyOutsideCopy;
import io.tessera.pgwire.FrontendMessage.Describe;
import io.tessera.pgwire.FrontendMessage.Execute;
import io.tessera.pgwire.FrontendMessage.Flush;
import io.tessera.pgwire.FrontendMessage.FunctionCall;
import io.tessera.pgwire.FrontendMessage.Parse;
import io.tessera.pgwire.FrontendMessage.Query;
import io.tessera.pgwire.FrontendMessage.Sync;
import io.tessera.pgwire.FrontendMessage.Terminate;
import io.tessera.pgwire.api.AuthExchange;
import io.tessera.pgwire.api.AuthRequest;
import io.tessera.sql.api.SqlSession;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection on its own virtual thread: start-up, authentication, then the query
 * loop until Terminate, disconnect, a FATAL error or server shutdown. Whatever ends it, the
 * session is closed (rolling back an open transaction) and the socket released; no failure here
 * reaches another connection.
 */
final class Connection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH: the largest password or SASL message accepted. */
    static final int MAX_AUTH_MESSAGE_BYTES = 65_535;
    /**
     * After a FATAL, unread client bytes are drained for this long before the socket closes:
     * closing with unread input makes TCP send a reset, which can destroy the FATAL message
     * before the client reads it.
     */
    static final int DRAIN_AFTER_FATAL_MILLIS = 200;
    /** At most this much is drained; a client still streaming a huge message gets the reset. */
    static final int DRAIN_AFTER_FATAL_BYTES = 64 * 1024;
    /** Messages whose errors start the skip-until-Sync of the extended protocol. */
    private static final String EXTENDED_TYPES = "PBDEC";

    enum State {
        STARTUP, AUTHENTICATING, READY, CLOSED;

        private static final Map<State, Set<State>> ALLOWED = Map.of(
                STARTUP, EnumSet.of(AUTHENTICATING, CLOSED),
                AUTHENTICATING, EnumSet.of(READY, CLOSED),
                READY, EnumSet.of(CLOSED),
                CLOSED, EnumSet.noneOf(State.class));

        boolean canMoveTo(State next) { return ALLOWED.get(this).contains(next); }
    }

    private final Socket socket;
    private final ServerContext ctx;
    private final int processId;
    private final int secretKey;
    private volatile State state = State.STARTUP;
    private volatile boolean shutdownRequested;
    private volatile SqlSession session;
    private boolean startupPending = true;
    private boolean fatalSent;
    private boolean admitted;
    private WireInput in;
    private WireOutput out;
    private QueryProcessor processor;

    Connection(Socket socket, ServerContext ctx) {
        this.socket = socket;
        this.ctx = ctx;
        this.processId = ctx.registry().nextProcessId();
        this.secretKey = ctx.registry().newSecretKey();
    }

    int processId() { return processId; }

    /** The client's start-up parameters plus the process id, which pg_backend_pid() reports. */
    private Map<String, String> sessionParameters(Map<String, String> fromClient) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fromClient);
        all.put("tessera.backend_pid", Integer.toString(processId));
        return all;
    }
    int secretKey() { return secretKey; }

    @Override
    public void run() {
        try {
            serve();
        } catch (SqlException e) {
            sendFatal(e.fatal() ? ErrorNotice.of(e) : ErrorNotice.of(e.asFatal()));
        } catch (EOFException e) {
            onEndOfStream(true);
        } catch (SocketTimeoutException e) {
            sendFatal(ErrorNotice.fatal(SqlState.PROTOCOL_VIOLATION, "start-up did not complete within "
                    + ctx.config().startupTimeoutMillis() + " ms"));
        } catch (IOException e) {
            if (shutdownRequested) {
                onEndOfStream(false);
            } else {
                LOG.debug("pgwire pid={} connection lost: {}", processId, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.error("pgwire pid={} connection failed, closing it", processId, e);
            sendFatal(ErrorNotice.internal(e).withSeverity(ErrorNotice.FATAL));
        } catch (Error e) {
            // OutOfMemoryError, StackOverflowError: this connection ends, the server and its other connections go on.
            LOG.error("pgwire pid={} connection hit {}, closing it", processId, e.getClass().getSimpleName(), e);
            sendFatal(ErrorNotice.internal(e).withSeverity(ErrorNotice.FATAL));
        } finally {
            cleanUp();
        }
    }

    private void serve() throws IOException {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(ctx.config().startupTimeoutMillis());
        in = new WireInput(new BufferedInputStream(socket.getInputStream(), 8192));
        out = new WireOutput(socket.getOutputStream(), ctx.config().outputBufferBytes());
        StartupHandshake.Outcome outcome = StartupHandshake.negotiate(in, out, ctx.config().maxStartupPacketBytes());
        switch (outcome) {
            case null -> { }
            case StartupHandshake.Cancel c -> ctx.registry().cancel(c.processId(), c.secretKey());
            case StartupHandshake.Startup s -> {
                startSession(s);
                queryLoop();
            }
        }
    }

    private void startSession(StartupHandshake.Startup startup) throws IOException {
        if (startup.needsNegotiation()) {
            out.negotiateProtocolVersion(StartupHandshake.PROTOCOL_MINOR, startup.unrecognizedOptions());
        }
        if (!ctx.registry().tryAdmitSession()) {
            throw new SqlException(ProtocolErrors.TOO_MANY_CONNECTIONS, "sorry, too many clients already").asFatal();
        }
        admitted = true;
        moveTo(State.AUTHENTICATING);
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        String role = ctx.authenticator().authenticate(
                new AuthRequest(startup.user(), startup.database(), remote), new Exchange());
        SqlSession opened;
        try {
            opened = ctx.engine().openSession(role, startup.database(), sessionParameters(startup.parameters()));
        } catch (SqlException e) {
            throw e.asFatal();
        }
        session = opened;
        ctx.counters().connectionOpened();
        ctx.registry().registerCancelKey(this);
        Map<String, String> parameters = ctx.engine().initialParameterStatus(opened);
        processor = new QueryProcessor(opened, out, ctx.counters(), processId, parameters.get("TimeZone"));
        int maxBytes = ctx.config().maxMessageBytes();
        processor.copySource(() -> in.readMessage(WireInput.QUERY_PHASE_TYPES, maxBytes));
        out.authenticationOk();
        out.parameterStatuses(parameters);
        out.backendKeyData(processId, secretKey);
        processor.readyForQuery();
        out.flush();
        socket.setSoTimeout(0);
        endStartup();
        moveTo(State.READY);
        LOG.debug("pgwire pid={} session started user={} database={} remote={}", processId, role, startup.database(), remote);
        if (shutdownRequested) {
            throw administratorShutdown();
        }
    }

    private void queryLoop() throws IOException {
        int maxBytes = ctx.config().maxMessageBytes();
        while (true) {
            RawMessage raw = in.readMessage(WireInput.QUERY_PHASE_TYPES, maxBytes);
            if (raw == null) {
                onEndOfStream(false);
                return;
            }
            ctx.counters().messageReceived(raw.type());
            if (!dispatch(raw)) {
                return;
            }
        }
    }

    /** @return false when the client sent Terminate */
    private boolean dispatch(RawMessage raw) throws IOException {
        boolean extended = EXTENDED_TYPES.indexOf(raw.type()) >= 0;
        if (processor.skippingUntilSync() && raw.type() != 'S' && raw.type() != 'X') {
            return true;
        }
        try {
            FrontendMessage message = FrontendMessage.decode(raw);
            switch (message) {
                case Query q -> processor.simpleQuery(q.sql());
                case Parse p -> processor.parse(p);
                case Bind b -> processor.bind(b);
                case Describe d -> processor.describe(d);
                case Execute e -> processor.execute(e);
                case Close c -> processor.close(c);
                case Sync s -> processor.sync();
                case Flush f -> processor.flush();
                case Terminate t -> {
                    return false;
                }
                case CopyOutsideCopy c -> LOG.debug("pgwire pid={} ignored copy message outside COPY type={}", processId, c.type());
                case FunctionCall f -> throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
                        "fast-path function calls are not supported");
            }
        } catch (SqlException e) {
            if (e.fatal()) {
                throw e;
            }
            reportError(ErrorNotice.of(e), extended);
        } catch (RuntimeException e) {
            LOG.warn("pgwire pid={} unexpected failure in message type={}", processId, raw.type(), e);
            reportError(ErrorNotice.internal(e), extended);
        }
        return true;
    }

    private void reportError(ErrorNotice error, boolean extended) throws IOException {
        if (shutdownRequested) {
            // The statement failed because shutdown cancelled it: the client hears why, once.
            throw administratorShutdown();
        }
        processor.fail(error, extended);
    }

    /** The stream ended: a client that left, or the shutdown that closed our input side. */
    private void onEndOfStream(boolean insideMessage) {
        if (shutdownRequested) {
            sendFatal(ErrorNotice.of(administratorShutdown()));
        } else if (insideMessage) {
            sendFatal(ErrorNotice.fatal(SqlState.PROTOCOL_VIOLATION, "unexpected EOF within message"));
        } else {
            LOG.debug("pgwire pid={} client disconnected", processId);
        }
    }

    private static SqlException administratorShutdown() {
        return new SqlException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command").asFatal();
    }

    /** Best effort: the socket may already be gone. */
    private void sendFatal(ErrorNotice error) {
        ctx.counters().errorSent(error.sqlState());
        LOG.info("pgwire pid={} closing connection sqlstate={} message={}", processId, error.sqlState(), error.message());
        if (out == null || socket.isClosed()) {
            return;
        }
        try {
            out.errorResponse(error);
            out.flush();
            fatalSent = true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("pgwire pid={} could not send FATAL {}: {}", processId, error.sqlState(), e.toString());
        }
    }

    /** From any thread: a CancelRequest for this session. */
    void cancelStatement() {
        SqlSession s = session;
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * From the shutdown thread: stop the running statement and wake the connection's blocked read
     * by closing the input side, so that its own thread sends FATAL 57P01 and cleans up.
     */
    void requestShutdown() {
        shutdownRequested = true;
        cancelStatement();
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            LOG.debug("pgwire pid={} shutdownInput failed: {}", processId, e.toString());
        }
    }

    /** From the shutdown thread, after the grace period. */
    void forceClose() {
        closeSocket();
    }

    private void cleanUp() {
        SqlSession s = session;
        if (s != null) {
            try {
                s.close();
            } catch (Throwable t) {
                LOG.warn("pgwire pid={} closing session failed", processId, t);
            }
            ctx.counters().connectionClosed();
        }
        if (processor != null) {
            processor.closeAllPortals();
        }
        endStartup();
        if (admitted) {
            ctx.registry().releaseSession();
            admitted = false;
        }
        ctx.registry().remove(this);
        if (fatalSent) {
            drainInput();
        }
        closeSocket();
        if (state != State.CLOSED) {
            moveTo(State.CLOSED);
        }
    }

    private void endStartup() {
        if (startupPending) {
            startupPending = false;
            ctx.registry().endStartup();
        }
    }

    private void drainInput() {
        try {
            socket.shutdownOutput();
            socket.setSoTimeout(DRAIN_AFTER_FATAL_MILLIS);
            var input = socket.getInputStream();
            byte[] scratch = new byte[4096];
            int drained = 0;
            int n;
            while (drained < DRAIN_AFTER_FATAL_BYTES && (n = input.read(scratch)) > 0) {
                drained += n;
            }
        } catch (IOException e) {
            LOG.debug("pgwire pid={} drain after FATAL ended: {}", processId, e.toString());
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("pgwire pid={} socket close failed: {}", processId, e.toString());
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("connection " + processId + " cannot move from " + state + " to " + next);
        }
        state = next;
    }

    /** Authentication messages for the {@link io.tessera.pgwire.api.Authenticator}. */
    private final class Exchange implements AuthExchange {
        @Override
        public void sendRequest(int code, byte[] data) throws IOException {
            out.authentication(code, data);
            out.flush();
        }

        @Override
        public byte[] readResponse() throws IOException {
            RawMessage m = in.readMessage(WireInput.AUTH_PHASE_TYPES, MAX_AUTH_MESSAGE_BYTES);
            if (m == null) {
                throw new EOFException("client closed during authentication");
            }
            return m.body();
        }
    }
}
