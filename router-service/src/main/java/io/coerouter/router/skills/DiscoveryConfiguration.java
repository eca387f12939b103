package io.coerouter.router.skills;

import io.coerouter.skills.discover.DiscoveryConfig;
import io.coerouter.skills.embed.CachedEmbedder;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires skill discovery: the embedding model the classifier uses, without its query cache. */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfiguration {

    @Bean
    SkillDiscoveries skillDiscoveries(CachedEmbedder embedder, SkillsState skills, Clock clock) {
        return new SkillDiscoveries(embedder.uncached(), skills, DiscoveryConfig.defaults(), clock);
    }
}
