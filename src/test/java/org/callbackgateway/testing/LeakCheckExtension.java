package org.callbackgateway.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class if a remembered secret was logged while it ran; registered for every test class through
 * the JUnit extension auto-detection of {@code junit-platform.properties}.
 */
public final class LeakCheckExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().getEnclosingClass() != null) {
            return;
        }
        List<String> leaks = LeakWatch.drainLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError("secrets reached the log during " + context.getDisplayName() + ": " + leaks);
        }
    }
}
