package io.coerouter.expert.lc4j;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.jdk.JdkHttpClient;

/** LangChain4j's JDK client, as the experts configured it before the blocking one: the reference behaviour. */
class JdkHttpClientIT extends HttpClientContract {

    @Override
    protected HttpClientBuilder builder() {
        return JdkHttpClient.builder()
                .httpClientBuilder(java.net.http.HttpClient.newBuilder()
                        .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                        .version(java.net.http.HttpClient.Version.HTTP_1_1));
    }
}
