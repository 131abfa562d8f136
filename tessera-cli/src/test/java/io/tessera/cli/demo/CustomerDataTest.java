package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CustomerDataTest {

    @Test
    void rowsArePureFunctionsOfTheirId() {
        assertThat(CustomerData.customer(42)).isEqualTo(CustomerData.customer(42));
        CustomerData.Customer first = CustomerData.customer(1);
        assertThat(first.id()).isEqualTo(1);
        assertThat(first.name()).isEqualTo("Alan Turing");
        assertThat(first.email()).isEqualTo("alan.turing1@example.com");
        assertThat(first.createdAt()).hasToString("2025-01-01T09:00Z");
    }

    @Test
    void regionsAreSpreadEvenlyOverTheDemoRegions() {
        Map<String, Long> perRegion = LongStream.rangeClosed(1, CustomerData.ROWS).mapToObj(CustomerData::customer)
                .collect(Collectors.groupingBy(CustomerData.Customer::region, Collectors.counting()));
        assertThat(perRegion.keySet()).containsExactlyInAnyOrderElementsOf(DemoLayout.REGIONS);
        assertThat(perRegion.values()).allMatch(n -> n >= CustomerData.ROWS / 3 && n <= CustomerData.ROWS / 3 + 1);
    }

    @Test
    void emailsAreUnique() {
        assertThat(LongStream.rangeClosed(1, CustomerData.ROWS).mapToObj(CustomerData::customer)
                .map(CustomerData.Customer::email).collect(Collectors.toMap(Function.identity(), e -> 1))).hasSize(CustomerData.ROWS);
    }

    @Test
    void tableAsksForThreeReplicasAndSixFragments() {
        assertThat(CustomerData.CREATE_SQL).startsWith("CREATE TABLE IF NOT EXISTS customers")
                .endsWith("WITH (fragments = 6, replicas = 3)");
        assertThat(CustomerData.ROWS % CustomerData.BATCH).isZero();
    }
}
