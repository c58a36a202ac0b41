/**
 * Cache entry listeners of one process: registration, filters, and synchronous or ordered
 * asynchronous delivery of the events a cache operation produces.
 */
package io.ultracache.jcache.event;
