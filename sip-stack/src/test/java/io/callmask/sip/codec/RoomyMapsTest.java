package io.callmask.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.core.NameValue;
import gov.nist.core.NameValueList;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.List;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentLengthHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomyMapsTest {

  @Test
  void headerTableKeepsWhatTheConstructorPutAndTakesMore() throws Exception {
    SIPRequest request = new SIPRequest();
    ContentLengthHeader constructed = request.getContentLength();

    RoomyMaps.makeRoomForHeaders(request);
    CallID callId = new CallID();
    callId.setCallId("roomy-1@example.com");
    request.setHeader(callId);

    assertThat(request.getHeader(ContentLengthHeader.NAME)).isSameAs(constructed);
    assertThat(request.getHeader(CallIdHeader.NAME)).isSameAs(callId);
    assertThat(request.getCallId().getCallId()).isEqualTo("roomy-1@example.com");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void parameterListEndsUpAsSetLeavesIt(boolean synchronised) {
    List<NameValue> parameters = List.of(new NameValue("tag", "a1", false),
        new NameValue("lr", "", true), new NameValue("user", "phone", false),
        new NameValue("ftag", "b2", false), new NameValue("transport", "udp", false),
        new NameValue("x", "1", false), new NameValue("y", "2", false),
        new NameValue("tag", "a3", false));
    NameValueList roomy = new NameValueList(synchronised);
    NameValueList usual = new NameValueList(synchronised);

    for (NameValue parameter : parameters) {
      RoomyMaps.putLowerCase(roomy, parameter);
      usual.set(parameter);
    }

    assertThat(ObjectGraphs.differences(roomy, usual)).isEmpty();
    assertThat(roomy.encode()).isEqualTo(usual.encode());
  }
}
