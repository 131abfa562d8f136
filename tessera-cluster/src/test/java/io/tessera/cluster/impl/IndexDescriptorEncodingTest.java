package io.tessera.cluster.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.cluster.api.FragmentDescriptor;
import io.tessera.cluster.api.IndexDescriptor;
import io.tessera.cluster.api.IndexExpression;
import io.tessera.common.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Index definitions as the catalog stores them (JSON): expression key parts survive, older entries still read. */
class IndexDescriptorEncodingTest {
    private static final List<FragmentDescriptor> FRAGMENTS = List.of(new FragmentDescriptor(30, 9, null, null));

    @Test
    void expressionKeyPartsRoundTrip() {
        IndexDescriptor index = new IndexDescriptor(9, "docs_email", 7, List.of(0, 2), List.of(), true,
                IndexDescriptor.State.PUBLIC, FRAGMENTS,
                List.of(new IndexExpression("doc->>'email'", SqlType.TEXT, List.of(3))));
        IndexDescriptor back = CatalogStore.read(CatalogStore.write(index), IndexDescriptor.class);
        assertThat(back).isEqualTo(index);
        assertThat(back.isExpression(0)).isTrue();
        assertThat(back.expression(0).sql()).isEqualTo("doc->>'email'");
        assertThat(back.keyColumnIds()).containsExactly(2, 3);
    }

    @Test
    void descriptorsStoredBeforeExpressionIndexesReadWithNone() {
        IndexDescriptor plain = new IndexDescriptor(9, "t_a", 7, List.of(2), List.of(), false,
                IndexDescriptor.State.PUBLIC, FRAGMENTS);
        String json = new String(CatalogStore.write(plain), StandardCharsets.UTF_8).replace(",\"expressions\":[]", "");
        assertThat(json).doesNotContain("expressions");
        IndexDescriptor back = CatalogStore.read(json.getBytes(StandardCharsets.UTF_8), IndexDescriptor.class);
        assertThat(back).isEqualTo(plain);
        assertThat(back.expressions()).isEmpty();
    }

    @Test
    void definitionTextParenthesisesAllButFunctionCalls() {
        assertThat(new IndexExpression("lower(email)", SqlType.TEXT, List.of()).definitionText()).isEqualTo("lower(email)");
        assertThat(new IndexExpression("doc->>'email'", SqlType.TEXT, List.of()).definitionText())
                .isEqualTo("(doc->>'email')");
        assertThat(new IndexExpression("lower(a) || lower(b)", SqlType.TEXT, List.of()).definitionText())
                .isEqualTo("(lower(a) || lower(b))");
        assertThat(new IndexExpression("f(')')", SqlType.TEXT, List.of()).definitionText()).isEqualTo("f(')')");
    }
}
