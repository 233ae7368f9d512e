package io.callmask.sip.transaction;

import static io.callmask.sip.message.Transport.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.callmask.sip.message.BranchId;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class TransactionKeyTest {

  @Test
  void serverKeyIsBranchSentByAndMethodWithAckFoldedOntoInvite() {
    String branch = BranchId.next();
    Request invite = TestMessages.inbound(Request.INVITE, UDP, branch, "k1", "f1", 1, null);
    Request ack = TestMessages.inbound(Request.ACK, UDP, branch, "k1", "f1", 1, "t1");
    Request cancel = TestMessages.inbound(Request.CANCEL, UDP, branch, "k1", "f1", 1, null);

    TransactionKey key = TransactionKey.forServer(invite);

    assertThat(key).isEqualTo(new TransactionKey(branch, "192.0.2.20:5060", Request.INVITE));
    assertThat(TransactionKey.forServer(ack)).isEqualTo(key);
    assertThat(TransactionKey.forServer(cancel)).isNotEqualTo(key);
    assertThat(TransactionKey.forServer(cancel).withMethod(Request.INVITE)).isEqualTo(key);
  }

  @Test
  void serverKeyHoldsTheSharedMethodNameNotTheParsedOne() {
    Request bye = TestMessages.inbound(Request.BYE, UDP);

    // the parsed request line has a string of its own, which a lingering key need not keep
    assertThat(bye.getMethod()).isNotSameAs(Request.BYE);
    assertThat(TransactionKey.forServer(bye).method()).isSameAs(Request.BYE);
  }

  @Test
  void clientKeyOfAResponseIsBranchAndCseqMethod() {
    Request invite = TestMessages.inbound(Request.INVITE, UDP);

    TransactionKey key = TransactionKey.forClient(TestMessages.response(invite, 180));

    assertThat(key).isEqualTo(TransactionKey.client(TestMessages.branchOf(invite), "INVITE"));
  }

  @Test
  void legacyRequestsAreKeyedByTheirDialogIdentityAndBranch() {
    Request first = TestMessages.inbound(Request.OPTIONS, UDP, "1", "legacy", "f1", 1, null);
    Request second = TestMessages.inbound(Request.OPTIONS, UDP, "1", "legacy", "f1", 2, null);

    assertThat(TransactionKey.forServer(first)).isNotEqualTo(TransactionKey.forServer(second));
    assertThat(TransactionKey.forServer(first))
        .isEqualTo(TransactionKey.forServer(TestMessages.retransmission(first)));
  }
}
