package io.ultracache.serial;

/**
 * Finds the class a stored value names: with the loader the serializer was given (the cache
 * manager's), then with the calling thread's context class loader. The second matters when
 * UltraCache sits in a parent class loader of the application, as in an application server or
 * when a framework (Hibernate asks for the provider's default loader) gets the manager: the
 * manager's loader cannot see the application's classes, the thread running the application's
 * code can.
 */
final class ClassLookup {
    private ClassLookup() {
    }

    /**
     * @param primary the serializer's loader; null means only the context loader and this library's
     * @throws ClassNotFoundException naming the loaders tried
     */
    static Class<?> load(String name, ClassLoader primary) throws ClassNotFoundException {
        ClassNotFoundException first = null;
        if (primary != null) {
            try {
                return Class.forName(name, false, primary);
            } catch (ClassNotFoundException e) {
                first = e;
            }
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != primary) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (primary == null) {
            return Class.forName(name, false, ClassLookup.class.getClassLoader());
        }
        throw new ClassNotFoundException(name + " (looked in " + primary + (context != null && context != primary
                ? " and the thread's context class loader " + context : "") + ")", first);
    }
}
