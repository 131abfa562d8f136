package io.tessera.cluster.impl;

import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.IndexSpec;
import io.tessera.cluster.api.NodeDescriptor;
import io.tessera.cluster.api.Placement;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tessera.cluster.api.TableSpec;
import io.tessera.cluster.api.TableStatistics;
import io.tessera.cluster.api.ViewDescriptor;

/** A change to the catalog: one entry of the metadata group's log, JSON-encoded. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MetaCommand.CreateTable.class, name = "createTable"),
    @JsonSubTypes.Type(value = MetaCommand.DropTable.class, name = "dropTable"),
    @JsonSubTypes.Type(value = MetaCommand.AlterTable.class, name = "alterTable"),
    @JsonSubTypes.Type(value = MetaCommand.CreateSequence.class, name = "createSequence"),
    @JsonSubTypes.Type(value = MetaCommand.DropSequence.class, name = "dropSequence"),
    @JsonSubTypes.Type(value = MetaCommand.AllocateSequence.class, name = "allocateSequence"),
    @JsonSubTypes.Type(value = MetaCommand.CreateView.class, name = "createView"),
    @JsonSubTypes.Type(value = MetaCommand.DropView.class, name = "dropView"),
    @JsonSubTypes.Type(value = MetaCommand.RegisterNode.class, name = "registerNode"),
    @JsonSubTypes.Type(value = MetaCommand.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = MetaCommand.SetAdminState.class, name = "setAdminState"),
    @JsonSubTypes.Type(value = MetaCommand.SetPlacement.class, name = "setPlacement"),
    @JsonSubTypes.Type(value = MetaCommand.CreateIndex.class, name = "createIndex"),
    @JsonSubTypes.Type(value = MetaCommand.SetIndexState.class, name = "setIndexState"),
    @JsonSubTypes.Type(value = MetaCommand.DropIndex.class, name = "dropIndex"),
    @JsonSubTypes.Type(value = MetaCommand.SetStatistics.class, name = "setStatistics"),
    @JsonSubTypes.Type(value = MetaCommand.ClaimTimestamps.class, name = "claimTimestamps"),
    @JsonSubTypes.Type(value = MetaCommand.RenewTimestamps.class, name = "renewTimestamps"),
    @JsonSubTypes.Type(value = MetaCommand.ReleaseTimestamps.class, name = "releaseTimestamps")
})
sealed interface MetaCommand {

    /**
     * Reply: the new TableDescriptor. {@code placements} holds the replica node ids of each
     * fragment in order, chosen by the proposer (liveness depends on clocks, so it cannot be
     * decided inside the state machine); null in commands logged before replication.
     */
    record CreateTable(TableSpec spec, List<List<String>> placements) implements MetaCommand {}

    /** Reply: the dropped TableDescriptor. */
    record DropTable(String name) implements MetaCommand {}

    /** Reply: the altered TableDescriptor (same id and fragments). */
    record AlterTable(long tableId, TableSpec definition) implements MetaCommand {}

    record CreateSequence(String name) implements MetaCommand {}

    record DropSequence(String name) implements MetaCommand {}

    /** Reply: the first of {@code count} values now reserved for the asking node. */
    record AllocateSequence(String name, int count) implements MetaCommand {}

    /** Reply: the stored ViewDescriptor (with its id). */
    record CreateView(ViewDescriptor view, boolean orReplace) implements MetaCommand {}

    record DropView(String name) implements MetaCommand {}

    /**
     * A node joins or restarts: adds it or updates its addresses and labels (its admin state and
     * heartbeat are kept). 42710 when the id is taken by a node at another RPC address that is
     * still heard from; the proposer's clock reading {@code nowMillis} decides "still heard from".
     */
    record RegisterNode(NodeDescriptor node, long nowMillis, long suspectAfterMillis) implements MetaCommand {}

    record Heartbeat(String nodeId, long millis) implements MetaCommand {}

    /** Reply: nothing; 42704 for an unknown node. */
    record SetAdminState(String nodeId, NodeDescriptor.AdminState state) implements MetaCommand {}

    /**
     * Reply: the table's new TableDescriptor, the index in it {@code WRITE_ONLY}. {@code placements}
     * as for CreateTable, one per index fragment. 42P07 when a relation has the name, 42P01 when
     * the table is gone.
     */
    record CreateIndex(IndexSpec spec, List<List<String>> placements) implements MetaCommand {}

    /** Reply: the table's new TableDescriptor; 42704 when the index is gone. */
    record SetIndexState(long indexId, IndexDescriptor.State state) implements MetaCommand {}

    /** ANALYZE's result for a table. Reply: the table's new TableDescriptor; 42P01 when the table is gone. */
    record SetStatistics(long tableId, TableStatistics statistics) implements MetaCommand {}

    /** Reply: the table's TableDescriptor before the drop (naming the index's fragments); 42704 when unknown. */
    record DropIndex(String name) implements MetaCommand {}

    /** Compare-and-set of a fragment's placement; 40001 when it is no longer {@code expected}. */
    record SetPlacement(long fragmentId, Placement expected, Placement next) implements MetaCommand {}

    /**
     * The metadata leader takes over the timestamp oracle: a new epoch, handing out timestamps above
     * the stored limit and above {@code nowTimestamp} (the proposer's hybrid-format clock reading),
     * up to {@code window} beyond that. Reply: the JSON {@code TimestampLease.Grant}.
     */
    record ClaimTimestamps(String claimer, long nowTimestamp, long window) implements MetaCommand {}

    /** The holder of {@code epoch} raises the stored limit to {@code limit}; 40001 when the epoch was taken over. */
    record RenewTimestamps(long epoch, long limit) implements MetaCommand {}

    /**
     * The holder of {@code epoch}, which has stopped serving for good (an orderly shutdown), gives
     * the oracle up so that the next claim need not wait out its lease; a no-op for another epoch.
     */
    record ReleaseTimestamps(long epoch) implements MetaCommand {}
}
