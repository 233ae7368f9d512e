package io.callmask.sip.transport;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.Iterator;
import java.util.Optional;
import javax.sip.header.ViaHeader;

/**
 * Stamps the top Via of an inbound request with where it really came from (RFC 3261 §18.2.1 and
 * RFC 3581 §4), so that responses find their way back through NATs:
 *
 * <ul>
 *   <li>{@code received=<source IP>} when the sent-by host is not the source address (a name, or
 *       another address), and whenever {@code rport} is present;
 *   <li>an empty {@code rport} gets the source port as its value.
 * </ul>
 *
 * <p>Stateless; mutates the given header, which belongs to one message on one thread.
 */
final class ViaStamper {

  private static final String RPORT = "rport";

  private ViaStamper() {}

  static void stamp(ViaHeader via, InetSocketAddress source) {
    InetAddress sourceAddress = source.getAddress();
    boolean hasRport = hasParameter(via, RPORT);
    Optional<InetAddress> sentBy = ViaSentBy.literal(via.getHost());
    boolean sentByDiffers = sentBy.isEmpty() || !sentBy.get().equals(sourceAddress);
    try {
      if (sentByDiffers || hasRport) {
        via.setReceived(NetUtil.toAddressString(sourceAddress));
      }
      if (hasRport && via.getRPort() <= 0) {
        via.setParameter(RPORT, Integer.toString(source.getPort()));
      }
    } catch (ParseException e) {
      // Both values are formatted here from a socket address, so the header cannot reject them.
      throw new IllegalStateException("cannot stamp Via with " + source, e);
    }
  }

  private static boolean hasParameter(ViaHeader via, String name) {
    for (Iterator<?> names = via.getParameterNames(); names.hasNext(); ) {
      if (name.equalsIgnoreCase(String.valueOf(names.next()))) {
        return true;
      }
    }
    return false;
  }
}
