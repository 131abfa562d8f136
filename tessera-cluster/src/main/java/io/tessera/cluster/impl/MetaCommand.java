package io.tessera.cluster.impl;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.tessera.cluster.api.TableSpec;
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
    @JsonSubTypes.Type(value = MetaCommand.DropView.class, name = "dropView")
})
sealed interface MetaCommand {

    /** Reply: the new TableDescriptor. */
    record CreateTable(TableSpec spec) implements MetaCommand {}

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
}
