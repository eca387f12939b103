package io.coerouter.router.config;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API.
 *
 * @param maxRequestSize the largest request body accepted; larger ones get HTTP 413
 */
public record GatewayProperties(@DefaultValue("1MB") DataSize maxRequestSize) {

    public GatewayProperties {
        if (maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException("coe.gateway.max-request-size must be > 0, but was " + maxRequestSize);
        }
    }
}
