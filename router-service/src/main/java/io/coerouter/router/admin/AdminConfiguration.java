package io.coerouter.router.admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin API's shared job registry. */
@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    AdminJobs adminJobs() {
        return new AdminJobs();
    }
}
