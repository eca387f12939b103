package io.coerouter.router.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The OpenAPI document springdoc builds from the controllers, completed in one place: info and servers, the security
 * schemes and which paths need them, the OpenAI error responses of every operation, tags by path (stable when
 * controllers move, and the generated clients' API class names), and the statuses the controllers set themselves.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String GATEWAY_KEY = "gatewayKey";
    static final String ADMIN_KEY = "adminKey";
    static final String VIEWER_KEY = "viewerKey";

    @Bean
    OpenAPI coeOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("CoE Router")
                        .version("0.1.0")
                        .description("An OpenAI-compatible gateway that routes each query to the experts whose skills"
                                + " fit it. Generated from the controllers (springdoc); prose reference: docs/api.md"
                                + " (chat, route, models, errors), docs/batching.md (files, batches),"
                                + " docs/resilience.md (circuits), docs/routing.md (skills, profiles, evaluations),"
                                + " docs/security.md (keys). Errors have OpenAI's shape: {\"error\": {\"message\","
                                + " \"type\", \"param\", \"code\"}}."))
                // Relative: the router that serves the document (Swagger UI's "try it out" calls it).
                .servers(List.of(new Server().url("/").description("The router serving this document")))
                .components(new Components()
                        .addSecuritySchemes(
                                GATEWAY_KEY,
                                bearer("A gateway API key (coe-...) for /v1, needed when coe.auth.enabled is true."))
                        .addSecuritySchemes(
                                ADMIN_KEY,
                                bearer("The admin credential (COE_ADMIN_KEY) for /admin; gateway keys are refused"
                                        + " there."))
                        .addSecuritySchemes(
                                VIEWER_KEY,
                                bearer("The optional viewer credential (COE_VIEWER_KEY): GET and HEAD on /admin"
                                        + " only.")));
    }

    @Bean
    OpenApiCustomizer coeOpenApiCustomizer() {
        return OperationDocs::customize;
    }

    /** JSON at {@code /openapi.json} too (springdoc serves it at {@code /openapi}, YAML at {@code /openapi.yaml}). */
    @Bean
    WebMvcConfigurer openApiJson() {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                registry.addViewController("/openapi.json").setViewName("forward:/openapi");
            }
        };
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(description);
    }
}
