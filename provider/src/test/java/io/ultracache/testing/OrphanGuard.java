package io.ultracache.testing;

/**
 * Ends a child JVM started by a test when the test's JVM is gone, so a child that would otherwise
 * run forever (a crash victim incrementing until killed, say) never outlives a test run that was
 * itself killed. Child mains that do not read their stdin to its end call {@link #start()} first.
 */
public final class OrphanGuard {
    private OrphanGuard() {
    }

    public static void start() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread guard = new Thread(() -> {
            while (parent.isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(3);
        }, "orphan-guard");
        guard.setDaemon(true);
        guard.start();
    }
}
