package org.callbackgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.callbackgateway.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Every daily partition's payload index, those the migrations found and those made later, takes its entries as
 * each delivery is inserted, with no pending list to flush (V15): a partitioned index passes no storage
 * parameters on, so each partition's is set.
 */
class PayloadIndexSettingsTest {
    private static final String SETTING = "fastupdate=off";

    @Test
    void thePartitionsThereAndThoseMadeLaterHaveTheSetting() {
        try (TestDatabase database = TestDatabase.migrated("payload_index_settings")) {
            List<String> before = settings(database);
            database.jdbi().useHandle(handle -> handle.execute("SELECT delivery_partitions_ensure("
                    + "(now() AT TIME ZONE 'UTC')::date + 20, (now() AT TIME ZONE 'UTC')::date + 21)"));
            List<String> after = settings(database);

            assertThat(before).isNotEmpty().allMatch(options -> options.contains(SETTING));
            assertThat(after).hasSize(before.size() + 2).allMatch(options -> options.contains(SETTING));
        }
    }

    /** The storage parameters of each partition's payload index, as text. */
    private static List<String> settings(TestDatabase database) {
        return database.jdbi().withHandle(handle -> handle.createQuery("""
                SELECT coalesce(array_to_string(c.reloptions, ','), '')
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                 WHERE i.inhparent = 'deliveries_payload_idx'::regclass
                 ORDER BY c.relname
                """).mapTo(String.class).list());
    }
}
