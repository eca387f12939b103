package io.coerouter.router.error.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAI-format errors from the layers below the controllers: Boot's error attributes and Tomcat's error report
 * valve ({@link JsonErrorReportValve}).
 */
@Configuration(proxyBeanMethods = false)
public class ErrorPagesConfiguration {

    @Bean
    ErrorAttributes errorAttributes() {
        return new OpenAiErrorAttributes();
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReportValve() {
        return ErrorPagesConfiguration::installJsonErrorReportValve;
    }

    /**
     * Makes {@link JsonErrorReportValve} the host's error report valve, in place of Tomcat's HTML one (and of the one
     * Boot adds), before the host starts.
     */
    public static void installJsonErrorReportValve(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (parent instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())
                            || Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                        replaceErrorReportValves(host);
                    }
                });
                replaceErrorReportValves(host);
            }
        });
    }

    private static void replaceErrorReportValves(StandardHost host) {
        boolean ours = false;
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof JsonErrorReportValve) {
                ours = true;
            } else if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (!ours) {
            host.getPipeline().addValve(new JsonErrorReportValve());
        }
    }

    /** Bare error statuses under {@code /actuator} as OpenAI-format errors ({@link ActuatorErrorsFilter}). */
    @Bean
    FilterRegistrationBean<ActuatorErrorsFilter> actuatorErrorsFilter() {
        return new FilterRegistrationBean<>(new ActuatorErrorsFilter());
    }
}
