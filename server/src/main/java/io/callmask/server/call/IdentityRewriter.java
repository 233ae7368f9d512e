package io.callmask.server.call;

import io.callmask.sip.codec.SipHeaders;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sip.SipException;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RequireHeader;
import javax.sip.header.SupportedHeader;
import javax.sip.message.Message;

/**
 * Decides what of a message crosses from one leg to the other (CONTRACT §6): a short list of
 * headers that carry no identity, the option tags callmask can relay, and bodies of known safe
 * types, SDP neutralised. Everything else (Remote-Party-ID, Diversion, History-Info,
 * P-Preferred-Identity, Privacy, User-Agent, ISUP bodies...) stays behind: the messages of each
 * leg are built fresh and only this step copies anything into them.
 *
 * <p>Tests build deliberately broken rewriters (copying a leaking header, skipping the SDP step)
 * to prove that the {@link PrivacyGuard} stops what a rewrite forgot. Immutable and thread-safe.
 */
public final class IdentityRewriter {

  /** Headers relayed as they are: none of them names a party or a dialog of the other leg. */
  static final List<String> SAFE_HEADERS =
      List.of("Content-Disposition", "RSeq", "Reason", "Info-Package", "Recv-Info");
  /** Option tags relayed in Supported and Require: reliable provisionals (RFC 3262) only. */
  static final Set<String> RELAYED_OPTIONS = Set.of("100rel");

  /** The rewriter in service: safe headers, option tags, SDP with its origin username removed. */
  public static final IdentityRewriter STANDARD =
      new IdentityRewriter(SAFE_HEADERS, SdpNeutraliser::neutralise);

  private static final String SDP = "application/sdp";
  private static final Set<String> OPAQUE_SAFE_BODIES =
      Set.of("application/dtmf-relay", "application/dtmf");

  private final List<String> relayedHeaders;
  private final UnaryOperator<byte[]> sdpFilter;

  /**
   * @param relayedHeaders header names copied unchanged
   * @param sdpFilter what SDP bodies go through on their way across
   */
  IdentityRewriter(List<String> relayedHeaders, UnaryOperator<byte[]> sdpFilter) {
    this.relayedHeaders = List.copyOf(relayedHeaders);
    this.sdpFilter = sdpFilter;
  }

  /** Copies what may cross from {@code source} into {@code target}: headers, options, body. */
  void carryOver(Message source, Message target) {
    for (String name : relayedHeaders) {
      // getHeaders builds a list and an iterator even for a header the message lacks, as most
      // lack most of the relayed ones; getHeader only looks it up.
      if (source.getHeader(name) == null) {
        continue;
      }
      ListIterator<?> headers = source.getHeaders(name);
      while (headers.hasNext()) {
        try {
          target.addLast(SipHeaders.listed((Header) ((Header) headers.next()).clone()));
        } catch (SipException e) {
          throw new IllegalStateException("a relayed header is never mandatory", e);
        }
      }
    }
    carryOptions(source, target);
    carryBody(source, target);
  }

  /** Copies only the body (e.g. an ACK's late SDP answer). */
  void carryBody(Message source, Message target) {
    byte[] body = source.getRawContent();
    ContentTypeHeader type = (ContentTypeHeader) source.getHeader(ContentTypeHeader.NAME);
    if (body == null || body.length == 0 || type == null) {
      return;
    }
    String mediaType = (type.getContentType() + "/" + type.getContentSubType())
        .toLowerCase(Locale.ROOT);
    byte[] relayed;
    if (mediaType.equals(SDP)) {
      relayed = sdpFilter.apply(body);
    } else if (OPAQUE_SAFE_BODIES.contains(mediaType)) {
      relayed = body;
    } else {
      return;
    }
    try {
      target.setContent(relayed, (ContentTypeHeader) type.clone());
    } catch (ParseException e) {
      throw new IllegalStateException("a parsed content type is valid", e);
    }
  }

  private static void carryOptions(Message source, Message target) {
    HeaderFactory factory = SipHeaders.factory();
    try {
      for (String tag : relayedOptions(source, SupportedHeader.NAME)) {
        target.addHeader(SipHeaders.listed(factory.createSupportedHeader(tag)));
      }
      for (String tag : relayedOptions(source, RequireHeader.NAME)) {
        target.addHeader(SipHeaders.listed(factory.createRequireHeader(tag)));
      }
    } catch (ParseException e) {
      throw new IllegalStateException("relayed option tags are tokens", e);
    }
  }

  /** The option tags of {@code name} headers in {@code message} that callmask relays. */
  static List<String> relayedOptions(Message message, String name) {
    List<String> tags = new ArrayList<>(1);
    for (String tag : optionTags(message, name)) {
      if (RELAYED_OPTIONS.contains(tag) && !tags.contains(tag)) {
        tags.add(tag);
      }
    }
    return tags;
  }

  /** Every option tag in the {@code name} (Supported or Require) headers of {@code message}. */
  static List<String> optionTags(Message message, String name) {
    List<String> tags = new ArrayList<>(2);
    ListIterator<?> headers = message.getHeaders(name);
    while (headers.hasNext()) {
      Object header = headers.next();
      String tag = header instanceof SupportedHeader supported ? supported.getOptionTag()
          : ((RequireHeader) header).getOptionTag();
      if (tag != null) {
        tags.add(tag.trim().toLowerCase(Locale.ROOT));
      }
    }
    return tags;
  }
}
