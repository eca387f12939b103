package io.coerouter.router.error.web;

import io.coerouter.router.batch.UploadLimits;
import io.coerouter.router.config.CoeProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** The filters that refuse a request before Spring MVC reads it: its body size first, then its media type. */
@Configuration(proxyBeanMethods = false)
class RequestFiltersConfiguration {

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(CoeProperties properties, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter(
                properties.gateway().maxRequestSize().toBytes(),
                properties.batch().maxFileSize().toBytes() + UploadLimits.FRAMING,
                json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the size limit: a wildcard or unparsable Content-Type is a 415, not a failure inside Spring. */
    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter(JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new ContentTypeFilter(json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
