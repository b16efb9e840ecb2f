"""A raw SIP sender for hostile-peer tests: an INVITE (or other request) from any local
address, and the first lines of what comes back."""

from __future__ import annotations

import random
import socket
import uuid


def request(src_ip: str, dst: tuple[str, int], method: str = "INVITE", n: int = 0, extra: str = "",
            to_user: str = "test") -> socket.socket:
    """Send one request from a new UDP socket bound to `src_ip`; returns the socket (for replies)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src_ip, 0))
    sp = s.getsockname()[1]
    sdp = (f"v=0\r\no=- 1 1 IN IP4 {src_ip}\r\ns=-\r\nc=IN IP4 {src_ip}\r\nt=0 0\r\n"
           f"m=audio {40000 + n * 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n") if method == "INVITE" else ""
    msg = (f"{method} sip:{to_user}@{dst[0]}:{dst[1]} SIP/2.0\r\n"
           f"Via: SIP/2.0/UDP {src_ip}:{sp};branch=z9hG4bK{uuid.uuid4().hex[:12]};rport\r\n"
           f"Max-Forwards: 70\r\nFrom: <sip:scanner@{src_ip}:{sp}>;tag={random.randint(1, 1 << 30)}\r\n"
           f"To: <sip:{to_user}@{dst[0]}:{dst[1]}>\r\nCall-ID: {uuid.uuid4().hex}\r\nCSeq: 1 {method}\r\n"
           f"Contact: <sip:scanner@{src_ip}:{sp}>\r\n{extra}"
           + ("Content-Type: application/sdp\r\n" if sdp else "") + f"Content-Length: {len(sdp)}\r\n\r\n{sdp}")
    s.sendto(msg.encode(), dst)
    return s


def replies(s: socket.socket, wait: float = 1.0) -> list[str]:
    """The status/request lines received on `s` until it stays quiet for `wait` seconds."""
    s.settimeout(wait)
    out = []
    try:
        while True:
            out.append(s.recv(65535).decode(errors="replace").split("\r\n")[0])
    except TimeoutError:
        pass
    return out
