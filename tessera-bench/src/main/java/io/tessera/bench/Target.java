package io.tessera.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A database under test, reached only through its JDBC URL. */
record Target(String name, String url, String user) {
    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        // The same driver settings for both databases: batches become multi-row INSERTs.
        p.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(url, p);
    }
}
