package io.presencegrid.ops;

import io.presencegrid.security.GridAccount;
import io.presencegrid.security.GridTls;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.ignite.IgniteJdbcThinDriver;

/**
 * Ignite's JDBC thin driver under URLs of its own, {@code jdbc:presence-grid://host:port[,host:port...]},
 * that adds the grid's TLS settings (PRESENCE_GRID_TLS*) and the account (PRESENCE_GRID_USER,
 * PRESENCE_GRID_PASSWORD or its file) of this process's environment as connection properties. scripts/sqlline.sh connects through it: sqlline prints the URL it connects to, so nothing
 * secret may be in it, and command-line arguments show in the process list.
 */
public final class PresenceJdbcDriver implements Driver {

    public static final String PREFIX = "jdbc:presence-grid://";
    private static final String IGNITE_PREFIX = "jdbc:ignite:thin://";

    static {
        try {
            DriverManager.registerDriver(new PresenceJdbcDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final IgniteJdbcThinDriver ignite = new IgniteJdbcThinDriver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties properties = new Properties();
        if (info != null) {
            properties.putAll(info);
        }
        try {
            GridTls.fromEnvironment(System.getenv()).ifPresent(tls -> properties.putAll(tls.jdbcProperties()));
            GridAccount.fromEnvironment(System.getenv()).ifPresent(account -> properties.putAll(account.jdbcProperties()));
        } catch (IllegalArgumentException badSetting) {
            throw new SQLException(badSetting.getMessage(), badSetting);
        }
        return ignite.connect(IGNITE_PREFIX + url.substring(PREFIX.length()), properties);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return ignite.getPropertyInfo(IGNITE_PREFIX + url.substring(PREFIX.length()), info);
    }

    @Override
    public int getMajorVersion() {
        return ignite.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return ignite.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("java.util.logging is not used");
    }
}
