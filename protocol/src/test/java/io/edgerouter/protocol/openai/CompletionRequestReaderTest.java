package io.edgerouter.protocol.openai;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompletionRequestReaderTest {

    private static CompletionRequest read(String json) {
        return CompletionRequestReader.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatTheLegacyOpenAiClientSends() {
        CompletionRequest r = read("{'model':'auto','prompt':'Once upon a time','max_tokens':16,'temperature':0.5,'top_p':0.9,"
                + "'seed':3,'stop':'\\n','stream':true,'stream_options':{'include_usage':true},'logprobs':5,'n':1,'best_of':1,"
                + "'logit_bias':{},'user':'u-1'}");
        assertThat(r.prompt()).isEqualTo(new CompletionRequest.Prompt.Text("Once upon a time"));
        assertThat(r.maxTokens()).hasValue(16);
        assertThat(r.temperature()).hasValue(0.5);
        assertThat(r.stop()).containsExactly("\n");
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.logprobs()).hasValue(5);
        assertThat(r.echo()).isFalse();
        assertThat(r.user()).hasValue("u-1");
    }

    @Test
    void aPromptIsTextTokenIdsOrOneStringInAnArray() {
        assertThat(read("{'prompt':''}").prompt()).isEqualTo(new CompletionRequest.Prompt.Text(""));
        assertThat(read("{'prompt':['only one']}").prompt()).isEqualTo(new CompletionRequest.Prompt.Text("only one"));
        assertThat(read("{'prompt':[1,2,3]}").prompt()).isEqualTo(new CompletionRequest.Prompt.TokenIds(List.of(1, 2, 3)));
        assertThat(read("{'prompt':'x'}").model()).isEqualTo("auto");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}                                          | prompt: is required",
            "{'prompt':true}                             | prompt: must be a string, an array of token ids or an array holding one string, got boolean",
            "{'prompt':[]}                               | prompt: must not be an empty array",
            "{'prompt':['a','b']}                        | prompt: must hold one string, got 2",
            "{'prompt':[1,'a']}                          | prompt[1]: must be a token id (an integer ≥ 0), got string",
            "{'prompt':[1,2.5]}                          | prompt[1]: must be a token id (an integer ≥ 0), got 2.5",
            "{'prompt':[1,3000000000]}                   | prompt[1]: must be a token id (an integer ≥ 0), got 3000000000",
            "{'prompt':'x','logprobs':-1}                | logprobs: must be between 0 and 20, got -1",
            "{'prompt':'x','logprobs':1,'echo':true}     | echo: cannot be combined with logprobs",
            "{'prompt':'x','echo':'yes'}                 | echo: must be true or false, got string",
            "{'prompt':'x','best_of':2}                  | best_of: must be between 1 and 1, got 2",
            "{'prompt':'x','suffix':'tail'}              | suffix: is not supported by this server",
            "{'prompt':'x','max_completion_tokens':3}    | max_completion_tokens: unknown field",
            "{'prompt':'x','stream_options':{}}          | stream_options: is only allowed when stream is true",
            "{'prompt':'x','stop':['a','b','c','d','e']} | stop: must hold at most 4 strings, got 5",
    })
    void rejectsWhatItCannotHonourNamingTheFieldAndTheRule(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message.trim());
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        assertThatThrownBy(() -> read("{'prompt':5,'max_tokens':0,'temperature':3}"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("prompt:").hasMessageContaining("max_tokens:").hasMessageContaining("temperature:");
    }

    @Test
    void aPromptMustFitTheModel() {
        assertThatThrownBy(() -> read("{'prompt':[1,50,7]}").requireFits(50, 0))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("prompt[1]: must be a token id below the model's vocabulary size 50, got 50");
        assertThatThrownBy(() -> read("{'prompt':''}").requireFits(50, -1))
                .hasMessageContaining("prompt: is empty and the model has no BOS token");
        read("{'prompt':''}").requireFits(50, 0);
        read("{'prompt':[49]}").requireFits(50, -1);
    }

    @Test
    void theWriterWritesWhatTheReaderReads() {
        CompletionRequest r = read("{'model':'cloud','prompt':[4,5],'max_tokens':9,'seed':2,'stop':['x'],'logprobs':0,"
                + "'stream':true,'stream_options':{'include_usage':true}}");
        assertThat(CompletionRequestReader.read(ChatRequestWriter.toTree(r))).isEqualTo(r);
        CompletionRequest echo = read("{'prompt':'hi','echo':true}");
        assertThat(CompletionRequestReader.read(ChatRequestWriter.toTree(echo))).isEqualTo(echo);
    }
}
