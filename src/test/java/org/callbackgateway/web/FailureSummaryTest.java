package org.callbackgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

class FailureSummaryTest {
    @Test
    void keepsTheMessageOfAConnectionFailureAndItsSqlState() {
        String summary = FailureSummary.of(new ConnectionException(
                new SQLException("Connection to 127.0.0.1:5432 refused.", "08001")));

        assertThat(summary).startsWith("ConnectionException <- SQLException: SQLState 08001 Connection to 127.0.0.1:5432 refused.");
    }

    @Test
    void dropsTheTextOfADatabaseErrorThatMayQuoteAValue() {
        String summary = FailureSummary.of(new IllegalStateException("claiming failed",
                new SQLException("ERROR: invalid input syntax for type uuid: \"whsec_secret\"", "22P02")));

        assertThat(summary).contains("IllegalStateException: claiming failed <- SQLException: SQLState 22P02")
                .doesNotContain("whsec_secret");
    }

    @Test
    void dropsJdbiMessagesWhichListTheBoundValues() {
        String summary = FailureSummary.of(new ConnectionException(new SQLException("x", "08006")) {
            @Override
            public String getMessage() {
                return "arguments:{positional:{0:whsec_secret}}";
            }
        });

        assertThat(summary).doesNotContain("whsec_secret");
    }

    @Test
    void cutsUrlsBeforeTheirQueryAndDropsTheirUserInformation() {
        String summary = FailureSummary.of(new IllegalArgumentException(
                "Illegal character in https://ops:pa55@hooks.example/in?token=abc#frag and more\nsecond line"));

        assertThat(summary).contains("Illegal character in https://hooks.example/in and more")
                .doesNotContain("pa55", "token=abc", "second line");
    }

    @Test
    void namesTheFirstPlaceInTheGatewaysOwnCode() {
        assertThat(FailureSummary.of(new IllegalStateException("boom")))
                .contains("(at org.callbackgateway.web.FailureSummaryTest.namesTheFirstPlaceInTheGatewaysOwnCode(");
    }
}
