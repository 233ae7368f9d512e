package io.callmask.sip.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares two JAIN SIP object graphs field by field (every instance field of every {@code
 * gov.nist} class, collections and maps in iteration order), to show that two parsers built
 * indistinguishable objects.
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
    if (a instanceof Collection<?> left) {
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
    } else if (a.getClass().getName().startsWith("gov.nist.")) {
      compareFields(path, a, b, found, depth);
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

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + "(" + value + ")";
  }
}
