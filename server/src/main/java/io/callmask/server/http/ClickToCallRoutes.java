package io.callmask.server.http;

import io.callmask.server.call.ClickToCallOutcome;
import io.callmask.server.call.ClickToCalls;
import io.callmask.server.masking.Side;
import io.callmask.server.view.CallView;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Set;

/**
 * {@code POST /v1/sessions/{id}/calls} {@code {"from": "customer"|"partner"}}: starts a
 * click-to-call (CONTRACT §5, §6) and answers 202 with the call record, status {@code ringing},
 * while callmask calls the {@code from} party; the record's later states are under {@code
 * /v1/calls/{id}}. 404 for an unknown session, 409 {@code session_closed} for a closed one, 409
 * {@code no_usable_number} when a side has no number left to present, 503 while shutting down
 * ({@code unavailable}) or behind on SIP traffic ({@code overloaded}).
 * Thread-safe.
 */
public final class ClickToCallRoutes {

  private static final Set<String> FIELDS = Set.of("from");

  private final ClickToCalls clickToCalls;

  public ClickToCallRoutes(ClickToCalls clickToCalls) {
    this.clickToCalls = clickToCalls;
  }

  public void register(Router router) {
    router.add(HttpMethod.POST, "/v1/sessions/{id}/calls", this::start);
  }

  private ApiResponse start(ApiRequest request) {
    RequestBody body = RequestBody.of(Json.readTree(request.body()), FIELDS, "");
    String fromText = body.text("from");
    Side from;
    try {
      from = Side.fromConfigName(fromText);
    } catch (IllegalArgumentException e) {
      throw body.invalidField("from", e.getMessage());
    }
    String id = request.pathParam("id");
    ClickToCallOutcome outcome = clickToCalls.start(id, from);
    if (outcome instanceof ClickToCallOutcome.Started started) {
      return ApiResponse.json(HttpResponseStatus.ACCEPTED, CallView.of(started.call()));
    }
    if (outcome instanceof ClickToCallOutcome.NoSession) {
      return ApiResponse.error(ApiError.notFound("no session " + id));
    }
    if (outcome instanceof ClickToCallOutcome.SessionClosed) {
      return ApiResponse.error(ApiError.conflict("session_closed",
          "session " + id + " is closed; its parties are no longer put through"));
    }
    if (outcome instanceof ClickToCallOutcome.NoUsableNumber none) {
      return ApiResponse.error(ApiError.conflict("no_usable_number", "no number of session "
          + id + " can be shown to the " + none.side() + " any more"));
    }
    if (outcome instanceof ClickToCallOutcome.Overloaded overloaded) {
      return ApiResponse.error(ApiError.overloaded(overloaded.retryAfterSeconds()));
    }
    return ApiResponse.error(ApiError.unavailable());
  }
}
