package io.callmask.server.http;

import io.callmask.server.calls.CallRecord;
import io.callmask.server.calls.CallRecordStore;
import io.callmask.server.view.CallView;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/calls}: call records (CONTRACT §5), one by id, a session's, or the newest of all,
 * newest first. A session that has no calls, or does not exist, lists none, as {@code
 * /v1/events?session=} does: a filter, not a lookup. Thread-safe.
 */
public final class CallRoutes {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1_000;

  private final CallRecordStore calls;

  public CallRoutes(CallRecordStore calls) {
    this.calls = calls;
  }

  public void register(Router router) {
    router.add(HttpMethod.GET, "/v1/calls", this::list);
    router.add(HttpMethod.GET, "/v1/calls/{id}", this::show);
  }

  private ApiResponse list(ApiRequest request) {
    int limit = limit(request);
    Optional<String> session = request.queryParam("session");
    if (session.isPresent() && session.get().isBlank()) {
      throw new ApiException(ApiError.badRequest("invalid_query",
          "session: expected a session id"));
    }
    List<CallRecord> records = session.isPresent()
        ? calls.bySession(session.get(), limit)
        : calls.recent(limit);
    return ApiResponse.ok(records.stream().map(CallView::of).toList());
  }

  private ApiResponse show(ApiRequest request) {
    String id = request.pathParam("id");
    return calls.find(id)
        .map(call -> ApiResponse.ok(CallView.of(call)))
        .orElseGet(() -> ApiResponse.error(ApiError.notFound("no call " + id)));
  }

  private static int limit(ApiRequest request) {
    Optional<String> text = request.queryParam("limit");
    if (text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.get().trim());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, like a number out of range
    }
    throw new ApiException(ApiError.badRequest("invalid_query",
        "limit: expected a whole number from 1 to " + MAX_LIMIT));
  }
}
