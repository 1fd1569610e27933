package org.callbackgateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.callbackgateway.config.GatewayConfig;
import org.callbackgateway.db.Transactions;
import org.jdbi.v3.core.Jdbi;

/**
 * What every feature module is built from: the settings, the database (with the group commit for short
 * transactions), the JSON mapper and the clock.
 */
public record Foundation(GatewayConfig config, Jdbi jdbi, Transactions transactions, ObjectMapper mapper,
                         Clock clock) {
}
