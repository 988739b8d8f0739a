/**
 * Converts the vocabulary inside an imported model file into Hugging Face's {@code tokenizer.json} and
 * {@code tokenizer_config.json}, so that the engine's DJL tokenizer encodes and decodes exactly like the model's own.
 *
 * <ul>
 *   <li>{@link io.edgerouter.engine.tokenizer.ImportedTokenizer#fromLlama2c} reads a llama2.c {@code tokenizer.bin}
 *       ({@link io.edgerouter.engine.tokenizer.Llama2cTokenizerFile}); encoding then matches llama2.c's
 *       {@code run.c}.</li>
 *   <li>{@link io.edgerouter.engine.tokenizer.ImportedTokenizer#fromGguf} reads a GGUF file's {@code tokenizer.*}
 *       metadata: SentencePiece ({@code llama}), byte-level BPE ({@code gpt2}, with the split of
 *       {@code tokenizer.ggml.pre}) and WordPiece ({@code bert}); encoding then matches the source model's HF
 *       tokenizer, as llama.cpp's test vectors record it.</li>
 *   <li>{@link io.edgerouter.engine.tokenizer.ImportedTokenizer#writeTo} saves both files into the model
 *       directory.</li>
 * </ul>
 *
 * <p>SentencePiece vocabularies become a BPE model whose merge ranks come from the piece scores
 * ({@link io.edgerouter.engine.tokenizer.SentencePieceVocab}); control tokens become special added tokens, so chat
 * template markers are single tokens. The files never add BOS/EOS themselves: the engine does, from
 * {@link io.edgerouter.engine.tokenizer.ImportedTokenizer#bosTokenId()} and
 * {@link io.edgerouter.engine.tokenizer.ImportedTokenizer#addBosToken()}. Every malformed input is refused with a
 * {@link io.edgerouter.engine.ModelLoadException} naming the file, the field and what was expected.
 */
package io.edgerouter.engine.tokenizer;
