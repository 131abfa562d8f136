package io.tessera.common.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.common.types.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * KeyCodec preserves SQL order: for values a, b of one type (or composite keys of one shape), the
 * unsigned byte order of the encodings has the sign of SQL's comparison, with NULL after every
 * value, and decoding gives back the value.
 */
class KeyCodecProperties {

    /** A sample key: its column kinds and two values of those kinds. */
    record Sample(List<TypeKind> kinds, List<Object> a, List<Object> b) {}

    private static final List<TypeKind> SCALAR_KINDS = List.of(TypeKind.BOOL, TypeKind.INT2, TypeKind.INT4,
            TypeKind.INT8, TypeKind.FLOAT4, TypeKind.FLOAT8, TypeKind.NUMERIC, TypeKind.TEXT, TypeKind.BYTEA,
            TypeKind.DATE, TypeKind.TIMESTAMP, TypeKind.TIMESTAMPTZ);

    @Property(tries = 1000)
    void singleColumnOrderMatchesSql(@ForAll("singles") Sample s) {
        checkOrderAndRoundTrip(s);
    }

    @Property(tries = 1000)
    void compositeOrderMatchesSqlColumnByColumn(@ForAll("composites") Sample s) {
        checkOrderAndRoundTrip(s);
    }

    @Property(tries = 1000)
    void numericOrderIgnoresScale(@ForAll("numerics") BigDecimal a, @ForAll("numerics") BigDecimal b) {
        byte[] ea = KeyCodec.encode(List.of(a), List.of(TypeKind.NUMERIC));
        byte[] eb = KeyCodec.encode(List.of(b), List.of(TypeKind.NUMERIC));
        assertThat(Integer.signum(Arrays.compareUnsigned(ea, eb))).isEqualTo(Integer.signum(a.compareTo(b)));
        BigDecimal rescaled = a.setScale(a.scale() + 3);
        assertThat(KeyCodec.encode(List.of(rescaled), List.of(TypeKind.NUMERIC))).isEqualTo(ea);
    }

    private static void checkOrderAndRoundTrip(Sample s) {
        byte[] ea = KeyCodec.encode(s.a(), s.kinds());
        byte[] eb = KeyCodec.encode(s.b(), s.kinds());
        int expected = sqlCompare(s.kinds(), s.a(), s.b());
        assertThat(Integer.signum(Arrays.compareUnsigned(ea, eb)))
                .as("order of %s vs %s as %s", s.a(), s.b(), s.kinds()).isEqualTo(expected);
        assertThat(sqlCompare(s.kinds(), KeyCodec.decode(ea, 0, s.kinds()), s.a())).isZero();
        // Self-delimiting: no encoding of a full key is a proper prefix of another.
        if (ea.length < eb.length && expected != 0) {
            assertThat(Arrays.equals(ea, 0, ea.length, eb, 0, ea.length)).isFalse();
        }
    }

    static int sqlCompare(List<TypeKind> kinds, List<Object> a, List<Object> b) {
        for (int i = 0; i < kinds.size(); i++) {
            int c = compareValue(kinds.get(i), a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** PostgreSQL's ordering: NULLS LAST; NaN above +Infinity; -0.0 = 0.0; text in C collation. */
    @SuppressWarnings("unchecked")
    static int compareValue(TypeKind kind, Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = switch (kind) {
            case FLOAT4, FLOAT8 -> compareDouble(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case NUMERIC -> ((BigDecimal) a).compareTo((BigDecimal) b);
            case TEXT -> Arrays.compareUnsigned(((String) a).getBytes(StandardCharsets.UTF_8),
                    ((String) b).getBytes(StandardCharsets.UTF_8));
            case BYTEA -> Arrays.compareUnsigned((byte[]) a, (byte[]) b);
            default -> ((Comparable<Object>) a).compareTo(b);
        };
        return Integer.signum(c);
    }

    private static int compareDouble(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) ? (Double.isNaN(b) ? 0 : 1) : -1;
        }
        return a == b ? 0 : (a < b ? -1 : 1);
    }

    @Provide
    Arbitrary<Sample> singles() {
        return Arbitraries.of(SCALAR_KINDS).flatMap(kind -> Combinators.combine(value(kind), value(kind))
                .as((a, b) -> new Sample(List.of(kind), Arrays.asList(a), Arrays.asList(b))));
    }

    @Provide
    Arbitrary<Sample> composites() {
        Arbitrary<List<TypeKind>> shapes = Arbitraries.of(SCALAR_KINDS).list().ofMinSize(2).ofMaxSize(4);
        return shapes.flatMap(kinds -> Combinators.combine(row(kinds), row(kinds))
                .as((a, b) -> new Sample(kinds, a, b)));
    }

    /** Two rows of the same shape; often equal in a prefix so that later columns decide. */
    private Arbitrary<List<Object>> row(List<TypeKind> kinds) {
        Arbitrary<Object>[] columns = kinds.stream().map(this::value).toArray(Arbitrary[]::new);
        return Combinators.combine(Arrays.asList(columns)).as(values -> Arrays.asList(values.toArray()));
    }

    @Provide
    Arbitrary<BigDecimal> numerics() {
        Arbitrary<BigInteger> unscaled = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(-1000, 1000).map(BigInteger::valueOf)),
                Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))));
        return Combinators.combine(unscaled, Arbitraries.integers().between(-20, 20)).as(BigDecimal::new);
    }

    private Arbitrary<Object> value(TypeKind kind) {
        Arbitrary<?> values = switch (kind) {
            case BOOL -> Arbitraries.of(true, false);
            case INT2 -> Arbitraries.shorts();
            case INT4 -> Arbitraries.integers().edgeCases(c -> c.includeOnly(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE));
            case INT8 -> Arbitraries.longs().edgeCases(c -> c.includeOnly(Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE));
            case FLOAT4 -> Arbitraries.oneOf(Arbitraries.floats(),
                    Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f, Float.MIN_VALUE));
            case FLOAT8 -> Arbitraries.oneOf(Arbitraries.doubles(),
                    Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, -Double.MAX_VALUE));
            case NUMERIC -> numerics();
            case TEXT -> Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(6),
                    Arbitraries.strings().withChars('\u0000', 'a', '\u00ff', '\uffff', 'é').ofMaxLength(5),
                    Arbitraries.of("\ud83d\ude00", "\uffff", "a\u0000", "a\u0000\u0000", "a\u0001"));
            case BYTEA -> Arbitraries.bytes().array(byte[].class).ofMaxSize(5)
                    .edgeCases(c -> c.add(new byte[] {0}, new byte[] {0, 0}, new byte[] {(byte) 0xFF}, new byte[] {0, 1}));
            case DATE -> Arbitraries.longs().between(-1_000_000, 1_000_000).map(LocalDate::ofEpochDay);
            case TIMESTAMP -> micros().map(m -> LocalDateTime.ofInstant(KeyCodec.fromEpochMicros(m), ZoneOffset.UTC));
            case TIMESTAMPTZ -> micros().map(KeyCodec::fromEpochMicros);
            default -> throw new IllegalArgumentException(kind.name());
        };
        // About one value in eight is NULL.
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(null)), Tuple.of(7, values.map(v -> (Object) v)));
    }

    private static Arbitrary<Long> micros() {
        long limit = 200L * 365 * 86_400 * 1_000_000;
        return Arbitraries.longs().between(-limit, limit);
    }

    @Property(tries = 200)
    void nullSortsAfterEveryValue(@ForAll("singles") Sample s) {
        TypeKind kind = s.kinds().get(0);
        Object value = s.a().get(0);
        if (value == null) {
            return;
        }
        byte[] v = KeyCodec.encode(Arrays.asList(value), s.kinds());
        byte[] n = KeyCodec.encode(Arrays.asList((Object) null), s.kinds());
        assertThat(Arrays.compareUnsigned(v, n)).as("%s %s < NULL", kind, value).isNegative();
    }
}
