package io.coerouter.router;

import io.coerouter.router.state.RedisTestServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole router instances for tests of shared state: each on a free port, on {@code redis} under the test's key
 * prefix, without the skill classifier's warm-up. The rest is passed as command-line arguments, which outrank
 * application.yaml (its port and its expert list).
 */
final class Routers {

    private Routers() {}

    static ConfigurableApplicationContext start(RedisTestServer redis, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--coe.redis.url=" + redis.url(),
                "--coe.redis.key-prefix=" + redis.prefix(),
                "--coe.skills.warm-up=false"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(CoeRouterApplication.class).run(all.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext router) {
        return Integer.parseInt(router.getEnvironment().getProperty("local.server.port"));
    }

    static DemoHttp http(ConfigurableApplicationContext router) {
        return new DemoHttp(port(router));
    }
}
