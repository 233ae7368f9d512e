package io.callmask.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps (method, path) to a {@link Route}. Patterns are literal segments and {@code {name}}
 * placeholders, e.g. {@code /v1/sessions/{id}}. A path that some pattern matches under another
 * method is told apart from an unknown path (405 versus 404). Built once, then read-only and
 * thread-safe.
 */
public final class Router {

  /** What a lookup found. */
  sealed interface Lookup permits Match, WrongMethod, NoRoute {}

  /** A route for the request, with its path parameters bound (still percent-encoded). */
  record Match(Route route, Map<String, String> pathParams, boolean needsToken) implements Lookup {}

  /** The path exists, under other methods. */
  record WrongMethod() implements Lookup {}

  /** No pattern matches the path. */
  record NoRoute() implements Lookup {}

  private record Entry(HttpMethod method, String[] segments, Route route, boolean needsToken) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Adds an authenticated route. */
  public Router add(HttpMethod method, String pattern, Route route) {
    entries.add(new Entry(method, split(pattern), route, true));
    return this;
  }

  /** Adds a route anyone may call (health and metrics). */
  public Router addPublic(HttpMethod method, String pattern, Route route) {
    entries.add(new Entry(method, split(pattern), route, false));
    return this;
  }

  /** Every route as {@code METHOD /pattern}, for checking the published API description. */
  public List<String> describe() {
    return entries.stream()
        .map(entry -> entry.method() + " /" + String.join("/", entry.segments()))
        .toList();
  }

  /** The route for {@code method} and the raw (undecoded) {@code path}. */
  Lookup find(HttpMethod method, String path) {
    String[] segments = split(path);
    boolean pathKnown = false;
    for (Entry entry : entries) {
      Map<String, String> params = bind(entry.segments(), segments);
      if (params == null) {
        continue;
      }
      if (entry.method().equals(method)) {
        return new Match(entry.route(), params, entry.needsToken());
      }
      pathKnown = true;
    }
    return pathKnown ? new WrongMethod() : new NoRoute();
  }

  private static Map<String, String> bind(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String want = pattern[i];
      if (want.startsWith("{") && want.endsWith("}")) {
        if (path[i].isEmpty()) {
          return null;
        }
        params.put(want.substring(1, want.length() - 1), path[i]);
      } else if (!want.equals(path[i])) {
        return null;
      }
    }
    return params;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
