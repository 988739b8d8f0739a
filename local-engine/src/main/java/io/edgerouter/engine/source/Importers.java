package io.edgerouter.engine.source;

import io.edgerouter.engine.imports.GgufImporter;
import io.edgerouter.engine.imports.Llama2cImporter;

import java.util.List;

/** The importers this engine ships, in the order they are asked. */
final class Importers {

    private Importers() {
    }

    static List<ModelImporter> all() {
        return List.of(new GgufImporter(), new Llama2cImporter());
    }
}
