package io.coerouter.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every client mistake gets a 4xx in OpenAI's error format naming the parameter: never a 500, never a trace. */
class BadRequestsIT extends GatewayTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "[{\"role\":\"user\",\"content\":\"hi\"}]";

    private static JsonNode error(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("message").asString())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(error.has("type")).isTrue();
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        return error;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            malformed JSON                | {"model":"coe",                                                      | 400 | invalid_json               |
            not an object                 | ["model","coe"]                                                       | 400 | invalid_json               |
            missing model                 | {"messages":%U}                                                       | 400 | missing_required_parameter | model
            model of the wrong type       | {"model":42,"messages":%U}                                            | 400 | invalid_type               | model
            missing messages              | {"model":"coe"}                                                       | 400 | missing_required_parameter | messages
            empty messages                | {"model":"coe","messages":[]}                                         | 400 | empty_array                | messages
            messages of the wrong type    | {"model":"coe","messages":"hi"}                                       | 400 | invalid_type               | messages
            unknown role                  | {"model":"coe","messages":[{"role":"wizard","content":"x"}]}          | 400 | invalid_value              | messages[0].role
            missing content               | {"model":"coe","messages":[{"role":"user"}]}                          | 400 | missing_required_parameter | messages[0].content
            image content                 | {"model":"coe","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]} | 400 | unsupported_parameter | messages[0].content[0].type
            tool role                     | {"model":"coe","messages":[{"role":"tool","content":"x","tool_call_id":"1"}]} | 400 | unsupported_parameter | messages[0].tool_call_id
            temperature as a string       | {"model":"coe","messages":%U,"temperature":"hot"}                     | 400 | invalid_type               | temperature
            temperature out of range      | {"model":"coe","messages":%U,"temperature":3}                         | 400 | invalid_value              | temperature
            top_p out of range            | {"model":"coe","messages":%U,"top_p":1.5}                             | 400 | invalid_value              | top_p
            max_tokens zero               | {"model":"coe","messages":%U,"max_tokens":0}                          | 400 | invalid_value              | max_tokens
            max_tokens a decimal          | {"model":"coe","messages":%U,"max_tokens":1.5}                        | 400 | invalid_type               | max_tokens
            n above one                   | {"model":"coe","messages":%U,"n":2}                                   | 400 | unsupported_parameter      | n
            tools                         | {"model":"coe","messages":%U,"tools":[]}                              | 400 | unsupported_parameter      | tools
            unknown parameter             | {"model":"coe","messages":%U,"temprature":1}                          | 400 | unknown_parameter          | temprature
            stream as a string            | {"model":"coe","messages":%U,"stream":"yes"}                          | 400 | invalid_type               | stream
            stream_options without stream | {"model":"coe","messages":%U,"stream_options":{"include_usage":true}} | 400 | invalid_value              | stream_options
            five stop sequences           | {"model":"coe","messages":%U,"stop":["a","b","c","d","e"]}            | 400 | invalid_value              | stop
            json response format          | {"model":"coe","messages":%U,"response_format":{"type":"json_object"}} | 400 | unsupported_parameter     | response_format.type
            coe.k zero                    | {"model":"coe","messages":%U,"coe":{"k":0}}                           | 400 | invalid_value              | coe.k
            unknown aggregator            | {"model":"coe","messages":%U,"coe":{"aggregator":"magic"}}            | 400 | invalid_value              | coe.aggregator
            unknown coe field             | {"model":"coe","messages":%U,"coe":{"bogus":1}}                       | 400 | unknown_parameter          | coe.bogus
            routing options on an expert  | {"model":"echo","messages":%U,"coe":{"k":2}}                          | 400 | invalid_value              | coe
            unknown model                 | {"model":"gpt-9","messages":%U}                                       | 404 | model_not_found            | model
            """)
    void refusesWithAnOpenAiErrorNamingTheParameter(String caseName, String body, int status, String code, String param)
            throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", body.replace("%U", USER));

        assertThat(response.statusCode()).as(caseName).isEqualTo(status);
        JsonNode error = error(response);
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("code").asString()).isEqualTo(code);
        if (param == null) {
            assertThat(error.path("param").isNull()).isTrue();
        } else {
            assertThat(error.path("param").asString()).isEqualTo(param);
        }
    }

    @Test
    void anEmptyBodyIsABadRequest() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("code").asString()).isEqualTo("invalid_json");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413WhetherItsLengthIsDeclaredOrChunked() throws Exception {
        String big =
                "{\"model\":\"coe\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(70_000) + "\"}]}";
        HttpResponse<String> declared = post("/v1/chat/completions", big);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(error(declared).path("code").asString()).isEqualTo("request_too_large");

        HttpResponse<String> chunked = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(error(chunked).path("message").asString()).contains("coe.gateway.max-request-size");
    }

    @Test
    void unknownUrlsAndWrongMethodsGetOpenAiErrorsToo() throws Exception {
        HttpResponse<String> unknown = get("/v1/embeddingz");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).path("code").asString()).isEqualTo("unknown_url");

        HttpResponse<String> wrongMethod = get("/v1/chat/completions");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(error(wrongMethod).path("code").asString()).isEqualTo("method_not_allowed");

        HttpResponse<String> unknownModel = get("/v1/models/gpt-9");
        assertThat(unknownModel.statusCode()).isEqualTo(404);
        assertThat(error(unknownModel).path("code").asString()).isEqualTo("model_not_found");
    }

    @Test
    void acceptsTextContentPartsTheDeveloperRoleAndIgnoredParameters() throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                """
                {"model":"echo","user":"u1","store":false,"response_format":{"type":"text"},
                 "messages":[{"role":"developer","content":"be kind"},
                             {"role":"user","content":[{"type":"text","text":"part one"},{"type":"text","text":" part two"}]}]}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("choices").get(0).path("message").path("content").asString())
                .isEqualTo("part one part two");
    }

    @Test
    void acceptsJsonSentWithoutAContentType() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"a+b=c & d\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())
                        .path("choices")
                        .get(0)
                        .path("message")
                        .path("content")
                        .asString())
                .isEqualTo("a+b=c & d");
    }

    @Test
    void aFormFieldNameTheFirewallRefusesIsA400NotAFailure() throws Exception {
        HttpResponse<String> response =
                send("POST", "/admin/evaluations", "application/x-www-form-urlencoded", "\"\uC0A2\u0E6C\"");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("code").asString())
                .isEqualTo("invalid_request");
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", contentType)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final String HUGE_INTEGER = "1" + "0".repeat(400);

    @ParameterizedTest(name = "{0}")
    @CsvSource({"temperature", "top_p", "frequency_penalty", "presence_penalty"})
    void anIntegerBeyondTheDoubleRangeIsA400NamingTheParameter(String param) throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"echo\",\"messages\":" + USER + ",\"" + param + "\":" + HUGE_INTEGER + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = error(response);
        assertThat(error.path("param").asString()).isEqualTo(param);
        assertThat(error.path("message").asString()).hasSizeLessThan(200);
    }

    @Test
    void anInfiniteMaxCostIsA400NamingTheParameter() throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"coe\",\"messages\":" + USER + ",\"coe\":{\"max_cost_usd\":1e99999}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("param").asString()).isEqualTo("coe.max_cost_usd");
    }

    @Test
    void aDuplicatedKeyIsRefusedNotLastWins() throws Exception {
        HttpResponse<String> chat =
                post("/v1/chat/completions", "{\"model\":\"gpt-9\",\"model\":\"echo\",\"messages\":" + USER + "}");
        assertThat(chat.statusCode()).isEqualTo(400);
        assertThat(error(chat).path("code").asString()).isEqualTo("duplicate_key");
        assertThat(error(chat).path("param").asString()).isEqualTo("model");

        HttpResponse<String> admin = post("/admin/keys", "{\"name\":\"a\",\"models\":[\"echo\"],\"models\":null}");
        assertThat(admin.statusCode()).isEqualTo(400);
        assertThat(error(admin).path("param").asString()).isEqualTo("models");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"application/*", "*/*", "application/json; charset=bogus", "json"})
    void anAdminWriteWithAWildcardOrInvalidContentTypeIsA415(String contentType) throws Exception {
        HttpResponse<String> response = send("POST", "/admin/keys", contentType, "{\"name\":\"wild\"}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(error(response).path("code").asString()).isEqualTo("unsupported_media_type");
    }

    @Test
    void anAdminIntegerBeyondTheLongRangeIsA400() throws Exception {
        HttpResponse<String> response =
                post("/admin/keys", "{\"name\":\"big\",\"requests_per_minute\":" + HUGE_INTEGER + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("param").asString()).isEqualTo("requests_per_minute");
    }

    @Test
    void aQueryParameterOfTheWrongTypeIsA400NamingIt() throws Exception {
        HttpResponse<String> response = get("/v1/batches?limit=abc");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("param").asString()).isEqualTo("limit");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            /v1/chat/completions | {"model":NaN}
            /admin/keys          | {"name":NaN}
            /v1/chat/completions | {"model":root}
            """)
    void invalidJsonIsDescribedInPlainWordsWithoutTheParsersMessage(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asString())
                .startsWith("The request body is not valid JSON at line 1 column")
                .doesNotContain("Feature")
                .doesNotContain("root");
    }

    @Test
    void aTaxonomyOfTheWrongShapeIsRefusedWithoutClassNames() throws Exception {
        HttpResponse<String> response = send("PUT", "/admin/skills", "application/json", "{\"skills\":\"\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asString())
                .contains("'skills'")
                .doesNotContain("java.")
                .doesNotContain("io.coerouter")
                .doesNotContain("`");
    }

    @Test
    void aTaxonomyWithADuplicatedKeyIsRefusedNamingTheKey() throws Exception {
        HttpResponse<String> response = send(
                "PUT",
                "/admin/skills",
                "application/json",
                "{\"skills\":[{\"id\":\"a\",\"description\":\"d\",\"examples\":[\"x\"]}],\"skills\":[]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asString()).contains("repeats the key 'skills'");
    }
}
