package io.callmask.server.http;

import io.callmask.server.masking.CloseOutcome;
import io.callmask.server.masking.CreateOutcome;
import io.callmask.server.masking.CreateRequest;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.MaskingSession;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.PoolExhausted;
import io.callmask.server.masking.ProxyNumber;
import io.callmask.server.view.SessionView;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code /v1/sessions}: create, read, list and close masking sessions (CONTRACT §5). */
public final class SessionRoutes {

  private static final int MAX_LIST = 1_000;
  private static final Set<String> CREATE_FIELDS = Set.of("customer", "partner", "region", "ref");

  private final MaskingService masking;
  private final NumberStore numbers;
  private final String defaultCountry;

  public SessionRoutes(MaskingService masking, NumberStore numbers, String defaultCountry) {
    this.masking = masking;
    this.numbers = numbers;
    this.defaultCountry = defaultCountry;
  }

  public void register(Router router) {
    router.add(HttpMethod.POST, "/v1/sessions", this::create);
    router.add(HttpMethod.GET, "/v1/sessions", this::find);
    router.add(HttpMethod.GET, "/v1/sessions/{id}", this::show);
    router.add(HttpMethod.DELETE, "/v1/sessions/{id}", this::close);
  }

  private ApiResponse create(ApiRequest request) {
    RequestBody body = RequestBody.of(Json.readTree(request.body()), CREATE_FIELDS, "");
    PhoneNumber customer = number(body, "customer");
    PhoneNumber partner = number(body, "partner");
    String region = body.text("region");
    CreateRequest create;
    try {
      ProxyNumber.requireRegion(region);
      create = new CreateRequest(customer, partner, region, body.optionalText("ref"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_field", e.getMessage()));
    }
    CreateOutcome outcome = masking.create(create);
    if (outcome instanceof CreateOutcome.Created created) {
      return ApiResponse.json(HttpResponseStatus.CREATED, SessionView.of(created.session()));
    }
    if (outcome instanceof CreateOutcome.Existing existing) {
      return ApiResponse.ok(SessionView.of(existing.session()));
    }
    if (outcome instanceof CreateOutcome.RefConflict conflict) {
      return ApiResponse.error(ApiError.conflict("ref_conflict", "ref '" + conflict.ref()
          + "' belongs to session " + conflict.existingSessionId() + " with other parties"));
    }
    return exhausted((PoolExhausted) outcome);
  }

  /** An exhausted pool, unless the region has no numbers at all: then the region is unknown. */
  private ApiResponse exhausted(PoolExhausted exhausted) {
    if (!numbers.hasRegion(exhausted.region())) {
      return ApiResponse.error(ApiError.badRequest("unknown_region",
          "no proxy numbers are registered in region '" + exhausted.region() + "'"));
    }
    return ApiResponse.error(ApiError.conflict("pool_exhausted", exhausted.describe()));
  }

  private ApiResponse find(ApiRequest request) {
    Optional<String> ref = request.queryParam("ref");
    if (ref.isPresent()) {
      return masking.sessionByRef(ref.get())
          .map(session -> ApiResponse.ok(SessionView.of(session)))
          .orElseGet(() -> ApiResponse.error(ApiError.notFound("no session with that ref")));
    }
    Optional<MaskingSession.Status> status;
    try {
      status = request.queryParam("status").map(MaskingSession.Status::fromConfigName);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_query", "status: " + e.getMessage()));
    }
    List<SessionView> sessions = masking.sessions(status, MAX_LIST).stream()
        .map(SessionView::of)
        .toList();
    return ApiResponse.ok(sessions);
  }

  private ApiResponse show(ApiRequest request) {
    String id = request.pathParam("id");
    return masking.session(id)
        .map(session -> ApiResponse.ok(SessionView.of(session)))
        .orElseGet(() -> ApiResponse.error(ApiError.notFound("no session " + id)));
  }

  private ApiResponse close(ApiRequest request) {
    CloseOutcome outcome = masking.close(request.pathParam("id"));
    if (outcome instanceof CloseOutcome.Closed closed) {
      return ApiResponse.ok(SessionView.of(closed.session()));
    }
    if (outcome instanceof CloseOutcome.AlreadyClosed already) {
      return ApiResponse.ok(SessionView.of(already.session()));
    }
    return ApiResponse.error(
        ApiError.notFound("no session " + ((CloseOutcome.NoSuchSession) outcome).id()));
  }

  private PhoneNumber number(RequestBody body, String field) {
    String text = body.text(field);
    try {
      return PhoneNumber.parse(text, defaultCountry);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_number",
          "'" + field + "' is not a valid phone number (E.164 such as +919812345678)"));
    }
  }
}
