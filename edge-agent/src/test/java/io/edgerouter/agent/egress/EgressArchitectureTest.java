package io.edgerouter.agent.egress;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing but the egress gate may call the cloud client: every compiled class of the agent outside
 * {@code io.edgerouter.agent.egress} is scanned for a reference to {@link CloudClient} (class references live in the
 * class file's constant pool as the internal name, so a plain byte search finds every use, including generated ones).
 */
class EgressArchitectureTest {

    private static final String CLIENT = "io/edgerouter/agent/egress/CloudClient";

    @Test
    void onlyTheEgressGateUsesTheCloudClient() throws IOException {
        Path classes = Path.of("target/classes");
        assertThat(classes).isDirectory();
        List<Path> offenders;
        List<Path> all;
        try (Stream<Path> files = Files.walk(classes)) {
            all = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        offenders = all.stream()
                .filter(p -> !classes.relativize(p).toString().replace('\\', '/').startsWith("io/edgerouter/agent/egress/"))
                .filter(EgressArchitectureTest::mentionsClient)
                .toList();
        assertThat(all).hasSizeGreaterThan(50);
        assertThat(offenders).as("classes using CloudClient outside the egress package").isEmpty();
        List<Path> inEgress = all.stream()
                .filter(p -> classes.relativize(p).toString().replace('\\', '/').startsWith("io/edgerouter/agent/egress/"))
                .filter(EgressArchitectureTest::mentionsClient)
                .map(p -> p.getFileName())
                .toList();
        assertThat(inEgress).extracting(Path::toString).allMatch(n -> n.startsWith("CloudClient") || n.startsWith("EgressGate"));
        assertThat(inEgress).extracting(Path::toString).anyMatch(n -> n.startsWith("EgressGate"));
    }

    private static boolean mentionsClient(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(CLIENT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
