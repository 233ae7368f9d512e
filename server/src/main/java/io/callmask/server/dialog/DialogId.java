package io.callmask.server.dialog;

import io.callmask.sip.message.CoreHeaders;
import java.util.Objects;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A dialog's identity as seen from this node (RFC 3261 §12): Call-ID, local tag, remote tag. A
 * tag missing from a message (RFC 2543 peers) reads as the empty string. Immutable.
 */
public record DialogId(String callId, String localTag, String remoteTag) {

  public DialogId {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(localTag, "localTag");
    Objects.requireNonNull(remoteTag, "remoteTag");
  }

  /** The dialog a request received by this node belongs to: local tag in To, remote in From. */
  public static DialogId ofInbound(Request request) {
    return new DialogId(callId(request), toTag(request), fromTag(request));
  }

  /** The dialog a response to a request this node sent belongs to: local tag in From. */
  public static DialogId ofResponse(Response response) {
    return new DialogId(callId(response), fromTag(response), toTag(response));
  }

  /** The Call-ID of {@code message}. */
  public static String callId(Message message) {
    return CoreHeaders.callId(message).getCallId();
  }

  /** The From tag of {@code message}, empty when it has none. */
  public static String fromTag(Message message) {
    String tag = CoreHeaders.from(message).getTag();
    return tag == null ? "" : tag;
  }

  /** The To tag of {@code message}, empty when it has none. */
  public static String toTag(Message message) {
    String tag = CoreHeaders.to(message).getTag();
    return tag == null ? "" : tag;
  }
}
