package io.coerouter.router.batch.web;

import io.coerouter.router.batch.UploadLimits;
import io.coerouter.router.config.CoeProperties;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the servlet container receives the Files API's uploads. */
@Configuration(proxyBeanMethods = false)
class FilesWebConfiguration {

    /**
     * A file part up to {@code coe.batch.max-file-size}, the whole body that plus room for the form's framing, every
     * part written to disk as it arrives (never held in memory).
     */
    @Bean
    MultipartConfigElement multipartConfig(CoeProperties properties) {
        long maxFile = properties.batch().maxFileSize().toBytes();
        return new MultipartConfigElement("", maxFile, maxFile + UploadLimits.FRAMING, 0);
    }
}
