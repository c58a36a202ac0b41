package io.ultracache.jcache;

import io.ultracache.serial.ByteSink;
import io.ultracache.serial.SerializationException;
import io.ultracache.serial.Serializer;
import io.ultracache.shm.SegmentException;
import io.ultracache.store.StoreException;
import javax.cache.CacheException;

/**
 * The one place where the engine's failures become JCache's: a {@link StoreException},
 * {@link SegmentException} or {@link SerializationException} becomes a {@link CacheException} with
 * the same message and the original as its cause. A closed or destroyed store already throws an
 * {@link IllegalStateException}, as JCache wants for a closed cache, and passes unchanged; so do
 * the exceptions JCache defines itself.
 */
final class StoreFailures {
    private StoreFailures() {
    }

    /** The exception to throw for {@code failure}: translated if it is the engine's, else itself. */
    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof StoreException || failure instanceof SegmentException
                || failure instanceof SerializationException) {
            return new CacheException(failure.getMessage(), failure);
        }
        return failure;
    }

    /**
     * Checks that {@code object} can be serialized, before anything else (a cache writer) sees it,
     * so that a value the store cannot hold fails the operation before it changed anything.
     *
     * @throws CacheException naming the object's class and the cache
     */
    static void checkSerializable(Serializer serializer, String cacheName, Object object, String what) {
        try {
            serializer.write(object, new ByteSink(256));
        } catch (RuntimeException | StackOverflowError e) {
            throw new CacheException("cannot store a " + what + " of class " + object.getClass().getName() + " in cache '"
                    + cacheName + "': " + e.getMessage() + "; the cache is unchanged", e);
        }
    }
}
