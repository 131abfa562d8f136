package io.tessera.cluster.impl;

import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.TimestampOracle;
import io.tessera.common.encoding.ByteReader;
import io.tessera.common.encoding.ByteWriter;
import io.tessera.common.error.SqlException;
import io.tessera.common.error.SqlState;
import io.tessera.common.time.Clock;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.RaftHost;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TimestampOracle} of one node, over the metadata group.
 *
 * <p><b>Leader side.</b> The metadata leader hands out timestamps from memory ({@link
 * TimestampAllocator}); the group stores only a {@link TimestampLease}: an epoch (fencing token)
 * and a limit above every timestamp handed out. A background tick on the leader first claims the
 * oracle (a new epoch, starting above the stored limit and above its clock), then renews every
 * {@link TimestampAllocator#RENEW_EVERY_MILLIS}, raising the limit to 3 s beyond what it handed
 * out; each renewal is fenced by the epoch. So the Raft write is never on a caller's path.
 *
 * <p><b>Why timestamps never go backwards.</b> Let holder A hand out t, and B later claim.
 * <ul>
 * <li>A handed t out only while t &le; its limit, which a command of A's epoch stored; that
 *     command was applied before B's claim (a renewal applied after the claim is refused: wrong
 *     epoch), so B's claim sees a stored limit &ge; t and B starts above it. A restart of every
 *     node changes nothing: the lease is durable state of the group, and the first leader claims.
 * <li>A also stops handing out before B starts. A serves only within {@link
 *     TimestampAllocator#LEASE_MILLIS} of <em>sending</em> its latest successful renewal (on its
 *     own monotonic clock). That renewal was received by the group before it entered the log,
 *     hence before B's claim was applied, hence before B got the claim's reply; B serves only from
 *     {@link TimestampAllocator#TAKEOVER_WAIT_MILLIS} (the lease plus a quarter) after that reply.
 *     With clocks whose rates differ by less than a quarter, A's lease has run out by then, however
 *     A and B are partitioned, and whatever A believes about its leadership. No synchronised wall
 *     clocks are assumed. A first claim (no earlier epoch) needs no wait.
 * <li>Within one holder, the allocator's lock orders timestamps; a non-leader's batch is fetched
 *     after its callers arrived ({@link TimestampBatcher}), so it holds timestamps larger than any
 *     handed out before they called.
 * </ul>
 * Besides the lease, a holder serves only while its replica is the ready leader, so a leader that
 * knows it stepped down stops at once; a follower neither claims nor renews. A holder re-elected
 * after losing leadership renews its epoch and goes on if nobody claimed meanwhile, or claims again
 * (and waits) if somebody did. The cost: after a leader change, timestamps pause for the election
 * plus {@link TimestampAllocator#TAKEOVER_WAIT_MILLIS}; not after an orderly shutdown of the
 * leader, which stops serving and then releases its epoch ({@code ReleaseTimestamps}): a claim of a
 * released epoch needs no wait, since its holder serves no more.
 *
 * <p><b>Other nodes</b> ask the leader with the {@value #NEXT_RPC} node RPC for as many timestamps as
 * their callers waiting at that moment need (one RPC in flight per node), following leader changes
 * until {@link #DEADLINE_MILLIS}, then 08006.
 */
final class TimestampService implements TimestampOracle, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TimestampService.class);
    static final String NEXT_RPC = "tso.next";
    /** How often the background tick looks at leadership and the lease (claims and renewals follow their own pace). */
    private static final long TICK_MILLIS = 100;
    /** How long {@link #next()} keeps trying metadata leaders before it fails with 08006. */
    static final long DEADLINE_MILLIS = 10_000;
    /** Pause between attempts while no leader serves (an election, a takeover wait). */
    private static final long RETRY_PAUSE_MILLIS = 20;
    /** Deadline of one {@value #NEXT_RPC} call. */
    private static final long RPC_DEADLINE_MILLIS = 3_000;
    /** How long the leader holds an RPC while it cannot serve yet (claiming, waiting out a takeover). */
    private static final long SERVE_WAIT_MILLIS = 2_000;
    /** How long an orderly shutdown waits for the release of the oracle to commit. */
    private static final long RELEASE_DEADLINE_MILLIS = 1_000;

    private final RaftHost host;
    private final RaftCatalog.View view;
    private final Clock clock;
    private final TimestampAllocator allocator;
    private final TimestampBatcher batcher = new TimestampBatcher(this::fetch);
    /** Names this process in claims: a restarted node is a new claimer. */
    private final String claimer;
    private final ScheduledExecutorService keeper;
    private final TimestampMetrics metrics;

    private TimestampService(RaftHost host, RaftCatalog.View view, Clock clock, TimestampMetrics metrics) {
        this.host = host;
        this.metrics = metrics;
        this.view = view;
        this.clock = clock;
        this.allocator = new TimestampAllocator(clock);
        this.claimer = host.self().id() + "/" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.keeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timestamp-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /** Registers the RPC and starts the background tick that claims and renews while this node leads. */
    static TimestampService start(RaftHost host, RaftCatalog.View view, Clock clock, TimestampMetrics metrics) {
        TimestampService service = new TimestampService(host, view, clock, metrics);
        host.registerRpc(NEXT_RPC, service::onNext);
        service.keeper.scheduleWithFixedDelay(service::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
        return service;
    }

    /** On the leader straight from memory; elsewhere (or while the leader cannot serve) through the batcher. */
    @Override
    public long next() {
        long ts = takeLocal(1);
        return ts > 0 ? ts : batcher.next();
    }

    // ---- leader side ----

    private boolean leadsMetadata() {
        return host.hasGroup(GroupKey.META) && host.leadsReady(GroupKey.META);
    }

    /** The first of {@code count} timestamps from this node's allocator, or -1 when it is not the serving leader. */
    private long takeLocal(int count) {
        if (!leadsMetadata()) {
            return -1;
        }
        long first = allocator.take(count);
        if (first > 0) {
            metrics.handedOut(count);
        }
        return first;
    }

    private void tick() {
        try {
            if (!leadsMetadata()) {
                return; // a follower neither claims nor renews: a lease it holds runs out
            }
            long epoch = allocator.epoch();
            if (epoch == 0) {
                claim();
            } else if (allocator.renewalDue()) {
                renew(epoch);
            }
        } catch (SqlException e) {
            LOG.debug("timestamp lease not renewed: {} {}", e.sqlState(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("timestamp lease tick failed", e);
        }
    }

    private void claim() {
        long sent = clock.nanoTime();
        byte[] reply = propose(new MetaCommand.ClaimTimestamps(claimer, allocator.nowTimestamp(), TimestampAllocator.WINDOW));
        TimestampLease.Grant grant = CatalogStore.read(reply, TimestampLease.Grant.class);
        allocator.claimed(grant, sent, clock.nanoTime());
        metrics.claimed();
        LOG.info("node {} claimed the timestamp oracle epoch={} base={} takeover={}", host.self().id(), grant.epoch(),
                grant.base(), grant.hadHolder());
    }

    private void renew(long epoch) {
        long sent = clock.nanoTime();
        long limit = allocator.renewalLimit();
        try {
            propose(new MetaCommand.RenewTimestamps(epoch, limit));
            allocator.renewed(epoch, limit, sent);
            metrics.renewed();
        } catch (SqlException e) {
            if (!e.sqlState().equals(SqlState.SERIALIZATION_FAILURE)) {
                throw e;
            }
            allocator.lost(epoch);
            LOG.info("node {} lost the timestamp oracle: {}", host.self().id(), e.getMessage());
        }
    }

    /** A metadata command, waiting at most a lease: a later reply would be of no use. */
    private byte[] propose(MetaCommand command) {
        return await(host.submit(GroupKey.META, CatalogStore.write(command)), TimestampAllocator.LEASE_MILLIS);
    }

    /** The {@value #NEXT_RPC} handler: the first of the asked count, from this node's allocator. */
    private byte[] onNext(byte[] request) {
        int count = new ByteReader(request).getInt();
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVE_WAIT_MILLIS);
        while (leadsMetadata()) {
            long first = takeLocal(count);
            if (first > 0) {
                return new ByteWriter(8).putLong(first).toByteArray();
            }
            if (clock.nanoTime() - deadline > 0) {
                break;
            }
            RaftCluster.sleep(RETRY_PAUSE_MILLIS);
        }
        throw new SqlException(SqlState.CONNECTION_FAILURE,
                "node " + host.self().id() + " does not hand out timestamps now (not the ready metadata leader)");
    }

    // ---- every node ----

    /** The first of {@code count} timestamps from the metadata leader, following leader changes until the deadline. */
    private long fetch(int count) {
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MILLIS);
        String lastFailure = "no metadata leader known";
        while (true) {
            try {
                long first = fetchOnce(count);
                if (first > 0) {
                    return first;
                }
            } catch (SqlException e) {
                if (e.sqlState().equals(SqlState.QUERY_CANCELED)) {
                    throw e;
                }
                lastFailure = e.getMessage();
            }
            if (clock.nanoTime() - deadline > 0) {
                throw new SqlException(SqlState.CONNECTION_FAILURE, "no timestamp from the metadata leader within "
                        + DEADLINE_MILLIS + " ms: " + lastFailure);
            }
            RaftCluster.sleep(RETRY_PAUSE_MILLIS);
        }
    }

    /** One attempt: this node's allocator when it leads, else one RPC to the leader it knows; -1 when neither serves. */
    private long fetchOnce(int count) {
        Optional<String> leader = host.hasGroup(GroupKey.META) ? host.leaderId(GroupKey.META) : Optional.empty();
        if (leader.isEmpty()) {
            return -1;
        }
        if (leader.get().equals(host.self().id())) {
            return takeLocal(count);
        }
        NodeDescriptor node = view.get().nodes().get(leader.get());
        if (node == null) {
            return -1;
        }
        byte[] reply = await(host.callRpc(node.rpcAddress(), NEXT_RPC, new ByteWriter(4).putInt(count).toByteArray()),
                RPC_DEADLINE_MILLIS);
        return new ByteReader(reply).getLong();
    }

    private static byte[] await(CompletableFuture<byte[]> reply, long millis) {
        try {
            return reply.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SqlException s ? s
                    : new SqlException(SqlState.CONNECTION_FAILURE, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new SqlException(SqlState.CONNECTION_FAILURE, "no answer within " + millis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqlException(SqlState.QUERY_CANCELED, "interrupted while waiting for a timestamp");
        }
    }

    /**
     * Stops the tick, stops serving, then releases the epoch this node held, so that the next
     * leader need not wait out the lease (best effort: without a quorum the release fails, and the
     * next leader waits).
     */
    @Override
    public void close() {
        keeper.shutdownNow();
        try {
            // A claim under way would otherwise land after the release and hold an epoch nobody releases.
            keeper.awaitTermination(RELEASE_DEADLINE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long held = allocator.release();
        if (held == 0) {
            return;
        }
        try {
            await(host.submit(GroupKey.META, CatalogStore.write(new MetaCommand.ReleaseTimestamps(held))),
                    RELEASE_DEADLINE_MILLIS);
            LOG.info("node {} released the timestamp oracle epoch={}", host.self().id(), held);
        } catch (SqlException e) {
            LOG.info("node {} could not release the timestamp oracle epoch={}: {}", host.self().id(), held, e.getMessage());
        }
    }
}
