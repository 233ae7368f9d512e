package io.callmask.sip.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two JAIN SIP object graphs field by field (every instance field of every {@code
 * gov.nist} class, collections and maps in iteration order), to show that two parsers built
 * indistinguishable objects; and finds what two graphs share, to show that they are independent.
 */
final class ObjectGraphs {

  private ObjectGraphs() {}

  /** Where {@code a} and {@code b} differ, as paths; empty if nowhere. */
  static List<String> differences(Object a, Object b) {
    List<String> found = new ArrayList<>();
    compare("", a, b, found, 0);
    return found;
  }

  private static void compare(String path, Object a, Object b, List<String> found, int depth) {
    if (a == b) {
      return;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      found.add(path + ": " + describe(a) + " vs " + describe(b));
      return;
    }
    if (depth > 40) {
      found.add(path + ": too deep");
      return;
    }
    if (a.getClass().getName().startsWith("gov.nist.")) {
      // Also JAIN SIP's own lists and maps: their fields (the map behind a parameter list) count.
      compareFields(path, a, b, found, depth);
    } else if (a instanceof Collection<?> left) {
      Collection<?> right = (Collection<?>) b;
      if (left.size() != right.size()) {
        found.add(path + ": size " + left.size() + " vs " + right.size());
        return;
      }
      Iterator<?> r = right.iterator();
      int i = 0;
      for (Object element : left) {
        compare(path + "[" + i++ + "]", element, r.next(), found, depth + 1);
      }
    } else if (a instanceof Map<?, ?> left) {
      compare(path + ".entries", new ArrayList<>(left.entrySet()),
          new ArrayList<>(((Map<?, ?>) b).entrySet()), found, depth + 1);
    } else if (a instanceof Map.Entry<?, ?> left) {
      Map.Entry<?, ?> right = (Map.Entry<?, ?>) b;
      compare(path + ".key", left.getKey(), right.getKey(), found, depth + 1);
      compare(path + "{" + left.getKey() + "}", left.getValue(), right.getValue(), found,
          depth + 1);
    } else if (!Objects.equals(a, b)) {
      found.add(path + ": " + describe(a) + " vs " + describe(b));
    }
  }

  private static void compareFields(String path, Object a, Object b, List<String> found,
      int depth) {
    for (Class<?> type = a.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        field.setAccessible(true);
        try {
          compare(path + "." + field.getName(), field.get(a), field.get(b), found, depth + 1);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * The mutable objects (anything but strings, boxed primitives, enums and classes) that both
   * {@code a} and {@code b} reach, as {@code a}'s paths to them; empty if they share none.
   */
  static List<String> shared(Object a, Object b) {
    Map<Object, String> reachedFromA = new IdentityHashMap<>();
    walk("", a, reachedFromA, 0);
    Map<Object, String> reachedFromB = new IdentityHashMap<>();
    walk("", b, reachedFromB, 0);
    List<String> found = new ArrayList<>();
    reachedFromB.keySet().forEach(object -> {
      if (reachedFromA.containsKey(object)) {
        found.add(reachedFromA.get(object));
      }
    });
    return found;
  }

  private static void walk(String path, Object object, Map<Object, String> reached, int depth) {
    if (object == null || isImmutable(object) || reached.containsKey(object) || depth > 40) {
      return;
    }
    reached.put(object, path.isEmpty() ? "(root)" : path);
    if (object instanceof Object[] array) {
      for (int i = 0; i < array.length; i++) {
        walk(path + "[" + i + "]", array[i], reached, depth + 1);
      }
    } else if (object instanceof Collection<?> collection) {
      int i = 0;
      for (Object element : collection) {
        walk(path + "[" + i++ + "]", element, reached, depth + 1);
      }
    } else if (object instanceof Map<?, ?> map) {
      map.forEach((key, value) -> {
        walk(path + ".key(" + key + ")", key, reached, depth + 1);
        walk(path + "{" + key + "}", value, reached, depth + 1);
      });
    } else if (object.getClass().getName().startsWith("gov.nist.")) {
      walkFields(path, object, reached, depth);
    }
  }

  private static void walkFields(String path, Object object, Map<Object, String> reached,
      int depth) {
    for (Class<?> type = object.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        field.setAccessible(true);
        try {
          walk(path + "." + field.getName(), field.get(object), reached, depth + 1);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static boolean isImmutable(Object object) {
    return object instanceof String || object instanceof Number || object instanceof Boolean
        || object instanceof Character || object instanceof Enum<?> || object instanceof Class<?>;
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + "(" + value + ")";
  }
}
