/**
 * Configuring UltraCache's caches: {@link io.ultracache.jcache.configuration.UltraCacheConfiguration}
 * (a JCache {@code CompleteConfiguration} with UltraCache's settings) and
 * {@link io.ultracache.jcache.configuration.UltraCacheProperties}, the one mapping between
 * configuration and text (a manager's properties, and the shared properties stored with each cache).
 */
package io.ultracache.jcache.configuration;
