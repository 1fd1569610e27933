-- Appends no longer NOTIFY. PostgreSQL serializes the commits of every transaction that has sent a notification
-- (a database-wide lock taken before commit and held until the commit is flushed, so that notifications are
-- queued in commit order): with a NOTIFY in each appending transaction, every callback transaction of every
-- instance waited for the previous one's WAL flush. An append now wakes its own instance's sequencer once the
-- transaction commits, in process; the sequencer, one transaction per round, notifies the other instances that
-- positions moved (gateway_event_positions), and every instance polls besides.
DROP TRIGGER events_appended ON events;
DROP FUNCTION events_appended_notify();
