package io.tessera.replication.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.common.error.SqlException;
import io.tessera.replication.api.FragmentCommand;
import io.tessera.replication.api.FragmentOp;
import io.tessera.replication.api.FragmentReply;
import io.tessera.replication.api.GroupKey;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EncodingTest {
    @Test
    void groupKeysRoundTripThroughTheirUuid() {
        for (GroupKey key : List.of(GroupKey.META, GroupKey.fragment(0), GroupKey.fragment(42), GroupKey.fragment(Long.MAX_VALUE))) {
            assertThat(GroupKey.fromUuid(key.uuid())).contains(key);
        }
        assertThat(GroupKey.fragment(1).uuid()).isNotEqualTo(GroupKey.fragment(2).uuid());
        assertThat(GroupKey.fromUuid(UUID.randomUUID())).isEmpty();
    }

    @Test
    void fragmentCommandsRoundTrip() {
        FragmentCommand command = new FragmentCommand(77, List.of(
                new FragmentOp.Put(new byte[] {1}, new byte[] {2, 3}),
                new FragmentOp.PutIfAbsent(new byte[] {4}, new byte[0]),
                new FragmentOp.Delete(new byte[] {5}),
                new FragmentOp.DeleteRange(new byte[] {6}, null),
                new FragmentOp.DeleteRange(new byte[] {7}, new byte[] {8})));
        FragmentCommand decoded = FragmentCommand.decode(command.encode());
        assertThat(decoded.timestamp()).isEqualTo(77);
        assertThat(decoded.encode()).isEqualTo(command.encode());
        assertThat(decoded.ops().get(3)).isInstanceOfSatisfying(FragmentOp.DeleteRange.class, r -> assertThat(r.endKey()).isNull());
        assertThatThrownBy(() -> FragmentCommand.decode(new byte[] {9})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void repliesAndErrorFramesRoundTrip() {
        FragmentReply conflict = FragmentReply.decode(new FragmentReply(5, new byte[] {1, 2}).encode());
        assertThat(conflict.conflictKey()).containsExactly(1, 2);
        assertThat(FragmentReply.decode(new FragmentReply(5, null).encode()).applied()).isTrue();
        assertThat(Frames.unwrap(Frames.ok(new byte[] {3}))).containsExactly(3);
        byte[] error = Frames.error(new SqlException("53100", "disk full").withDetail("d"));
        assertThatThrownBy(() -> Frames.unwrap(error)).isInstanceOfSatisfying(SqlException.class, e -> {
            assertThat(e.sqlState()).isEqualTo("53100");
            assertThat(e.getMessage()).isEqualTo("disk full");
            assertThat(e.detail()).isEqualTo("d");
        });
    }
}
