/**
 * Resilience4j's circuit breaker, retry and rate limiter, and a tokens-per-minute limit, around remote experts; found
 * by {@link io.coerouter.expert.Expert#resilient} as a {@link io.coerouter.expert.ResilienceDecorator}.
 */
package io.coerouter.expert.resilience;
