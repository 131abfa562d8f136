package io.tessera.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

    @Test
    void commandRunsTheMainClassWithTheArguments() {
        JavaCommand java = new JavaCommand("/jdk/bin/java", List.of(JavaCommand.NATIVE_ACCESS), "a.jar:lib/*", "io.tessera.cli.Main");
        assertThat(java.command(List.of("start", "--labels", "region=eu"))).containsExactly("/jdk/bin/java",
                "--enable-native-access=ALL-UNNAMED", "-cp", "a.jar:lib/*", "io.tessera.cli.Main", "start", "--labels", "region=eu");
    }

    @Test
    void currentIsThisJvmAndClassPath() {
        JavaCommand java = JavaCommand.current("io.tessera.cli.Main");
        assertThat(Files.isExecutable(Path.of(java.java()))).isTrue();
        assertThat(java.classPath()).isEqualTo(System.getProperty("java.class.path"));
        assertThat(java.jvmOptions()).containsExactly(JavaCommand.NATIVE_ACCESS);
        assertThat(java.mainClass()).isEqualTo("io.tessera.cli.Main");
    }
}
