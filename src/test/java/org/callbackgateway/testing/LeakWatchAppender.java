package org.callbackgateway.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Hands every log event, with its exception messages, to {@link LeakWatch}.
 */
public final class LeakWatchAppender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
        String where = event.getLoggerName();
        LeakWatch.inspect(event.getFormattedMessage(), where);
        for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            LeakWatch.inspect(cause.getMessage(), where);
        }
    }
}
