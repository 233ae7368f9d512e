package io.callmask.server.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.server.masking.PhoneNumber;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PrivacyGuardTest {

  private static final PhoneNumber CALLER = PhoneNumber.of("+919845011111");
  private static final String OTHER_CALL_ID = "a84b4c76e66710@carrier.example";
  private static final String OTHER_TAG = "1928301774";

  private final PrivacyGuard guard = new PrivacyGuard(CALLER, List.of(OTHER_CALL_ID, OTHER_TAG));

  /** A B-leg INVITE as a correct rewrite produces it: only proxy numbers, fresh identifiers. */
  private static final String CLEAN = String.join("\r\n",
      "INVITE sip:+919887654321@203.0.113.10:5060 SIP/2.0",
      "Via: SIP/2.0/UDP 198.51.100.5:5060;branch=z9hG4bK776asdhds;rport",
      "Max-Forwards: 69",
      "From: <sip:+918040000003@198.51.100.5>;tag=f00dcafe",
      "To: <sip:+919887654321@203.0.113.10>",
      "Call-ID: 3848276298220188511@198.51.100.5",
      "CSeq: 1 INVITE",
      "P-Asserted-Identity: <sip:+918040000003@198.51.100.5>",
      "Contact: <sip:b2bua@198.51.100.5:5060>",
      "Content-Type: application/sdp",
      "Content-Length: 129",
      "",
      "v=0",
      "o=callmask 2890844526 2890844526 IN IP4 198.51.100.5",
      "s=-",
      "c=IN IP4 198.51.100.5",
      "t=0 0",
      "m=audio 49170 RTP/AVP 0 8",
      "");

  @Test
  void passesACorrectlyRewrittenMessage() {
    assertThat(guard.check(CLEAN)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "From: <sip:+919845011111@carrier.example>;tag=x",
      "From: \"+91 98450 11111\" <sip:+918040000003@198.51.100.5>;tag=x",
      "Remote-Party-ID: <sip:919845011111@carrier.example>",
      "Diversion: <tel:09845011111>",
      "P-Asserted-Identity: <sip:9845011111@carrier.example>",
      "History-Info: <sip:%2B919845011111@carrier.example>;index=1",
      "X-Caller: (98450) 11-111",
  })
  void refusesTheCounterpartsNumberInAnyUsualForm(String leakyHeader) {
    String broken = CLEAN.replace("Max-Forwards: 69", "Max-Forwards: 69\r\n" + leakyHeader);

    assertThat(guard.check(broken)).hasValueSatisfying(leak -> {
      assertThat(leak.what()).isEqualTo("the counterpart's number");
      assertThat(leak.where()).isEqualTo(leakyHeader.substring(0, leakyHeader.indexOf(':')));
    });
  }

  @Test
  void refusesTheNumberInTheBody() {
    String broken = CLEAN.replace("o=callmask", "o=919845011111");

    assertThat(guard.check(broken)).hasValueSatisfying(leak ->
        assertThat(leak.where()).isEqualTo("body"));
  }

  @Test
  void refusesTheNumberInTheRequestUri() {
    String broken = CLEAN.replace("INVITE sip:+919887654321@", "INVITE sip:+919845011111@");

    assertThat(guard.check(broken)).hasValueSatisfying(leak ->
        assertThat(leak.where()).isEqualTo("start line"));
  }

  @Test
  void refusesTheOtherLegsCallIdAndTags() {
    assertThat(guard.check(CLEAN.replace("3848276298220188511@198.51.100.5", OTHER_CALL_ID)))
        .hasValueSatisfying(leak -> {
          assertThat(leak.what()).isEqualTo("an identifier of the other leg");
          assertThat(leak.where()).isEqualTo("Call-ID");
        });
    assertThat(guard.check(CLEAN.replace("tag=f00dcafe", "tag=" + OTHER_TAG))).isPresent();
  }

  @Test
  void anIdentifierInsideALongerTokenIsNotALeakButOneCopiedWholeIs() {
    PrivacyGuard counterTags = new PrivacyGuard(CALLER, List.of("6812SIPpTag2"));

    assertThat(counterTags.check(CLEAN.replace("tag=f00dcafe", "tag=6812SIPpTag23"))).isEmpty();
    assertThat(counterTags.check(CLEAN.replace("tag=f00dcafe", "tag=6812SIPpTag2")))
        .hasValueSatisfying(leak -> assertThat(leak.where()).isEqualTo("From"));
    assertThat(counterTags.check(CLEAN.replace("Max-Forwards: 69",
        "Max-Forwards: 69\r\nX-Copied: <sip:6812SIPpTag2@x>"))).isPresent();
  }

  @Test
  void doesNotMistakeALongerNumberContainingTheDigitsForALeak() {
    String unrelated = CLEAN.replace("Max-Forwards: 69",
        "Max-Forwards: 69\r\nX-Account: 7919845011111999");

    assertThat(guard.check(unrelated)).isEmpty();
  }

  @Test
  void findsTheNumberExactlyWhereAPlainReadingOfTheRuleDoes() {
    PrivacyGuard numberOnly = new PrivacyGuard(CALLER, List.of());
    Random random = new Random(20261123);
    for (int round = 0; round < 3_000; round++) {
      String message = CLEAN.replace("Max-Forwards: 69",
          "Max-Forwards: 69\r\nX-Test: " + randomDigitsAndText(random));

      assertThat(numberOnly.check(message).isPresent()).as(message)
          .isEqualTo(leaksByTheRule(message));
    }
  }

  /**
   * Text that often holds one of the caller's forms (whole, split by separators, with a digit
   * changed, inside a longer number) among other digits, separators and letters.
   */
  private static String randomDigitsAndText(Random random) {
    String[] forms = {"919845011111", "9845011111", "09845011111"};
    String separators = " -.()";
    StringBuilder text = new StringBuilder();
    for (int part = 0; part < 1 + random.nextInt(5); part++) {
      switch (random.nextInt(5)) {
        case 0, 1 -> {
          String form = forms[random.nextInt(forms.length)];
          for (int i = 0; i < form.length(); i++) {
            char digit = form.charAt(i);
            if (random.nextInt(15) == 0) {
              digit = (char) ('0' + random.nextInt(10));
            }
            text.append(digit);
            if (random.nextInt(6) == 0) {
              text.append(separators.charAt(random.nextInt(separators.length())));
            }
          }
        }
        case 2 -> text.append(random.nextInt(1_000_000));
        case 3 -> text.append(separators.charAt(random.nextInt(separators.length())));
        default -> text.append("ab;=:@<>".charAt(random.nextInt(8)));
      }
    }
    return text.toString();
  }

  /**
   * The rule as the guard's documentation states it: each run of digits (with separators between
   * them) leaks if one of its pieces between separators, or all its digits joined, is a form.
   */
  private static boolean leaksByTheRule(String message) {
    Set<String> forms = Set.of("919845011111", "9845011111", "09845011111");
    Matcher run = Pattern.compile("[0-9](?:[ .()-]*[0-9])*").matcher(message);
    while (run.find()) {
      for (String piece : run.group().split("[ .()-]+")) {
        if (forms.contains(piece)) {
          return true;
        }
      }
      if (forms.contains(run.group().replaceAll("[ .()-]", ""))) {
        return true;
      }
    }
    return false;
  }
}
