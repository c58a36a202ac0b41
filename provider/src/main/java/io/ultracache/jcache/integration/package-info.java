/** Read-through and write-through: calling a cache's loader and writer, with JCache's exception wrapping. */
package io.ultracache.jcache.integration;
