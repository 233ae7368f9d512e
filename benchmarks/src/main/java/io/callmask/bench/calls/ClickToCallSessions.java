package io.callmask.bench.calls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Provisions a running callmask for the click-to-call benchmark over its HTTP API: two trunks for
 * each party, the customer's on the first party's gateway and the partner's on the second party's
 * (so each SIPp plays one role), proxy numbers with room for every session, and {@code SESSIONS}
 * sessions between distinct parties. Writes the session ids, one a line, for {@link
 * ClickToCallLoad}; a separate step so that a warm-up run and the measured run share them.
 *
 * <p>Usage: {@code ClickToCallSessions API_URL TOKEN SESSIONS FIRST_GATEWAY SECOND_GATEWAY
 * OUT_IDS}
 */
public final class ClickToCallSessions {

  private static final int THREADS = 8;

  private ClickToCallSessions() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: ClickToCallSessions API_URL TOKEN SESSIONS FIRST_GATEWAY"
          + " SECOND_GATEWAY OUT_IDS");
      System.exit(2);
    }
    // the client's own threads, apart from the ones blocked waiting for its answers
    ExecutorService client = Executors.newFixedThreadPool(2);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      ApiCalls api = new ApiCalls(args[0], args[1], client);
      int sessions = Integer.parseInt(args[2]);
      pool(api, args[3], args[4], sessions);
      List<String> ids = sessions(api, threads, sessions);
      Files.write(Path.of(args[5]), ids);
      System.err.printf("provisioned %d sessions in %s%n", ids.size(), args[5]);
    } finally {
      threads.shutdownNow();
      client.shutdownNow();
    }
  }

  private static void pool(ApiCalls api, String firstGateway, String secondGateway,
      int sessions) throws Exception {
    for (String[] trunk : new String[][] {{"first-a", firstGateway}, {"first-b", firstGateway},
        {"second-a", secondGateway}, {"second-b", secondGateway}}) {
      api.post("/v1/trunks", Map.of("name", trunk[0], "gateway", trunk[1],
          "allow", List.of("127.0.0.1/32")));
    }
    api.post("/v1/numbers", List.of(
        number("+918050000001", "first-a", "customer", sessions),
        number("+918050000002", "first-b", "customer", sessions),
        number("+918050000101", "second-a", "partner", sessions),
        number("+918050000102", "second-b", "partner", sessions)));
  }

  private static Map<String, Object> number(String e164, String trunk, String pool, int count) {
    return Map.of("number", e164, "trunk", trunk, "region", "C2C", "pool", pool,
        "capacity", count);
  }

  /** Creates the sessions on a few threads; returns their ids. */
  private static List<String> sessions(ApiCalls api, ExecutorService threads, int count)
      throws Exception {
    List<Future<String>> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String customer = String.format("+9196%08d", i);
      String partner = String.format("+9195%08d", i);
      created.add(threads.submit(() -> api.post("/v1/sessions",
          Map.of("customer", customer, "partner", partner, "region", "C2C"))
          .get("id").asText()));
    }
    List<String> ids = new ArrayList<>(count);
    for (Future<String> future : created) {
      ids.add(future.get());
    }
    return ids;
  }
}
