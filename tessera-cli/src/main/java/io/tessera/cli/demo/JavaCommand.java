package io.tessera.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run the {@code tessera} command in a new JVM: the same java executable, class path and
 * main class as this process, so the demo's nodes are exactly the build the user just ran.
 */
record JavaCommand(String java, List<String> jvmOptions, String classPath, String mainClass) {
    /** RocksDB loads its native library through JNI; saying so up front keeps Java 22+ from warning. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** This process's java, class path and the given main class. */
    static JavaCommand current(String mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new JavaCommand(java, List.of(NATIVE_ACCESS), System.getProperty("java.class.path"), mainClass);
    }

    /** The full command line that runs the main class with these arguments. */
    List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return List.copyOf(command);
    }
}
