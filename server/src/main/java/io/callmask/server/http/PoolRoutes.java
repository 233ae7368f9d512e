package io.callmask.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.call.TrunkMonitor;
import io.callmask.server.masking.AllocationStrategy;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.HealthOutcome;
import io.callmask.server.masking.MaskingService;
import io.callmask.server.masking.NumberChange;
import io.callmask.server.masking.NumberStore;
import io.callmask.server.masking.NumberStore.NumberFilter;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.PoolChange;
import io.callmask.server.masking.Trunk;
import io.callmask.sip.message.HostPort;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /v1/trunks} and {@code /v1/numbers}: the carrier trunks (with the state their OPTIONS
 * probes found) and the proxy-number pool.
 */
public final class PoolRoutes {

  private static final Set<String> TRUNK_FIELDS = Set.of("name", "gateway", "transport", "allow");
  private static final Set<String> HEALTH_FIELDS = Set.of("status", "reason");

  private final NumberStore numbers;
  private final MaskingService masking;
  private final NumberBatch batch;
  private final TrunkMonitor trunkMonitor;
  private final Runnable trunksChanged;

  /**
   * {@code trunksChanged} runs (on the API worker, before the answer) after a trunk was added, so
   * that call control accepts its traffic as soon as the API has said 201.
   */
  public PoolRoutes(NumberStore numbers, MaskingService masking, String defaultCountry,
      TrunkMonitor trunkMonitor, Runnable trunksChanged) {
    this.numbers = numbers;
    this.masking = masking;
    this.trunkMonitor = trunkMonitor;
    this.batch = new NumberBatch(defaultCountry, defaultPool(masking.strategy()));
    this.trunksChanged = trunksChanged;
  }

  public void register(Router router) {
    router.add(HttpMethod.POST, "/v1/trunks", this::addTrunk);
    router.add(HttpMethod.GET, "/v1/trunks", request ->
        ApiResponse.ok(numbers.trunks().stream().map(this::trunkView).toList()));
    router.add(HttpMethod.POST, "/v1/numbers", this::addNumbers);
    router.add(HttpMethod.GET, "/v1/numbers", this::listNumbers);
    router.add(HttpMethod.POST, "/v1/numbers/{e164}/health", this::reportHealth);
  }

  private ApiResponse addTrunk(ApiRequest request) {
    RequestBody body = RequestBody.of(Json.readTree(request.body()), TRUNK_FIELDS, "");
    HostPort gateway;
    try {
      gateway = HostPort.parse(body.text("gateway"));
    } catch (IllegalArgumentException e) {
      throw body.invalidField("gateway", e.getMessage());
    }
    List<String> allow = body.optionalTextList("allow").orElseGet(() -> gatewayAddresses(gateway));
    for (String cidr : allow) {
      if (!Cidr.isValid(cidr)) {
        throw body.invalidField("allow", "'" + cidr + "' is not an address or CIDR block");
      }
    }
    Trunk trunk;
    try {
      trunk = new Trunk(body.text("name"), gateway.host(), gateway.port(),
          body.optionalText("transport").orElse("udp"), allow);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_field", e.getMessage()));
    }
    PoolChange change = numbers.addTrunk(trunk);
    if (change instanceof PoolChange.Duplicate) {
      return ApiResponse.error(
          ApiError.conflict("duplicate", "trunk '" + trunk.name() + "' already exists"));
    }
    trunksChanged.run();
    return ApiResponse.json(HttpResponseStatus.CREATED, trunkView(trunk));
  }

  private Views.TrunkView trunkView(Trunk trunk) {
    return Views.TrunkView.of(trunk, trunkMonitor.state(trunk.name()));
  }

  private ApiResponse addNumbers(ApiRequest request) {
    JsonNode json = Json.readTree(request.body());
    Set<String> trunks = Set.copyOf(numbers.trunks().stream().map(Trunk::name).toList());
    NumberBatch.Checked checked = batch.check(json, trunks);
    if (!checked.problems().isEmpty()) {
      return ApiResponse.json(HttpResponseStatus.BAD_REQUEST, checked.problemsBody());
    }
    PoolChange change = numbers.addNumbers(checked.numbers());
    if (change instanceof PoolChange.Duplicate duplicate) {
      return ApiResponse.error(ApiError.conflict("duplicate",
          duplicate.what() + " is already registered; nothing was added"));
    }
    if (change instanceof PoolChange.UnknownTrunk unknown) {
      return ApiResponse.error(ApiError.badRequest("unknown_trunk",
          "no trunk '" + unknown.trunk() + "'; nothing was added"));
    }
    if (json.isArray()) {
      return ApiResponse.json(HttpResponseStatus.CREATED, Map.of("added", checked.numbers().size()));
    }
    return ApiResponse.json(HttpResponseStatus.CREATED, Views.NumberView.of(checked.numbers().get(0), 0));
  }

  private ApiResponse listNumbers(ApiRequest request) {
    Optional<Health> health;
    try {
      health = request.queryParam("health").map(Health::fromConfigName);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_query", "health: " + e.getMessage()));
    }
    NumberFilter filter =
        new NumberFilter(request.queryParam("region"), request.queryParam("trunk"), health);
    return ApiResponse.ok(numbers.numbers(filter).stream().map(Views.NumberView::of).toList());
  }

  private ApiResponse reportHealth(ApiRequest request) {
    PhoneNumber number;
    try {
      number = PhoneNumber.of(request.pathParam("e164"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_number",
          "the path must name a proxy number in E.164, e.g. /v1/numbers/+918040000001/health"));
    }
    RequestBody body = RequestBody.of(Json.readTree(request.body()), HEALTH_FIELDS, "");
    Health health;
    try {
      health = Health.fromConfigName(body.text("status"));
    } catch (IllegalArgumentException e) {
      throw body.invalidField("status", e.getMessage());
    }
    HealthOutcome outcome = masking.reportHealth(number, health);
    if (outcome instanceof HealthOutcome.UnknownNumber) {
      return ApiResponse.error(ApiError.notFound("no proxy number " + number.e164()));
    }
    HealthOutcome.Recorded recorded = (HealthOutcome.Recorded) outcome;
    return ApiResponse.ok(new HealthView(recorded.number().number().e164(),
        recorded.number().health().configName(), body.optionalText("reason").orElse(null),
        (int) recorded.changes().stream().map(NumberChange::sessionId).distinct().count(),
        recorded.unreplaced().size()));
  }

  /** What a health report did. */
  record HealthView(String number, String health, String reason, int replacedSessions,
      int unreplacedSessions) {}

  /** The default allow-list: the gateway's own addresses, resolved once now (on a worker). */
  private static List<String> gatewayAddresses(HostPort gateway) {
    if (Cidr.isValid(gateway.host())) {
      return List.of(gateway.host());
    }
    try {
      return Arrays.stream(InetAddress.getAllByName(gateway.host()))
          .map(InetAddress::getHostAddress)
          .toList();
    } catch (UnknownHostException e) {
      throw new ApiException(ApiError.badRequest("invalid_field", "'gateway': host '"
          + gateway.host() + "' does not resolve; give its addresses in 'allow'"));
    }
  }

  private static Optional<String> defaultPool(AllocationStrategy strategy) {
    return strategy == AllocationStrategy.TWO_POOL ? Optional.empty() : Optional.of("shared");
  }
}
