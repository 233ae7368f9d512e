package io.callmask.server.demo;

import java.util.Optional;

/**
 * An INVITE as a simulated carrier received it: the number it was for, the caller ID it showed
 * (From user) and the asserted identity (P-Asserted-Identity user), and the status it was given.
 */
public record ReceivedCall(String dialed, String callerId, Optional<String> assertedId, int answeredWith) {}
