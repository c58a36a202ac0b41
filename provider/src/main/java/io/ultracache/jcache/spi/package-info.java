/** The JCache caching provider, found by {@code javax.cache.Caching} through the service loader. */
package io.ultracache.jcache.spi;
