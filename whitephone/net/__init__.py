"""Network helpers without pjsua2 or Qt: HTTP proxies (CONNECT tunnels), TLS, the network's identity,
a STUN/TURN client and the network test's probes."""
