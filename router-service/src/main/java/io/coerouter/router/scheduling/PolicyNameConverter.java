package io.coerouter.router.scheduling;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * Binds {@code coe.scheduler.policy}: a name other than the policies' stops the start-up with a message naming the
 * property and the allowed names (the binder's own enum conversion names neither).
 */
@Component
@ConfigurationPropertiesBinding
final class PolicyNameConverter implements Converter<String, PolicyName> {

    static final String PROPERTY = "coe.scheduler.policy";

    @Override
    public PolicyName convert(String source) {
        return PolicyName.named(PROPERTY, source);
    }
}
