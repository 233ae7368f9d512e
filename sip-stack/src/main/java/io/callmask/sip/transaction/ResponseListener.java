package io.callmask.sip.transaction;

import javax.sip.message.Response;

/**
 * What a client transaction reports to the TU. Exactly one of: any number of {@link #onResponse}
 * provisionals followed by a final one (for INVITE, further 2xx from other forks or
 * retransmissions may follow, RFC 6026), {@link #onTimeout}, or {@link #onTransportError}. Called
 * on stack threads; must not block.
 */
public interface ResponseListener {

  void onResponse(Response response);

  /** Timer B or F fired: no final response in time. */
  void onTimeout();

  /** The request could not be sent (RFC 3261 §17.1.4). */
  void onTransportError(Throwable cause);
}
