package io.callmask.server.masking;

import java.util.Objects;

/** What {@link MaskingService#create} did: every expected outcome is a value. */
public sealed interface CreateOutcome
    permits CreateOutcome.Created, CreateOutcome.Existing, CreateOutcome.RefConflict,
        PoolExhausted {

  /** A new session (HTTP 201). */
  record Created(MaskingSession session) implements CreateOutcome {
    public Created {
      Objects.requireNonNull(session, "session");
    }
  }

  /** The ref existed with the same parties: that session (HTTP 200). */
  record Existing(MaskingSession session) implements CreateOutcome {
    public Existing {
      Objects.requireNonNull(session, "session");
    }
  }

  /** The ref existed with other parties (HTTP 409 {@code ref_conflict}). */
  record RefConflict(String ref, String existingSessionId) implements CreateOutcome {
    public RefConflict {
      Objects.requireNonNull(ref, "ref");
      Objects.requireNonNull(existingSessionId, "existingSessionId");
    }
  }
}
