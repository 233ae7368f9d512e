package io.callmask.sip.transaction;

import io.callmask.sip.message.Peer;
import javax.sip.message.Request;

/** A client transaction as the TU sees it. Thread-safe. */
public interface ClientTransaction {

  /** The request as sent, with the top Via this stack added. */
  Request request();

  Peer destination();

  /** True once a final response, a timeout or a transport error ended it for the TU. */
  boolean isCompleted();
}
