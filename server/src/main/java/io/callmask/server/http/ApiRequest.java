package io.callmask.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One API request as the routes see it: decoded, authenticated, its path parameters bound.
 * Immutable.
 *
 * @param pathParams values of the route's {@code {name}} segments, URL-decoded
 * @param query query parameters, URL-decoded
 * @param body the request body, possibly empty
 */
public record ApiRequest(
    HttpMethod method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    byte[] body) {

  /** The path parameter {@code name}; routes only ask for the ones their pattern declares. */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("route has no path parameter '" + name + "'");
    }
    return value;
  }

  /** The first value of query parameter {@code name}, if given. */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
