package io.callmask.server.masking;

import java.util.Objects;

/** What {@link MaskingService#close} did. */
public sealed interface CloseOutcome
    permits CloseOutcome.Closed, CloseOutcome.AlreadyClosed, CloseOutcome.NoSuchSession {

  /** Closed now; its pairs are in quarantine until {@code session.quarantineUntil()}. */
  record Closed(MaskingSession session) implements CloseOutcome {
    public Closed {
      Objects.requireNonNull(session, "session");
    }
  }

  /** It had been closed before; nothing changed. */
  record AlreadyClosed(MaskingSession session) implements CloseOutcome {
    public AlreadyClosed {
      Objects.requireNonNull(session, "session");
    }
  }

  /** No session has that id. */
  record NoSuchSession(String id) implements CloseOutcome {
    public NoSuchSession {
      Objects.requireNonNull(id, "id");
    }
  }
}
