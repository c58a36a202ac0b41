package io.ultracache.jcache.processor;

/** What an entry processor's work amounts to, applied to the cache once the processor returns. */
public enum EntryAction {
    /** Nothing changed and the value was not read. */
    NONE,
    /** The existing value was read; nothing changed. */
    READ,
    /** The value was loaded through the cache loader (read-through) and is to be stored; nothing else changed. */
    LOADED,
    /** An entry that did not exist is to be created. */
    CREATED,
    /** The existing entry's value is to be replaced. */
    UPDATED,
    /** The entry is to be removed (and deleted through the writer, even if it did not exist). */
    REMOVED
}
