package io.callmask.server.demo;

import io.callmask.sip.message.SipResponses;
import java.text.ParseException;
import javax.sip.message.Request;

/** Requests of the simulated carriers, written as SIP text and parsed by the stack's factory. */
final class DemoMessages {

  private DemoMessages() {}

  static Request request(String text) {
    try {
      return SipResponses.messageFactory().createRequest(text);
    } catch (ParseException e) {
      throw new IllegalStateException("a demo request template must parse", e);
    }
  }
}
