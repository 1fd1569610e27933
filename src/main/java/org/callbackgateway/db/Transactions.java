package org.callbackgateway.db;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a unit of work in a transaction and returns only once it is committed.
 */
public interface Transactions {

    <R> R inTransaction(Function<Handle, R> work);

    /**
     * Applies {@code unit} with {@code work}, together with the other units of the same work waiting at the same
     * moment where the implementation groups them; returns once it is committed.
     */
    default <U, R> R submit(BatchWork<U, R> work, U unit) {
        return inTransaction(handle -> work.runOne(handle, unit));
    }

    /** One transaction per unit, on the caller's thread. */
    static Transactions direct(Jdbi jdbi) {
        return new Transactions() {
            @Override
            public <R> R inTransaction(Function<Handle, R> work) {
                return jdbi.inTransaction(work::apply);
            }
        };
    }
}
