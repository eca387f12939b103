package io.coerouter.router.chat.web;

import io.coerouter.router.streaming.StreamConfig;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code coe.streaming.*}: how streamed answers are buffered between the expert and a client (see {@link
 * StreamConfig}; unset values take its defaults).
 *
 * @param bufferSize the most answer text held for one slow client before it is dropped
 * @param idleTimeout how long one write to a client that reads nothing may block before its response is abandoned
 */
@ConfigurationProperties("coe.streaming")
public record StreamingProperties(DataSize bufferSize, Duration idleTimeout) {

    /** The library config; its validation names the offending value. */
    public StreamConfig toConfig() {
        try {
            return new StreamConfig(
                    bufferSize == null ? StreamConfig.DEFAULT_MAX_BUFFERED_BYTES : bufferSize.toBytes(),
                    idleTimeout == null ? StreamConfig.DEFAULT_IDLE_TIMEOUT : idleTimeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "coe.streaming: buffer-size must be > 0 and idle-timeout > 0, but were " + bufferSize + " and "
                            + idleTimeout,
                    e);
        }
    }
}
