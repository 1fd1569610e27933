package org.callbackgateway.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.callbackgateway.config.GatewayConfig.DatabaseConfig;
import org.callbackgateway.web.FeatureModule;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the database: the data source (JNDI or the built-in pool), Jdbi, the Flyway migrations run at start and
 * the group commit of the callbacks' short transactions.
 */
public final class DatabaseModule implements FeatureModule {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseModule.class);

    private final DatabaseConfig config;
    private final DataSources.Resolved dataSource;
    private final Jdbi jdbi;
    private final Migrations migrations;
    private final Optional<GroupCommitter> groupCommit;
    private final Transactions transactions;

    private DatabaseModule(DatabaseConfig config, DataSources.Resolved dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = JdbiFactory.create(dataSource.dataSource());
        this.migrations = new Migrations(dataSource.dataSource());
        // A batch of 1 turns group commit off: one transaction per unit on the caller's thread.
        this.groupCommit = config.groupCommitMaxBatch() <= 1 ? Optional.empty()
                : Optional.of(new GroupCommitter(jdbi, config.groupCommitMaxBatch(), config.groupCommitWriters()));
        this.transactions = groupCommit.<Transactions>map(committer -> committer).orElse(Transactions.direct(jdbi));
    }

    public static DatabaseModule connect(DatabaseConfig config) {
        DataSources.Resolved dataSource = DataSources.resolve(config);
        LOG.info("database: {}", dataSource.description());
        return new DatabaseModule(config, dataSource);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Transactions transactions() {
        return transactions;
    }

    /** The data source itself, for what needs a connection of its own. */
    public javax.sql.DataSource dataSource() {
        return dataSource.dataSource();
    }

    /** Where the event log's {@code LISTEN} connection comes from ({@code GATEWAY_DB_LISTEN_URL}, else the pool). */
    public ListenConnections listenConnections() {
        return ListenConnections.of(config.listen(), dataSource.dataSource(), config.connectTimeoutMillis());
    }

    public Migrations migrations() {
        return migrations;
    }

    /** Works out the SQL objects' metadata once (see {@link JdbiFactory#precomputeSqlObjects}). */
    public void precompute(List<Class<?>> sqlObjects) {
        JdbiFactory.precomputeSqlObjects(jdbi, sqlObjects);
    }

    /** The pool's meters and the group commit's counters. */
    public void bindMetrics(MeterRegistry registry) {
        if (dataSource.dataSource() instanceof HikariDataSource pool) {
            pool.setMetricRegistry(registry);
        }
        groupCommit.ifPresent(committer -> {
            registry.more().counter("gateway.group.commit.units", List.of(), committer, GroupCommitter::units);
            registry.more().counter("gateway.group.commit.commits", List.of(), committer, GroupCommitter::commits);
        });
    }

    /** Migrates the database, unless turned off. */
    @Override
    public void start() {
        if (config.migrate()) {
            int applied = migrations.migrate();
            LOG.info("database migrations: {} applied", applied);
        }
    }

    @Override
    public void close() {
        groupCommit.ifPresent(GroupCommitter::close);
        if (dataSource.owned() && dataSource.dataSource() instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}
