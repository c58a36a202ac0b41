package io.ultracache.examples.spring;

import java.io.Serializable;
import java.math.BigDecimal;

/** A cached method's result; {@code computedBy} is the pid of the JVM whose method computed it. */
public record Quote(String symbol, BigDecimal price, long computedBy) implements Serializable {
    private static final long serialVersionUID = 1L;
}
