package io.presencegrid.node;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An Ignite configuration flattened into property paths and values ({@code dataStorageConfiguration.walSegments
 * -> 4}), by following the public getters of every Ignite and presence-grid object it holds, so that two
 * configurations can be compared property by property. Objects of other libraries count by their class.
 */
final class ConfigurationProperties {

    private static final int MAX_DEPTH = 8;

    private final Map<String, String> values = new TreeMap<>();
    private final Set<Object> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private ConfigurationProperties() {
    }

    static Map<String, String> of(Object configuration) {
        ConfigurationProperties properties = new ConfigurationProperties();
        properties.walk("", configuration, 0);
        return properties.values;
    }

    private void walk(String path, Object value, int depth) {
        if (value == null || isPlainValue(value)) {
            values.put(path, String.valueOf(value));
        } else if (value.getClass().isArray()) {
            if (value.getClass().getComponentType().isPrimitive()) {
                values.put(path, primitiveArray(value));
            } else {
                for (int i = 0; i < Array.getLength(value); i++) {
                    walk(path + "[" + i + "]", Array.get(value, i), depth + 1);
                }
            }
        } else if (value instanceof Collection<?> collection) {
            walk(path, collection.toArray(), depth);
        } else if (value instanceof Map<?, ?> map) {
            new TreeMap<>(stringKeys(map)).forEach((key, entry) -> walk(path + "{" + key + "}", entry, depth + 1));
        } else if (!isOurs(value) || depth >= MAX_DEPTH) {
            values.put(path, value.getClass().getName());
        } else if (!visited.add(value)) {
            values.put(path, "(seen) " + value.getClass().getName());
        } else {
            values.put(path, value.getClass().getName());
            for (Method getter : getters(value.getClass())) {
                String child = (path.isEmpty() ? "" : path + ".") + propertyName(getter);
                try {
                    walk(child, getter.invoke(value), depth + 1);
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    values.put(child, "unreadable: " + unreadable.getClass().getSimpleName());
                }
            }
        }
    }

    private static boolean isPlainValue(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?> || value instanceof Class<?>
                || value.getClass().getName().startsWith("java.net.");
    }

    private static boolean isOurs(Object value) {
        String name = value.getClass().getName();
        return name.startsWith("org.apache.ignite.") || name.startsWith("io.presencegrid.");
    }

    private static String primitiveArray(Object array) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Array.getLength(array); i++) {
            text.append(i == 0 ? "" : ", ").append(Array.get(array, i));
        }
        return text.append(']').toString();
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> keyed = new TreeMap<>();
        map.forEach((key, value) -> keyed.put(String.valueOf(key), value));
        return keyed;
    }

    /** Public, no arguments, named like a property; sorted, so both sides list them in one order. */
    private static Method[] getters(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(method -> method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.getReturnType() != void.class && method.getDeclaringClass() != Object.class)
                .filter(method -> method.getName().startsWith("get") || method.getName().startsWith("is"))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toArray(Method[]::new);
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(getter.getName().startsWith("is") ? 2 : 3);
        return name.isEmpty() ? getter.getName() : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
