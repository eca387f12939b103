package io.coerouter.router.usage;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of the test's own ({@code coe_usage_it_<random>}), created on the server of {@code COE_TEST_POSTGRES_URL}
 * (environment variable or system property; user and password from {@code COE_TEST_POSTGRES_USER} and {@code
 * COE_TEST_POSTGRES_PASSWORD}, default postgres and none), else on the CI server at 127.0.0.1:5432 when it answers,
 * else on a private server ({@link PostgresTestServer}) started for the JVM. Dropped by {@link #close}; nothing else
 * on the server is touched.
 */
public final class UsageTestDatabase implements AutoCloseable {

    private static final String CI = "jdbc:postgresql://127.0.0.1:5432/test";
    private static PostgresTestServer privateServer;

    private final String adminUrl;
    private final String username;
    private final String password;
    private final String name;

    private UsageTestDatabase(String adminUrl, String username, String password, String name) {
        this.adminUrl = adminUrl;
        this.username = username;
        this.password = password;
        this.name = name;
    }

    /** A new, empty database on the test server. */
    public static UsageTestDatabase create() {
        String url = setting("COE_TEST_POSTGRES_URL");
        String user = setting("COE_TEST_POSTGRES_USER");
        String password = setting("COE_TEST_POSTGRES_PASSWORD");
        if (url == null) {
            url = reachable("127.0.0.1", 5432) ? CI : sharedPrivateServer().url("postgres");
        }
        return on(url, user == null ? "postgres" : user, password == null ? "" : password);
    }

    /** A new, empty database on the server of {@code serverUrl} (any database of it). */
    public static UsageTestDatabase on(String serverUrl, String username, String password) {
        String name = "coe_usage_it_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        UsageTestDatabase db = new UsageTestDatabase(serverUrl, username, password, name);
        db.admin("CREATE DATABASE " + name);
        return db;
    }

    public String url() {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String rest = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + rest;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    /** The router's settings for this database. */
    public UsageProperties.Datasource datasource() {
        return UsageProperties.Datasource.of(url(), username, password);
    }

    /** A plain data source (no pool) for the test's own statements. */
    public DataSource dataSource() {
        return new DriverManagerDataSource(url(), username, password);
    }

    /** Drops the database (closing its sessions). */
    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, username, password);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test server", e);
        }
    }

    private static synchronized PostgresTestServer sharedPrivateServer() {
        if (privateServer == null) {
            privateServer = PostgresTestServer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(privateServer::close));
        }
        return privateServer;
    }

    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
