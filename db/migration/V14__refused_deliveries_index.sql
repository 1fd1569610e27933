-- The refused deliveries (a rejected signature, or a processing outcome that needs attention: not_found,
-- invalid, too_large, failed; the console's "refused") by received time, so that a search or a bulk replay by
-- such an outcome reads them without walking every delivery of every day. Partial: the accepted deliveries, the
-- great majority, cost nothing to insert. Searches give the outcome as a literal (from a fixed list) so that
-- every plan, generic or not, can prove the index's condition.
--
-- ON ONLY: building it on partitions that hold deliveries would block inserts for as long as it reads them. The
-- partitions made from now on (days ahead) get it from the partitioned table, the empty ones are given it here,
-- and the days stored before this version are searched as before until retention drops them (to index them at
-- once: CREATE INDEX CONCURRENTLY on each, then ALTER INDEX deliveries_refused_idx ATTACH PARTITION ...).
CREATE INDEX deliveries_refused_idx ON ONLY deliveries (received_at, id)
    WHERE verification = 'rejected' OR processing IN ('not_found', 'invalid', 'too_large', 'failed');

DO $$
DECLARE
    part record;
    empty boolean;
BEGIN
    FOR part IN SELECT name FROM delivery_partitions ORDER BY name LOOP
        EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I)', part.name) INTO empty;
        IF empty THEN
            EXECUTE format('CREATE INDEX %I ON %I (received_at, id) WHERE verification = ''rejected'' '
                           'OR processing IN (''not_found'', ''invalid'', ''too_large'', ''failed'')',
                           part.name || '_refused_idx', part.name);
            EXECUTE format('ALTER INDEX deliveries_refused_idx ATTACH PARTITION %I', part.name || '_refused_idx');
        END IF;
    END LOOP;
END $$;
