package io.coerouter.router.console;

import org.junit.jupiter.api.Nested;

/** The in-memory console sessions pass their contract. */
class InMemoryConsoleSessionsTest {

    @Nested
    class Contract extends ConsoleSessionsContract {
        private final ConsoleSessions shared = ConsoleSessions.inMemory(CONFIG, clock);

        @Override
        ConsoleSessions sessions() {
            return shared; // one process: both replicas are the same store
        }
    }
}
