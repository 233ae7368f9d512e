/**
 * What the server counts, for {@code GET /metrics} in the Prometheus text format. Metrics read the
 * counters the layers already keep (through callbacks at scrape time), so nothing here sits on a
 * hot path.
 */
package io.callmask.server.metrics;
