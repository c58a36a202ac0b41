/** Entry processors: the mutable entry they work on, and the net effect applied when they return. */
package io.ultracache.jcache.processor;
