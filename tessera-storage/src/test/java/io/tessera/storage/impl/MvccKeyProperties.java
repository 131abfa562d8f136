package io.tessera.storage.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class MvccKeyProperties {
    @Property
    void versionKeysSortByUserKeyThenNewestFirst(@ForAll @Size(max = 12) byte[] a, @ForAll @Size(max = 12) byte[] b,
            @ForAll @LongRange(min = 0) long ta, @ForAll @LongRange(min = 0) long tb) {
        int userOrder = Integer.signum(Arrays.compareUnsigned(a, b));
        int rawOrder = Integer.signum(Arrays.compareUnsigned(MvccKey.encode(a, ta), MvccKey.encode(b, tb)));
        int expected = userOrder != 0 ? userOrder : Integer.signum(Long.compare(tb, ta));
        assertThat(rawOrder).isEqualTo(expected);
    }

    @Property
    void boundsMatchUserOrderExactly(@ForAll @Size(max = 12) byte[] key, @ForAll @Size(max = 12) byte[] bound,
            @ForAll @LongRange(min = 0) long ts) {
        boolean userAtOrAbove = Arrays.compareUnsigned(key, bound) >= 0;
        boolean rawAtOrAbove = Arrays.compareUnsigned(MvccKey.encode(key, ts), MvccKey.bound(bound)) >= 0;
        assertThat(rawAtOrAbove).isEqualTo(userAtOrAbove);
    }

    @Property
    void decodeRoundTrips(@ForAll @Size(max = 12) byte[] key, @ForAll @LongRange(min = 0) long ts) {
        byte[] raw = MvccKey.encode(key, ts);
        assertThat(MvccKey.userKey(raw)).isEqualTo(key);
        assertThat(MvccKey.timestamp(raw)).isEqualTo(ts);
    }
}
