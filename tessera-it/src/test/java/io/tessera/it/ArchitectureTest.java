package io.tessera.it;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency table of ARCHITECTURE.md, enforced: Maven lets a module use what it gets
 * transitively, so without this check {@code sql} could quietly reach into {@code storage}.
 */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tessera");
    }

    @Test
    void layersDependDownwardsOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("io.tessera.cli..")
                .layer("server").definedBy("io.tessera.server..")
                .layer("pgwire").definedBy("io.tessera.pgwire..")
                .layer("sql").definedBy("io.tessera.sql..")
                .layer("kv").definedBy("io.tessera.kv..")
                .layer("cluster").definedBy("io.tessera.cluster..")
                .layer("replication").definedBy("io.tessera.replication..")
                .layer("storage").definedBy("io.tessera.storage..")
                .layer("common").definedBy("io.tessera.common..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("server").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("pgwire").mayOnlyBeAccessedByLayers("server")
                .whereLayer("sql").mayOnlyBeAccessedByLayers("pgwire", "server")
                .whereLayer("kv").mayOnlyBeAccessedByLayers("sql", "server")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("sql", "kv", "server")
                .whereLayer("replication").mayOnlyBeAccessedByLayers("kv", "cluster", "server")
                .whereLayer("storage").mayOnlyBeAccessedByLayers("replication", "cluster", "kv", "server")
                .check(classes);
    }

    @Test
    void pgwireSeesOnlyTheSqlApi() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("io.tessera.pgwire..")
                .should().dependOnClassesThat(internalsOf("sql"))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.tessera.kv..", "io.tessera.cluster..",
                        "io.tessera.replication..", "io.tessera.storage..")
                .check(classes);
    }

    @Test
    void storageNeverImportsRatis() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("io.tessera.storage..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.ratis..")
                .check(classes);
    }

    @Test
    void sqlSeesClusterAndKvOnlyThroughTheirApis() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("io.tessera.sql..")
                .should().dependOnClassesThat(internalsOf("kv"))
                .orShould().dependOnClassesThat(internalsOf("cluster"))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.tessera.replication..", "io.tessera.storage..")
                .check(classes);
    }

    /** Classes of a module outside its {@code api} package. */
    private static DescribedPredicate<JavaClass> internalsOf(String module) {
        String root = "io.tessera." + module;
        return DescribedPredicate.describe(module + " internals", c -> (c.getPackageName().equals(root)
                || c.getPackageName().startsWith(root + ".")) && !c.getPackageName().startsWith(root + ".api"));
    }
}
