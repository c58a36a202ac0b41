/** The JCache MXBeans of a cache (configuration and per-process statistics) and their registration. */
package io.ultracache.jcache.management;
