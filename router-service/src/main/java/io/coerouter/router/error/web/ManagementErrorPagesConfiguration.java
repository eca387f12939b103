package io.coerouter.router.error.web;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The JSON error report valve on the separate management server too ({@code management.server.port}), which runs its
 * own Tomcat in a child context. Listed in {@code META-INF/spring/...ManagementContextConfiguration.imports} and
 * excluded from the application's component scan, so it is applied to the management context only.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
public class ManagementErrorPagesConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> managementJsonErrorReportValve() {
        return ErrorPagesConfiguration::installJsonErrorReportValve;
    }

    /** Bare error statuses under {@code /actuator} as OpenAI-format errors ({@link ActuatorErrorsFilter}). */
    @Bean
    FilterRegistrationBean<ActuatorErrorsFilter> managementActuatorErrorsFilter() {
        return new FilterRegistrationBean<>(new ActuatorErrorsFilter());
    }
}
