"""Network helpers without pjsua2 or Qt: a STUN/TURN client and the network test's probes."""
