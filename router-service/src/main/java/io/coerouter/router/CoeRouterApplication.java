package io.coerouter.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Starts CoE Router. Spring Security's generated default user is excluded: callers authenticate with bearer keys
 * only (io.coerouter.router.security). Management-context configurations (the separate actuator server's error
 * pages) are left to their {@code ManagementContextConfiguration.imports} listing, not component-scanned into the
 * application context as well.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
        excludeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ComponentScan(
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = ManagementContextConfiguration.class)
        })
@ConfigurationPropertiesScan
public class CoeRouterApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoeRouterApplication.class, args);
    }
}
