package io.edgerouter.engine;

import io.edgerouter.engine.tiny.TinyModelSpec;
import io.edgerouter.engine.tiny.TinyModels;

import java.nio.file.Path;

/** The small generated target/draft pair shared by the tests (generated once per build under target/). */
public final class TinyFixture {

    public static final TinyModelSpec SPEC = TinyModelSpec.small();
    private static TinyModels.Pair pair;

    private TinyFixture() {
    }

    public static synchronized TinyModels.Pair pair() {
        if (pair == null) {
            pair = TinyModels.generate(Path.of("target", "tiny-models", "tests"), SPEC);
        }
        return pair;
    }

    public static LocalEngine engine() {
        return LocalEngine.open(LocalEngine.Options.of(pair().target(), pair().draft()));
    }
}
