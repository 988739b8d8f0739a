package io.edgerouter.protocol.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatRequestReaderTest {

    private static ChatRequest read(String json) {
        return ChatRequestReader.read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatTheOpenAiSdkSends() {
        ChatRequest r = read("{'model':'auto','messages':[{'role':'system','content':'be brief'},"
                + "{'role':'user','content':[{'type':'text','text':'hello '},{'type':'text','text':'there'}]}],"
                + "'max_tokens':64,'temperature':0.7,'top_p':0.9,'seed':42,'stop':['\\n\\n','END'],"
                + "'stream':true,'stream_options':{'include_usage':true},'frequency_penalty':0,'n':1,'user':'u-1'}");
        assertThat(r.model()).isEqualTo("auto");
        assertThat(r.messages()).containsExactly(ChatMessage.system("be brief"), ChatMessage.user("hello there"));
        assertThat(r.maxTokens()).hasValue(64);
        assertThat(r.temperature()).hasValue(0.7);
        assertThat(r.topP()).hasValue(0.9);
        assertThat(r.seed()).hasValue(42);
        assertThat(r.stop()).containsExactly("\n\n", "END");
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.user()).hasValue("u-1");
        assertThat(r.lastUserText()).isEqualTo("hello there");
    }

    @Test
    void defaultsAndAliases() {
        ChatRequest r = read("{'messages':[{'role':'developer','content':'x'},{'role':'user','content':'hi'}],'max_completion_tokens':5,'stop':'.'}");
        assertThat(r.model()).isEqualTo("auto");
        assertThat(r.messages().get(0).role()).isEqualTo("system");
        assertThat(r.maxTokens()).hasValue(5);
        assertThat(r.stop()).containsExactly(".");
        assertThat(r.stream()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'model':'auto'}                                                  | messages: is required",
            "{'messages':{}}                                                   | messages: must be an array, got object",
            "{'messages':[]}                                                   | messages: must hold at least one message",
            "{'messages':[{'content':'hi'}]}                                   | messages[0].role: is required",
            "{'messages':[{'role':'robot','content':'hi'}]}                    | messages[0].role: must be one of",
            "{'messages':[{'role':'user'}]}                                    | messages[0].content: is required",
            "{'messages':[{'role':'user','content':7}]}                        | messages[0].content: must be a string or an array of text parts, got number",
            "{'messages':[{'role':'user','content':[{'type':'image_url'}]}]}  | messages[0].content[0]: has type 'image_url'; only text parts are supported",
            "{'messages':[{'role':'system','content':'hi'}]}                   | messages: must contain at least one message with role user",
            "{'messages':[{'role':'user','content':'hi'}],'max_tokens':0}      | max_tokens: must be between 1 and 32768, got 0",
            "{'messages':[{'role':'user','content':'hi'}],'max_tokens':'ten'}  | max_tokens: must be an integer, got string",
            "{'messages':[{'role':'user','content':'hi'}],'temperature':3}     | temperature: must be between 0 and 2, got 3",
            "{'messages':[{'role':'user','content':'hi'}],'top_p':0}           | top_p: must be greater than 0",
            "{'messages':[{'role':'user','content':'hi'}],'stop':[1]}          | stop[0]: must be a string, got number",
            "{'messages':[{'role':'user','content':'hi'}],'stop':['a','b','c','d','e']} | stop: must hold at most 4 strings",
            "{'messages':[{'role':'user','content':'hi'}],'n':2}               | n: must be between 1 and 1, got 2",
            "{'messages':[{'role':'user','content':'hi'}],'stream':'yes'}      | stream: must be true or false, got string",
            "{'messages':[{'role':'user','content':'hi'}],'stream_options':{'include_usage':true}} | stream_options: is only allowed when stream is true",
            "{'messages':[{'role':'user','content':'hi'}],'tools':[{}]}        | tools: tool calling is not supported",
            "{'messages':[{'role':'user','content':'hi'}],'temprature':1}      | temprature: unknown field",
            "{'messages':[{'role':'user','content':'hi'}],'model':' '}         | model: must not be blank",
            "[1,2]                                                             | (document): must be a JSON object, got array",
            "{'messages':                                                      | (document): not valid JSON",
            "{'messages':[],'messages':[]}                                     | (document): not valid JSON: Duplicate field 'messages'",
    })
    void rejectsNamingTheFieldAndTheRule(String json, String expected) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(expected.trim());
    }

    @Test
    void listsEveryViolationAtOnceAndNamesTheFirstParam() {
        InvalidRequestException e = (InvalidRequestException) org.assertj.core.api.Assertions.catchThrowable(() ->
                read("{'messages':[{'role':'user','content':'hi'}],'max_tokens':-1,'temperature':'hot'}"));
        assertThat(e.violations()).hasSize(2);
        assertThat(e.param()).isEqualTo("max_tokens");
    }

    @Test
    void rejectsEmptyBodyAndInvalidUtf8() {
        assertThatThrownBy(() -> ChatRequestReader.read(new byte[0])).hasMessageContaining("request body is empty");
        byte[] bad = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}".getBytes(StandardCharsets.UTF_8);
        bad[30] = (byte) 0xC3; // a lead byte followed by ASCII
        assertThatThrownBy(() -> ChatRequestReader.read(bad)).hasMessageContaining("not valid UTF-8");
    }

    @Test
    void responsesSerialiseInOpenAiShape() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ChatCompletion c = ChatCompletion.of("chatcmpl-1", 1, "local", "hi", "stop", Usage.of(3, 1), null);
        assertThat(mapper.writeValueAsString(c)).isEqualTo("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"local\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}");
        assertThat(mapper.readValue(mapper.writeValueAsString(c), ChatCompletion.class)).isEqualTo(c);
        assertThat(mapper.writeValueAsString(ChatCompletionChunk.text("c", 1, "m", "x")))
                .contains("\"delta\":{\"content\":\"x\"},\"finish_reason\":null");
        assertThat(mapper.writeValueAsString(ErrorBody.invalid("messages: is required", "messages")))
                .isEqualTo("{\"error\":{\"message\":\"messages: is required\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"invalid_request\"}}");
        assertThat(List.of(c.text())).containsExactly("hi");
    }

    @Test
    void writerRoundTrips() {
        ChatRequest r = read("{'model':'cloud','messages':[{'role':'system','content':'s'},{'role':'user','content':'u'}],"
                + "'max_tokens':9,'temperature':0.5,'top_p':0.8,'seed':3,'stop':['x'],'stream':true,"
                + "'stream_options':{'include_usage':true},'user':'me'}");
        byte[] written = ChatRequestWriter.toTree(r).toString().getBytes(StandardCharsets.UTF_8);
        assertThat(ChatRequestReader.read(written)).isEqualTo(r);
    }
}
