// Parses one GGUF file with @huggingface/gguf, an independent reader, and prints what it found as JSON, for
// GgufNpmCrossCheckTest to compare with io.edgerouter.engine.gguf.GgufFile.
//
//   node check-gguf.mjs <npm prefix holding node_modules/@huggingface/gguf> <file.gguf>
//
// Output: {"version", "tensorCount", "kvCount", "tensorDataOffset",
//          "metadata": {key: {"type", "subType", "value"}} in file order,
//          "tensors": [{"name", "shape", "dtype", "offset"}],
//          "types": {name: id} (the package's GGMLQuantizationType)}.
// JSON has no 64-bit integers, so a BigInt is written as {"$big": "digits"}; NaN and infinities as {"$num": "NaN"}.
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [prefix, file] = process.argv.slice(2);
if (!prefix || !file) {
  console.error("usage: node check-gguf.mjs <npm prefix> <file.gguf>");
  process.exit(2);
}
const require = createRequire(join(resolve(prefix), "package.json"));
const { gguf, GGMLQuantizationType } = await import(pathToFileURL(require.resolve("@huggingface/gguf")).href);

const { metadata, typedMetadata, tensorInfos, tensorDataOffset } = await gguf(resolve(file), {
  allowLocalFile: true,
  typedMetadata: true,
});

function plain(v) {
  if (typeof v === "bigint") return { $big: v.toString() };
  if (typeof v === "number" && !Number.isFinite(v)) return { $num: String(v) };
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

// the package puts its header fields first among the keys; they are not key/values of the file
const header = new Set(["version", "tensor_count", "kv_count"]);
const entries = {};
for (const [key, typed] of Object.entries(typedMetadata)) {
  if (header.has(key)) continue;
  entries[key] = { type: typed.type, subType: typed.subType ?? null, value: plain(typed.value) };
}
const types = {};
for (const [name, id] of Object.entries(GGMLQuantizationType)) {
  if (typeof id === "number") types[name] = id;
}
console.log(JSON.stringify({
  version: metadata.version,
  tensorCount: plain(metadata.tensor_count),
  kvCount: plain(metadata.kv_count),
  tensorDataOffset: plain(tensorDataOffset),
  metadata: entries,
  tensors: tensorInfos.map((t) => ({ name: t.name, shape: t.shape.map(plain), dtype: t.dtype, offset: plain(t.offset) })),
  types,
}));
