package io.callmask.server.events;

/** The kinds of event CONTRACT §7 names, with the spelling sent as {@code type}. */
public enum EventType {
  SESSION_CREATED("session.created"),
  SESSION_CLOSED("session.closed"),
  SESSION_NUMBERS_CHANGED("session.numbers_changed"),
  SESSION_CLICK_TO_CALL_ENABLED("session.click_to_call_enabled"),
  CALL_COMPLETED("call.completed"),
  POOL_LOW("pool.low"),
  POOL_EXHAUSTED("pool.exhausted");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The {@code type} field's value, e.g. {@code session.created}. */
  public String wireName() {
    return wireName;
  }

  /** Reads {@link #wireName()}; throws IllegalArgumentException for anything else. */
  public static EventType fromWireName(String text) {
    for (EventType type : values()) {
      if (type.wireName.equals(text)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type '" + text + "'");
  }
}
