package io.callmask.bench.transaction;

import io.callmask.sip.message.Peer;
import io.callmask.sip.transaction.ServerTransaction;
import io.callmask.sip.transaction.TransactionUser;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A benchmark's TU that only answers requests: CANCELs and ACKs are let pass, and a stray
 * response, which no benchmark provokes, fails it.
 */
abstract class RequestsOnlyUser implements TransactionUser {

  @Override
  public void onCancel(ServerTransaction invite, Request cancel) { }

  @Override
  public void onAck(Request ack, Peer from) { }

  @Override
  public void onStrayResponse(Response response, Peer from) {
    throw new IllegalStateException("stray response in the benchmark");
  }
}
