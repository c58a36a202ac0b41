package io.ultracache.benchmarks.multiprocess;

/** A multi-JVM measurement that could not be made: a worker failed, hung, or reported nonsense. */
public final class HarnessException extends RuntimeException {
    HarnessException(String message) {
        super(message);
    }

    HarnessException(String message, Throwable cause) {
        super(message, cause);
    }
}
