package org.callbackgateway.db;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a unit of work in a transaction and returns only once it is committed.
 */
public interface Transactions {

    <R> R inTransaction(Function<Handle, R> work);

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
