package io.callmask.server.http;

/** Handles the requests of one (method, path pattern). Runs on a worker thread; may block. */
@FunctionalInterface
public interface Route {

  ApiResponse handle(ApiRequest request);
}
