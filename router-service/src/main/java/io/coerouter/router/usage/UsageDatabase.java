package io.coerouter.router.usage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The connection pool to the usage database and its migrations ({@code classpath:db/usage}, V1 the hourly rollups,
 * V2 the request log, V3 the daily rollups, V4 the ids of written batches, V5 cache hits), in the schema of {@code coe.usage.schema} with a history table of its own.
 */
public final class UsageDatabase implements AutoCloseable {

    /** Where the migrations are. */
    static final String LOCATION = "classpath:db/usage";

    /** The migrations' history table, in the usage schema. */
    static final String HISTORY = "usage_schema_history";

    private final HikariDataSource pool;

    private UsageDatabase(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * A pool to {@code datasource}; connects lazily, so the router starts while PostgreSQL is down. Short timeouts: a
     * writer waiting on an unreachable server retries on its own schedule.
     */
    public static UsageDatabase open(UsageProperties.Datasource datasource) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("coe-usage");
        config.setJdbcUrl(datasource.url());
        config.setUsername(datasource.username());
        config.setPassword(datasource.password());
        config.setMaximumPoolSize(datasource.maxPoolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Duration.ofSeconds(3).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("ApplicationName", "coe-router-usage");
        // One multi-row statement per batch of upserts instead of one round trip a row.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new UsageDatabase(new HikariDataSource(config));
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Brings {@code schema} to the latest version (creating it when absent). */
    public static void migrate(DataSource dataSource, String schema) {
        flyway(dataSource, schema, null).migrate();
    }

    /** Brings {@code schema} to {@code version} only (the tests' "previous schema"). */
    static void migrate(DataSource dataSource, String schema, String version) {
        flyway(dataSource, schema, version).migrate();
    }

    private static Flyway flyway(DataSource dataSource, String schema, String target) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY)
                .locations(LOCATION)
                .validateOnMigrate(true)
                .cleanDisabled(true);
        if (target != null) {
            config.target(MigrationVersion.fromVersion(target));
        }
        return config.load();
    }

    @Override
    public void close() {
        pool.close();
    }
}
