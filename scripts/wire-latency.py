#!/usr/bin/env python3
"""The INVITE -> 180 latency callmask adds, read from a packet capture of bench-calls.sh.

    scripts/wire-latency.py CAPTURE.pcap SERVER_PORT

For each call seen whole in the capture (UDP on loopback, as tcpdump -i lo writes it), the time
callmask held it is (B-leg INVITE sent - A-leg INVITE received) + (A-leg 180 sent - B-leg 180
received): what it adds, without the callee carrier's own answer time and with the kernel's
timestamps (microseconds), not SIPp's coarse clock. The legs share no identifier, on purpose;
the caller scenario numbers each call in its SDP session id (o= line), which callmask passes on.
Prints one line: the added latency's p50, p99 and maximum in ms, and the number of calls.
"""
import struct
import sys


def packets(path):
    """(timestamp s, source port, destination port, UDP payload) of each IPv4 UDP packet."""
    with open(path, 'rb') as f:
        header = f.read(24)
        magic = struct.unpack('<I', header[:4])[0]
        scale = 1e9 if magic == 0xa1b23c4d else 1e6
        link = struct.unpack('<I', header[20:24])[0]
        offset = {1: 14, 113: 16}.get(link, 4)  # Ethernet (lo), Linux cooked, else BSD loopback
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            seconds, fraction, captured, _ = struct.unpack('<IIII', record)
            frame = f.read(captured)
            ip = frame[offset:]
            if not ip or ip[0] >> 4 != 4 or ip[9] != 17:
                continue
            udp = ip[(ip[0] & 15) * 4:]
            source, destination = struct.unpack('>HH', udp[:4])
            yield seconds + fraction / scale, source, destination, udp[8:]


def header(message, name):
    start = message.find(b'\n' + name + b':')
    if start < 0:
        return None
    end = message.find(b'\r\n', start + 1)
    return message[start + len(name) + 2:end].strip()


def session_id(message):
    """The SDP o= line's session id, which names the call on both legs."""
    start = message.find(b'\no=')
    if start < 0:
        return None
    fields = message[start + 3:message.find(b'\n', start + 3)].split()
    return fields[1] if len(fields) > 1 else None


def main(path, server_port):
    a_invite, b_invite = {}, {}        # session id -> (time, Call-ID)
    a_ringing, b_ringing = {}, {}      # Call-ID -> time of its first 180
    for time, source, destination, message in packets(path):
        first = message[:message.find(b'\r\n')]
        toward_server = destination == server_port
        if first.startswith(b'INVITE '):
            sid = session_id(message)
            legs = a_invite if toward_server else b_invite if source == server_port else None
            if sid is not None and legs is not None and sid not in legs:
                legs[sid] = (time, header(message, b'Call-ID'))
        elif first.startswith(b'SIP/2.0 180'):
            legs = b_ringing if toward_server else a_ringing if source == server_port else None
            call_id = header(message, b'Call-ID')
            if legs is not None and call_id not in legs:
                legs[call_id] = time
    added = []
    for sid, (a_time, a_call) in a_invite.items():
        if sid not in b_invite:
            continue
        b_time, b_call = b_invite[sid]
        if a_call in a_ringing and b_call in b_ringing:
            added.append((b_time - a_time) + (a_ringing[a_call] - b_ringing[b_call]))
    if not added:
        print('wire_added_ms=n/a (no whole call in the capture)')
        return
    added.sort()
    at = lambda q: added[min(len(added) - 1, int(len(added) * q))] * 1000
    print('wire_added_ms_p50=%.2f p99=%.2f max=%.2f calls=%d'
          % (at(0.50), at(0.99), added[-1] * 1000, len(added)))


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: scripts/wire-latency.py CAPTURE.pcap SERVER_PORT')
    main(sys.argv[1], int(sys.argv[2]))
