package io.presencegrid.drills.security;

import io.presencegrid.security.GridAccount;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;

/**
 * The thin-client/JDBC port, over TLS that trusts the cluster's CA (so TLS is not what stops these):
 * no account, a wrong password, and the analyst trying to change anything.
 */
final class ClientPortAttacks {

    /** A row the operator writes first, so that the analyst's UPDATE and DELETE have something to change. */
    private static final String TARGET = "drill-security-target";

    private final ClusterMaterial material;
    private final Attempts attempts;
    private final String jdbcUrl;
    private final String thinAddress;

    ClientPortAttacks(ClusterMaterial material, Attempts attempts, int thinPort) {
        this.material = material;
        this.attempts = attempts;
        this.jdbcUrl = "jdbc:ignite:thin://127.0.0.1:" + thinPort;
        this.thinAddress = "127.0.0.1:" + thinPort;
    }

    void run() {
        attempts.control("jdbc_operator_writes", () -> update(material.operator(), "MERGE INTO PRESENCE "
                + "(USER_ID, STATUS, MESSAGE, DEVICE_COUNT, LAST_SEEN_AT, UPDATED_AT, VERSION) VALUES "
                + "('" + TARGET + "', 'offline', '', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)") == 1 ? null : "no row merged");
        attempts.control("jdbc_analyst_reads", () -> statusOfTarget(material.analyst()).equals("offline") ? null : "wrong row");

        attempts.attack("jdbc_without_account", () -> connects(null));
        attempts.attack("jdbc_wrong_password", () -> connects(new GridAccount("operator", material.operatorPassword() + "x")));
        attempts.attack("jdbc_analyst_password_as_operator", () -> connects(new GridAccount("operator", material.analystPassword())));
        attempts.attack("thin_without_account", () -> thinClientSees(null));
        attempts.attack("thin_wrong_password", () -> thinClientSees(new GridAccount("analyst", "not-the-analyst-password")));

        for (Map.Entry<String, String> write : analystWrites().entrySet()) {
            attempts.attack("analyst_sql_" + write.getKey(), () -> "executed, " + update(material.analyst(), write.getValue()) + " rows");
        }
        attempts.attack("analyst_thin_put", () -> thinAsAnalyst(cache -> cache.put(TARGET, cache.get(TARGET))));
        attempts.attack("analyst_thin_remove", () -> thinAsAnalyst(cache -> cache.remove(TARGET)));
        attempts.attack("analyst_thin_clear", () -> thinAsAnalyst(ClientCache::clear));
        attempts.attack("analyst_thin_create_cache", () -> {
            try (IgniteClient analyst = thinClient(material.analyst())) {
                analyst.createCache("drill-analyst-cache");
                return "cache created";
            }
        });
        attempts.attack("analyst_thin_destroy_cache", () -> {
            try (IgniteClient analyst = thinClient(material.analyst())) {
                analyst.destroyCache("subscription");
                return "cache destroyed";
            }
        });
        attempts.control("analyst_changed_nothing", () -> statusOfTarget(material.operator()).equals("offline") ? null : "target changed");
        attempts.control("jdbc_operator_deletes", () -> update(material.operator(),
                "DELETE FROM PRESENCE WHERE USER_ID = '" + TARGET + "'") == 1 ? null : "no row deleted");
    }

    private static Map<String, String> analystWrites() {
        Map<String, String> writes = new LinkedHashMap<>();
        writes.put("insert", "INSERT INTO PRESENCE (USER_ID, STATUS, MESSAGE, DEVICE_COUNT, LAST_SEEN_AT, UPDATED_AT, VERSION) "
                + "VALUES ('drill-forged', 'online', '', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
        writes.put("update", "UPDATE PRESENCE SET STATUS = 'online' WHERE USER_ID = '" + TARGET + "'");
        writes.put("merge", "MERGE INTO PRESENCE (USER_ID, STATUS, VERSION, UPDATED_AT) VALUES ('" + TARGET + "', 'busy', 9, CURRENT_TIMESTAMP)");
        writes.put("delete", "DELETE FROM PRESENCE WHERE USER_ID = '" + TARGET + "'");
        writes.put("create_table", "CREATE TABLE DRILL_ANALYST (ID INT PRIMARY KEY, V VARCHAR)");
        writes.put("drop_table", "DROP TABLE SUBSCRIPTION");
        writes.put("create_index", "CREATE INDEX DRILL_ANALYST_INDEX ON PRESENCE (MESSAGE)");
        writes.put("add_column", "ALTER TABLE PRESENCE ADD COLUMN DRILL_ANALYST VARCHAR");
        writes.put("drop_column", "ALTER TABLE PRESENCE DROP COLUMN DEVICE_COUNT");
        return writes;
    }

    private String connects(GridAccount account) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, material.jdbc(account));
             ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM PRESENCE")) {
            return rows.next() ? "read " + rows.getLong(1) + " presence rows" : "connected";
        }
    }

    private int update(GridAccount account, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, material.jdbc(account));
             Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private String statusOfTarget(GridAccount account) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, material.jdbc(account));
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT STATUS FROM PRESENCE WHERE USER_ID = '" + TARGET + "'")) {
            return rows.next() ? rows.getString(1) : "no row";
        }
    }

    private String thinClientSees(GridAccount account) throws Exception {
        try (IgniteClient client = thinClient(account)) {
            return "listed caches " + client.cacheNames();
        }
    }

    private String thinAsAnalyst(java.util.function.Consumer<ClientCache<Object, Object>> write) throws Exception {
        try (IgniteClient analyst = thinClient(material.analyst())) {
            write.accept(analyst.cache("presence"));
            return "written";
        }
    }

    private IgniteClient thinClient(GridAccount account) {
        ClientConfiguration configuration = material.trustOnly()
                .secureThinClient(new ClientConfiguration().setAddresses(thinAddress).setTimeout(10_000));
        if (account != null) {
            configuration.setUserName(account.user()).setUserPassword(account.password());
        }
        return Ignition.startClient(configuration);
    }
}
