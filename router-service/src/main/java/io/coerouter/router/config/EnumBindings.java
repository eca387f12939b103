package io.coerouter.router.config;

import io.coerouter.skills.classify.EmbeddingClassifierConfig;
import io.coerouter.skills.recruit.RecruitConfig;
import io.coerouter.skills.recruit.RoutingMethod;
import io.coerouter.skills.recruit.TradeoffRule;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Binds the closed sets under {@code coe.*} by their documented ids; a bad value fails start-up naming the property
 * (Boot's bind error) and the allowed ids (the converter's).
 */
@Configuration(proxyBeanMethods = false)
class EnumBindings {

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter aggregatorIdConverter() {
        return IdEnumConverter.of(AggregatorId.class, AggregatorId::id);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter routingMethodConverter() {
        return IdEnumConverter.of(RoutingMethod.class, RoutingMethod::id);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter selectionConverter() {
        return IdEnumConverter.of(
                RecruitConfig.Selection.class,
                s -> s.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter tradeoffRuleConverter() {
        return IdEnumConverter.of(TradeoffRule.class, TradeoffRule::id);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter roleConverter() {
        return IdEnumConverter.of(Role.class, Role::id);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter classifierKindConverter() {
        return IdEnumConverter.of(ClassifierKind.class, ClassifierKind::id);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter encoderKindConverter() {
        return IdEnumConverter.of(EncoderKind.class, EncoderKind::id);
    }

    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter embeddingModeConverter() {
        return IdEnumConverter.of(
                EmbeddingClassifierConfig.Mode.class, m -> m.name().toLowerCase(Locale.ROOT));
    }
}
