package org.callbackgateway.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The schema's Flyway migrations, shipped on the classpath under {@code db/migration}.
 */
public final class Migrations {
    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** Applies pending migrations; returns how many ran. */
    public int migrate() {
        return flyway.migrate().migrationsExecuted;
    }

    /** True when every migration shipped with this build is applied. */
    public boolean upToDate() {
        MigrationInfo[] pending = flyway.info().pending();
        return pending.length == 0;
    }
}
