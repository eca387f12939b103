package io.coerouter.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts CoE Router. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CoeRouterApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoeRouterApplication.class, args);
    }
}
