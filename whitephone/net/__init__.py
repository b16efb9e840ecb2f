"""Reaching servers through firewalls: HTTP proxies (CONNECT tunnels), TLS and the network's identity."""
