-- The payload's GIN index takes each delivery's entries as it is inserted (fastupdate off), instead of gathering
-- them in a pending list that an insert flushes into the index once it holds 4 MB (gin_pending_list_limit): with
-- the list on, one batch of the group commit in a few hundred pays for the flush of the thousands of deliveries
-- before it, 130-180 ms against a mean of 4-6 ms, and every callback queued behind that batch waits for it (the
-- p99 of bench/run). Off, each insert costs more (its share of the flushes, at once) and none costs a flush:
-- the slowest batch insert took 26-47 ms in bench/run, the p99 of the callbacks fell by 16-60%.
--
-- A partitioned index has no storage parameters of its own to pass on, so the partitions' indexes are set one by
-- one: those there are, and each new day's as delivery_partitions_ensure makes it.
DO $$
DECLARE
    part record;
BEGIN
    FOR part IN SELECT inhrelid::regclass AS index FROM pg_inherits
                 WHERE inhparent = 'deliveries_payload_idx'::regclass LOOP
        EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', part.index);
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION delivery_partitions_ensure(first_day date, last_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    day date := first_day;
    created integer := 0;
    name text;
    payload_index regclass;
BEGIN
    WHILE day <= last_day LOOP
        name := 'deliveries_' || to_char(day, 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            BEGIN
                EXECUTE format('CREATE TABLE %I PARTITION OF deliveries FOR VALUES FROM (%L) TO (%L)', name,
                               day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
                SELECT i.inhrelid::regclass INTO payload_index
                  FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid
                 WHERE i.inhparent = 'deliveries_payload_idx'::regclass AND x.indrelid = name::regclass;
                EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', payload_index);
                created := created + 1;
            EXCEPTION WHEN invalid_object_definition THEN
                NULL; -- would overlap the first partition, which holds that day
            END;
        END IF;
        day := day + 1;
    END LOOP;
    RETURN created;
END $$;
