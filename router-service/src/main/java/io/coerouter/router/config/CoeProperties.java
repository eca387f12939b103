package io.coerouter.router.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything under {@code coe.*}. Operators script against these names; keep them stable.
 *
 * @param defaultExpert the expert that answers {@code model: coe} until skill routing has profiles; defaults to the
 *     first declared expert
 * @param gateway limits of the HTTP API
 * @param local settings of local (DJL) experts and their model pool
 * @param experts the declared experts, in the spirit of LiteLLM's {@code model_list}
 * @param skills the skill taxonomy and the query classifier
 * @param routing how experts are recruited for {@code model: coe}
 * @param profiles where expert profiles come from and how many versions are kept
 * @param aggregation how several experts' answers become one
 * @param scheduler how local experts' work is batched
 * @param batch the Files and BatchProperties APIs
 * @param redis the shared state's RedisProperties server; none: state lives in this process's memory
 * @param auth gateway API keys and the admin credential
 * @param secrets which environment variables may hold experts' API keys
 * @param egress where experts may connect
 * @param console the admin console and its sign-in sessions
 * @param role what this process does in a cluster: {@code all} (the default), {@code gateway} or {@code worker}
 * @param dispatch how gateways and workers share local experts' work
 * @param feedback learning from callers' feedback on completions
 * @param tracing OpenTelemetry traces of every chat request
 */
@ConfigurationProperties("coe")
public record CoeProperties(
        String defaultExpert,
        @DefaultValue GatewayProperties gateway,
        @DefaultValue LocalProperties local,
        List<ExpertProperties> experts,
        @DefaultValue SkillsProperties skills,
        @DefaultValue RoutingProperties routing,
        @DefaultValue ProfilesProperties profiles,
        @DefaultValue AggregationProperties aggregation,
        @DefaultValue SchedulerProperties scheduler,
        @DefaultValue BatchProperties batch,
        @DefaultValue RedisProperties redis,
        @DefaultValue AuthProperties auth,
        @DefaultValue SecretsProperties secrets,
        @DefaultValue EgressProperties egress,
        @DefaultValue ConsoleProperties console,
        @DefaultValue("all") Role role,
        @DefaultValue DispatchProperties dispatch,
        @DefaultValue FeedbackProperties feedback,
        @DefaultValue TracingProperties tracing) {

    public CoeProperties {
        experts = experts == null ? List.of() : List.copyOf(experts);
    }
}
