package io.tessera.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.cluster.api.Catalog;
import io.tessera.cluster.api.ColumnDescriptor;
import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.IndexSpec;
import io.tessera.cluster.api.MembershipConfig;
import io.tessera.cluster.api.MetadataGroup;
import io.tessera.common.time.Clock;
import io.tessera.cluster.api.TableDescriptor;
import io.tessera.cluster.api.TableSpec;
import io.tessera.cluster.api.ViewDescriptor;
import io.tessera.common.error.SqlException;
import io.tessera.common.types.SqlType;
import io.tessera.replication.api.FragmentCommand;
import io.tessera.replication.api.FragmentKeys;
import io.tessera.replication.api.FragmentOp;
import io.tessera.replication.api.GroupKey;
import io.tessera.replication.api.RaftHost;
import io.tessera.replication.api.RaftHostConfig;
import io.tessera.storage.api.StorageConfig;
import io.tessera.storage.api.StorageEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir Path dir;
    int port;
    StorageEngine storage;
    RaftHost host;
    Catalog catalog;
    MetadataGroup.Opened opened;

    @BeforeEach
    void open() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        start();
    }

    void start() {
        storage = StorageEngine.open(StorageConfig.small(dir.resolve("db")));
        MetadataGroup metadata = new MetadataGroup();
        host = RaftHost.open(RaftHostConfig.defaults("n1", "127.0.0.1:" + port, dir.resolve("raft")).withElectionTimeoutMin(200),
                storage, Map.of(GroupKey.Kind.META, metadata.stateMachineFactory()));
        host.start();
        opened = metadata.open(host, MembershipConfig.standalone("127.0.0.1:0", "127.0.0.1:0"), Clock.system(), id -> 0,
                dir.resolve("cluster.id"));
        catalog = opened.catalog();
    }

    @AfterEach
    void stop() {
        try {
            opened.background().close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        host.close();
        storage.close();
    }

    void restart() {
        stop();
        start();
    }

    static TableSpec spec(String name, int fragments) {
        return new TableSpec(name, List.of(
                new ColumnDescriptor(0, "id", SqlType.INT8, true, null, false),
                new ColumnDescriptor(0, "name", SqlType.varchar(20), false, "'x'", false)), List.of(0), fragments);
    }

    @Test
    void createTableAssignsIdsAndFragmentsAndCreatesTheirGroups() {
        long before = catalog.version();
        TableDescriptor t = catalog.createTable(spec("accounts", 4));
        TableDescriptor u = catalog.createTable(spec("users", 1));

        assertThat(t.id()).isPositive();
        assertThat(u.id()).isNotEqualTo(t.id());
        assertThat(t.columns()).extracting(ColumnDescriptor::id).containsExactly(1, 2);
        assertThat(t.columns().get(1).type()).isEqualTo(SqlType.varchar(20));
        assertThat(t.fragments()).hasSize(4).extracting(FragmentDescriptor::tableId).containsOnly(t.id());
        Set<Long> fragmentIds = new HashSet<>();
        t.fragments().forEach(f -> fragmentIds.add(f.id()));
        u.fragments().forEach(f -> fragmentIds.add(f.id()));
        assertThat(fragmentIds).hasSize(5);
        for (long id : fragmentIds) {
            assertThat(host.hasGroup(GroupKey.fragment(id))).isTrue();
        }
        assertThat(catalog.table("accounts")).get().usingRecursiveComparison().isEqualTo(t);
        assertThat(catalog.table(u.id())).get().usingRecursiveComparison().isEqualTo(u);
        assertThat(catalog.tables()).extracting(TableDescriptor::name).containsExactly("accounts", "users");
        assertThat(catalog.version()).isEqualTo(before + 2);
    }

    @Test
    void userErrorsCarryPostgresCodes() {
        catalog.createTable(spec("t", 1));
        assertThatThrownBy(() -> catalog.createTable(spec("t", 1))).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P07"));
        assertThatThrownBy(() -> catalog.dropTable("nosuch")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P01"));
        assertThatThrownBy(() -> catalog.nextval("nosuch")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P01"));
        TableSpec twice = new TableSpec("d", List.of(new ColumnDescriptor(0, "a", SqlType.INT4, true, null, false),
                new ColumnDescriptor(0, "a", SqlType.INT4, true, null, false)), List.of(0), 1);
        assertThatThrownBy(() -> catalog.createTable(twice)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42701"));
        catalog.createSequence("s");
        assertThatThrownBy(() -> catalog.createSequence("s")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P07"));
    }

    static ViewDescriptor viewOn(String name, String table) {
        return new ViewDescriptor(0, name, "SELECT id FROM " + table,
                List.of(new ColumnDescriptor(1, "id", SqlType.INT8, false, null, false)), List.of(table));
    }

    @Test
    void viewsShareTheTableNamespaceAndSurviveRestart() {
        TableDescriptor t = catalog.createTable(spec("base", 1));
        long before = catalog.version();
        ViewDescriptor v = catalog.createView(viewOn("v", "base"), false);
        assertThat(v.id()).isGreaterThan(t.id());
        assertThat(catalog.version()).isEqualTo(before + 1);
        assertThatThrownBy(() -> catalog.createView(viewOn("v", "base"), false)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P07"));
        assertThatThrownBy(() -> catalog.createView(viewOn("base", "base"), true)).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P07"));
        assertThatThrownBy(() -> catalog.createTable(spec("v", 1))).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P07"));
        ViewDescriptor replaced = catalog.createView(new ViewDescriptor(0, "v", "SELECT id FROM base WHERE id > 1",
                v.columns(), v.dependsOn()), true);
        assertThat(replaced.id()).isEqualTo(v.id());
        assertThatThrownBy(() -> catalog.dropTable("base")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("2BP01"));

        restart();

        assertThat(catalog.view("v")).get().usingRecursiveComparison().isEqualTo(replaced);
        assertThat(catalog.views()).extracting(ViewDescriptor::name).containsExactly("v");
        catalog.dropView("v");
        assertThat(catalog.view("v")).isEmpty();
        assertThatThrownBy(() -> catalog.dropView("v")).isInstanceOfSatisfying(SqlException.class,
                e -> assertThat(e.sqlState()).isEqualTo("42P01"));
        catalog.dropTable("base");
    }

    @Test
    void catalogSurvivesRestart() {
        TableSpec base = spec("orders", 2);
        TableDescriptor t = catalog.createTable(new TableSpec(base.name(), base.columns(), base.primaryKey(), 2,
                List.of(new io.tessera.cluster.api.CheckConstraint("orders_id_check", "id > 0"))));
        assertThat(t.checks()).extracting(io.tessera.cluster.api.CheckConstraint::name).containsExactly("orders_id_check");
        catalog.createSequence("orders_id_seq");
        long version = catalog.version();

        restart();

        assertThat(catalog.table("orders")).get().usingRecursiveComparison().isEqualTo(t);
        assertThat(catalog.sequences()).containsExactly("orders_id_seq");
        assertThat(catalog.version()).isEqualTo(version);
        TableDescriptor next = catalog.createTable(spec("later", 1));
        assertThat(next.id()).isGreaterThan(t.id());
        assertThat(next.fragments().get(0).id()).isGreaterThan(t.fragments().get(1).id());
    }

    @Test
    void nextvalIsUniqueAcrossBlocksAndRestarts() {
        catalog.createSequence("seq");
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 250; i++) {
            assertThat(seen.add(catalog.nextval("seq"))).isTrue();
        }
        assertThat(seen).contains(1L, 250L);

        restart();

        for (int i = 0; i < 120; i++) {
            assertThat(seen.add(catalog.nextval("seq"))).as("duplicate value after restart").isTrue();
        }
        catalog.dropSequence("seq");
        assertThatThrownBy(() -> catalog.nextval("seq")).isInstanceOf(SqlException.class);
    }

    @Test
    void dropTableRemovesItsGroupsAndData() {
        TableDescriptor t = catalog.createTable(spec("gone", 2));
        long fragment = t.fragments().get(0).id();
        host.call(GroupKey.fragment(fragment),
                new FragmentCommand(1, List.of(new FragmentOp.Put(new byte[] {'t', 1}, new byte[] {1}))).encode());
        assertThat(storage.scan(FragmentKeys.prefix(fragment), FragmentKeys.storageEnd(fragment, null), Long.MAX_VALUE, 0)).hasSize(1);

        catalog.dropTable("gone");

        assertThat(catalog.table("gone")).isEmpty();
        for (FragmentDescriptor f : t.fragments()) {
            assertThat(host.hasGroup(GroupKey.fragment(f.id()))).isFalse();
        }
        assertThat(storage.scan(FragmentKeys.prefix(fragment), FragmentKeys.storageEnd(fragment, null), Long.MAX_VALUE, 0)).isEmpty();
        assertThat(catalog.createTable(spec("gone", 1)).id()).isGreaterThan(t.id());
    }

    @Test
    void openingReconcilesGroupsWithTheCatalog() {
        TableDescriptor t = catalog.createTable(spec("kept", 1));
        GroupKey kept = GroupKey.fragment(t.fragments().get(0).id());
        GroupKey stray = GroupKey.fragment(999);
        host.removeGroup(kept); // as if the node crashed before creating it
        host.createGroup(stray, List.of(host.self())); // as if it crashed before removing it

        restart();

        assertThat(host.hasGroup(kept)).isTrue();
        assertThat(host.hasGroup(stray)).isFalse();
    }

    @Test
    void alterTableKeepsIdAndFragmentsAndSurvivesARestart() {
        TableDescriptor t = catalog.createTable(spec("altered", 2));
        long before = catalog.version();
        List<ColumnDescriptor> columns = List.of(t.columns().get(0),
                new ColumnDescriptor(2, "title", SqlType.varchar(20), false, "'x'", false),
                new ColumnDescriptor(3, "added", SqlType.INT4, true, "42", false));
        TableDescriptor a = catalog.alterTable(t.id(), new TableSpec("renamed", columns, List.of(0), 2));
        assertThat(a.id()).isEqualTo(t.id());
        assertThat(a.fragments()).extracting(FragmentDescriptor::id).isEqualTo(t.fragments().stream().map(FragmentDescriptor::id).toList());
        assertThat(catalog.version()).isGreaterThan(before);
        assertThat(catalog.table("altered")).isEmpty();
        restart();
        TableDescriptor reloaded = catalog.table("renamed").orElseThrow();
        assertThat(reloaded.columns()).extracting(ColumnDescriptor::name).containsExactly("id", "title", "added");
        assertThat(reloaded.columns().get(2).id()).isEqualTo(3);
        catalog.createTable(spec("other", 1));
        assertThatThrownBy(() -> catalog.alterTable(t.id(), new TableSpec("other", columns, List.of(0), 2)))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42P07"));
    }

    @Test
    void indexesHaveFragmentsOfTheirOwnAStateAndSurviveARestart() {
        TableDescriptor t = catalog.createTable(spec("people", 2));
        long before = catalog.version();
        TableDescriptor withIndex = catalog.createIndex(new IndexSpec("people_name", t.id(), List.of(2), List.of(), true));
        IndexDescriptor index = withIndex.index("people_name");
        assertThat(index.state()).isEqualTo(IndexDescriptor.State.WRITE_ONLY);
        assertThat(index.id()).isNotEqualTo(t.id());
        assertThat(index.fragments()).hasSize(2).extracting(FragmentDescriptor::tableId).containsOnly(index.id());
        assertThat(index.fragments()).extracting(FragmentDescriptor::id)
                .doesNotContainAnyElementsOf(t.fragments().stream().map(FragmentDescriptor::id).toList());
        for (FragmentDescriptor f : index.fragments()) {
            assertThat(host.hasGroup(GroupKey.fragment(f.id()))).isTrue();
        }
        assertThat(catalog.version()).isGreaterThan(before);
        assertThatThrownBy(() -> catalog.createIndex(new IndexSpec("people", t.id(), List.of(2), List.of(), false)))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42P07"));
        assertThatThrownBy(() -> catalog.createTable(spec("people_name", 1)))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42P07"));

        catalog.setIndexState(index.id(), IndexDescriptor.State.PUBLIC);
        restart();

        IndexDescriptor reloaded = catalog.table("people").orElseThrow().index("people_name");
        assertThat(reloaded.readable()).isTrue();
        assertThat(reloaded.unique()).isTrue();
        for (FragmentDescriptor f : reloaded.fragments()) {
            assertThat(host.hasGroup(GroupKey.fragment(f.id()))).as("reconcile keeps index groups").isTrue();
        }
        catalog.dropIndex("people_name");
        assertThat(catalog.table("people").orElseThrow().indexes()).isEmpty();
        for (FragmentDescriptor f : reloaded.fragments()) {
            assertThat(host.hasGroup(GroupKey.fragment(f.id()))).isFalse();
        }
        assertThatThrownBy(() -> catalog.dropIndex("people_name"))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("42704"));
    }

    @Test
    void droppingATableDropsTheGroupsOfItsIndexesAndAlterKeepsThem() {
        TableDescriptor t = catalog.createTable(spec("orders", 1));
        IndexDescriptor index = catalog.createIndex(new IndexSpec("orders_name", t.id(), List.of(2), List.of(), false))
                .index("orders_name");
        List<ColumnDescriptor> renamed = List.of(t.columns().get(0),
                new ColumnDescriptor(2, "title", SqlType.varchar(20), false, null, false));
        assertThat(catalog.alterTable(t.id(), new TableSpec("orders", renamed, List.of(0), 1)).indexes())
                .extracting(IndexDescriptor::name).containsExactly("orders_name");
        assertThatThrownBy(() -> catalog.alterTable(t.id(), new TableSpec("orders", List.of(t.columns().get(0)), List.of(0), 1)))
                .isInstanceOfSatisfying(SqlException.class, e -> assertThat(e.sqlState()).isEqualTo("2BP01"));

        catalog.dropTable("orders");

        assertThat(host.hasGroup(GroupKey.fragment(index.fragments().get(0).id()))).isFalse();
        assertThat(catalog.createTable(spec("orders_name", 1)).name()).isEqualTo("orders_name");
    }
}
