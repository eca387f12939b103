/**
 * The expert SPI: one interface every model behind the router implements, with its request, response and error types,
 * the decorators every host uses (bounded, forwarding), the {@link io.coerouter.expert.ExpertProvider}, {@link
 * io.coerouter.expert.ProviderErrors} and {@link io.coerouter.expert.ResilienceDecorator} extension points found with
 * {@link java.util.ServiceLoader}, and the local-model pool ({@link io.coerouter.expert.ModelPool}) local adapters share
 * through the {@link io.coerouter.expert.ExpertContext}. Plain Java: no LangChain4j, DJL or Resilience4j.
 */
package io.coerouter.expert;
