"""SIP: the pjsua2 engine (only ever imported in the engine process) and its plain-Python client."""
