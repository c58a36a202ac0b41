/** Turning a JCache expiry policy into the absolute expiry times the shared store keeps. */
package io.ultracache.jcache.expiry;
