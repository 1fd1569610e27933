package org.callbackgateway.db;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Work that a group commit applies to all its waiting units at once, in a fixed small number of statements
 * whatever their number (multi-row inserts, set-wise updates), rather than one round trip after another per unit.
 *
 * <p>{@link #runAll} gets the units in arrival order and returns one result per unit, in the same order. When it
 * throws, nothing of the batch is committed and {@link GroupCommitter} runs it again for each unit alone, so that
 * the unit at fault fails by itself with its own exception.
 *
 * @param <U> one caller's unit
 * @param <R> what that caller gets back
 */
@FunctionalInterface
public interface BatchWork<U, R> {

    List<R> runAll(Handle handle, List<U> units);

    /** Runs one unit as a batch of one. */
    default R runOne(Handle handle, U unit) {
        return runAll(handle, List.of(unit)).get(0);
    }
}
