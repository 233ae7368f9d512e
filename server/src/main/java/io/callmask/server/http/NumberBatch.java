package io.callmask.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.callmask.server.masking.Health;
import io.callmask.server.masking.PhoneNumber;
import io.callmask.server.masking.Pool;
import io.callmask.server.masking.ProxyNumber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a {@code POST /v1/numbers} body — one object or an array of them — entirely before
 * anything is written, so that an import is all or nothing and every bad row is reported at once
 * with its index (which the CLI turns into a line of the CSV).
 */
final class NumberBatch {

  private static final Set<String> FIELDS = Set.of("number", "trunk", "region", "pool", "capacity");
  private static final int MAX_REPORTED = 100;

  /** The numbers to add, or the problems found (then nothing may be added). */
  record Checked(List<ProxyNumber> numbers, List<Problem> problems, int rows) {

    /** The 400 body: the contract's error and message, plus the rows at fault. */
    Map<String, Object> problemsBody() {
      return Map.of(
          "error", "invalid_numbers",
          "message", problems.size() + " of " + rows + " rows are invalid; nothing was added",
          "rows", problems.subList(0, Math.min(problems.size(), MAX_REPORTED)));
    }
  }

  /** One bad row: its index in the request, a code and a message. */
  record Problem(int index, String error, String message) {}

  private final String defaultCountry;
  private final Optional<String> defaultPool;

  NumberBatch(String defaultCountry, Optional<String> defaultPool) {
    this.defaultCountry = defaultCountry;
    this.defaultPool = defaultPool;
  }

  Checked check(JsonNode json, Set<String> knownTrunks) {
    List<JsonNode> rows = new ArrayList<>();
    if (json.isArray()) {
      json.forEach(rows::add);
      if (rows.isEmpty()) {
        throw new ApiException(ApiError.badRequest("invalid_field", "the array is empty"));
      }
    } else {
      rows.add(json);
    }
    List<ProxyNumber> numbers = new ArrayList<>(rows.size());
    List<Problem> problems = new ArrayList<>();
    Set<PhoneNumber> seen = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      try {
        ProxyNumber number = row(rows.get(i), knownTrunks);
        if (!seen.add(number.number())) {
          problems.add(new Problem(i, "duplicate", number.number().e164() + " appears twice"));
        }
        numbers.add(number);
      } catch (ApiException e) {
        problems.add(new Problem(i, e.error().code(), e.error().message()));
      }
    }
    if (!json.isArray() && !problems.isEmpty()) {
      Problem only = problems.get(0);
      throw new ApiException(ApiError.badRequest(only.error(), only.message()));
    }
    return new Checked(numbers, problems, rows.size());
  }

  /** One row; its problems carry no row prefix, since {@link Problem} has the index. */
  private ProxyNumber row(JsonNode node, Set<String> knownTrunks) {
    RequestBody body = RequestBody.of(node, FIELDS, "");
    PhoneNumber number;
    try {
      number = PhoneNumber.parse(body.text("number"), defaultCountry);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ApiError.badRequest("invalid_number", "'number' is not a valid phone number"));
    }
    String trunk = body.text("trunk");
    if (!knownTrunks.contains(trunk)) {
      throw new ApiException(ApiError.badRequest("unknown_trunk", "no trunk '" + trunk + "'"));
    }
    String poolName = body.optionalText("pool").or(() -> defaultPool).orElseThrow(() ->
        body.invalidField("pool", "required under allocation.strategy=two-pool: customer or partner"));
    Pool pool;
    try {
      pool = Pool.fromConfigName(poolName);
    } catch (IllegalArgumentException e) {
      throw body.invalidField("pool", e.getMessage());
    }
    int capacity = body.optionalInt("capacity").orElse(ProxyNumber.DEFAULT_CAPACITY);
    try {
      return new ProxyNumber(number, trunk, body.text("region"), pool, capacity, Health.HEALTHY);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.badRequest("invalid_field", e.getMessage()));
    }
  }
}
