package io.edgerouter.k8s.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Entry point of {@code k8s/validate}.
 *
 * <pre>Validate K8S_DIR FIXTURES_DIR [--self-test]</pre>
 *
 * First the self-test: every directory under FIXTURES_DIR is a small manifest tree that must be
 * rejected with the message in its {@code expected.txt}; a fixture that passes means the validator
 * has gone blind, and the run fails. Then (unless {@code --self-test}) every manifest under K8S_DIR.
 * Exit status 0 when all is well, 1 otherwise.
 */
public final class Validate {

    private Validate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--self-test"))) {
            System.err.println("usage: Validate K8S_DIR FIXTURES_DIR [--self-test]");
            System.exit(2);
        }
        Path k8s = Path.of(args[0]);
        Path fixtures = Path.of(args[1]);
        boolean ok = selfTest(fixtures);
        if (args.length == 3) {
            System.exit(ok ? 0 : 1);
        }
        Optional<Kubectl> kubectl = Kubectl.find();
        System.out.println(kubectl.isPresent() ? "kustomize: overlays built with kubectl kustomize and checked"
                : "kustomize: kubectl not on PATH, overlays checked on the validator's own build");
        Validator.Result result = new Validator(k8s, kubectl).run(k8s.resolve("validate.d"));
        for (Problem p : result.problems()) {
            System.out.println("FAIL " + p);
        }
        if (!ok || !result.problems().isEmpty()) {
            System.out.println("k8s: " + result.problems().size() + " problem(s) in " + result.manifests() + " manifests");
            System.exit(1);
        }
        System.out.println("k8s: " + result.manifests() + " manifests valid");
    }

    /** Whether every bad fixture is rejected with its expected message. */
    static boolean selfTest(Path fixtures) throws IOException {
        List<Path> cases;
        try (Stream<Path> list = Files.list(fixtures)) {
            cases = list.filter(Files::isDirectory).sorted().toList();
        }
        boolean ok = !cases.isEmpty();
        for (Path dir : cases) {
            String expected = Files.readString(dir.resolve("expected.txt")).strip();
            List<Problem> problems = new Validator(dir, Kubectl.find()).run(null).problems();
            boolean rejected = problems.stream().anyMatch(p -> p.toString().contains(expected));
            if (!rejected) {
                System.out.println("FAIL self-test " + dir.getFileName() + ": expected a problem containing '" + expected
                        + "', got " + (problems.isEmpty() ? "none" : problems));
                ok = false;
            }
        }
        System.out.println("self-test: " + cases.size() + " bad fixture(s) " + (ok ? "all rejected" : "NOT all rejected"));
        return ok;
    }
}
