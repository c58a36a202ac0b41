package io.ultracache.jcache.management;

import java.lang.management.ManagementFactory;
import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Registers a cache's MBeans on the platform MBean server, under the names JSR-107 gives them:
 * {@code javax.cache:type=CacheConfiguration|CacheStatistics,CacheManager=<uri>,Cache=<name>}, with
 * {@code , : = } and newlines in the URI and name replaced by dots.
 */
public final class MBeanRegistration {
    private static final System.Logger LOG = System.getLogger(MBeanRegistration.class.getName());

    /** The two kinds of MBean a cache has. */
    public enum Type {
        CacheConfiguration, CacheStatistics
    }

    private final ObjectName name;
    private final Object bean;
    private boolean registered;

    public MBeanRegistration(Type type, String managerUri, String cacheName, Object bean) {
        this.name = objectName(type, managerUri, cacheName);
        this.bean = bean;
    }

    static ObjectName objectName(Type type, String managerUri, String cacheName) {
        String text = "javax.cache:type=" + type + ",CacheManager=" + safe(managerUri) + ",Cache=" + safe(cacheName);
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new CacheException("cannot name the MBean of cache '" + cacheName + "' as " + text + ": " + e, e);
        }
    }

    /** As the TCK computes it; a value that is still not a legal unquoted ObjectName value is quoted. */
    static String safe(String s) {
        String replaced = s.replaceAll(":|=|\n|,", ".");
        for (int i = 0; i < replaced.length(); i++) {
            char c = replaced.charAt(i);
            if (c == '*' || c == '?' || c == '"' || c == '\\') {
                return ObjectName.quote(replaced);
            }
        }
        return replaced;
    }

    public ObjectName name() {
        return name;
    }

    /** Registers the bean, or turns registration off; idempotent. */
    public synchronized void setRegistered(boolean register) {
        if (register == registered) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (register) {
                try {
                    server.registerMBean(bean, name);
                } catch (InstanceAlreadyExistsException e) {
                    // another cache of the same URI and name (a manager of another class loader) holds the name
                    LOG.log(System.Logger.Level.WARNING, "MBean " + name + " is already registered by another cache"
                            + " of the same name and manager URI; this cache's is not registered");
                    return;
                }
            } else {
                try {
                    server.unregisterMBean(name);
                } catch (InstanceNotFoundException e) {
                    // already gone
                }
            }
            registered = register;
        } catch (JMException e) {
            throw new CacheException("cannot " + (register ? "register" : "unregister") + " MBean " + name + ": " + e, e);
        }
    }
}
