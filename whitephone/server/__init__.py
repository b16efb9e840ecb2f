"""The hub: accounts, presence, messages and the sync change feed (`whitephone server`)."""
