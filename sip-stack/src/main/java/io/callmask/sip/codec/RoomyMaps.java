package io.callmask.sip.codec;

import gov.nist.core.NameValue;
import gov.nist.core.NameValueList;
import gov.nist.javax.sip.message.SIPMessage;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives JAIN SIP's maps the room a parsed message needs before it is filled, where JAIN SIP makes
 * them at their smallest and lets them grow: a message's table of headers by name (16 buckets,
 * rehashed at the 13th name: a carrier INVITE has 16) and each parameter list (created with room
 * for none, so rehashed at the first, second and fourth parameter). The growth measured about 5%
 * of decoding and encoding a carrier INVITE. Only the capacity changes: the same kind of map, with
 * the same entries, in the same order.
 *
 * <p>JAIN SIP offers no setter for either map; it is on the class path, in the unnamed module
 * like callmask, so private lookups are allowed. Stateless, so thread-safe.
 */
final class RoomyMaps {

  /** Header names the table holds without rehashing: a carrier INVITE's and then some. */
  private static final int HEADER_NAMES = 24;

  /** Parameters a list holds without rehashing; more than most SIP URIs and headers carry. */
  private static final int PARAMETERS = 3;

  /** {@code SIPMessage.headerTable}, private: the headers by lower-case name. */
  private static final VarHandle HEADER_TABLE =
      field(SIPMessage.class, "headerTable", Map.class);

  /** {@code NameValueList.hmap}, private: made on first use, a concurrent map if {@code sync}. */
  private static final VarHandle PARAMETER_MAP = field(NameValueList.class, "hmap", Map.class);

  /** {@code NameValueList.sync}, private. */
  private static final VarHandle SYNCHRONISED = field(NameValueList.class, "sync", boolean.class);

  private RoomyMaps() {}

  /** Gives a new {@code message}'s header table room for a carrier INVITE's header names. */
  @SuppressWarnings("unchecked")
  static void makeRoomForHeaders(SIPMessage message) {
    Map<String, Object> table = (Map<String, Object>) HEADER_TABLE.get(message);
    // As JAIN SIP's constructor makes it (a concurrent map), holding what that already put in.
    Map<String, Object> roomy = new ConcurrentHashMap<>(HEADER_NAMES);
    roomy.putAll(table);
    HEADER_TABLE.set(message, roomy);
  }

  /**
   * Adds {@code parameter} to {@code list} as {@link NameValueList#set} does, minus its
   * default-locale lower-casing (measured at 8% of decoding a carrier INVITE): names here are
   * lower case already ({@link ValueCursor#PARAM_NAME}), which that leaves unchanged in every
   * locale. A list's first parameter makes its map, with room for a few.
   */
  static void putLowerCase(NameValueList list, NameValue parameter) {
    if (PARAMETER_MAP.get(list) == null && !(boolean) SYNCHRONISED.get(list)) {
      PARAMETER_MAP.set(list, new LinkedHashMap<String, NameValue>(PARAMETERS * 4 / 3 + 1));
    }
    list.put(parameter.getName(), parameter);
  }

  private static VarHandle field(Class<?> owner, String name, Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(owner, MethodHandles.lookup())
          .findVarHandle(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
