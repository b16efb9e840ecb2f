"""The hub's wire format. The pydantic models live in `whitephone.protocol.models` and are
imported on first use (`from whitephone.protocol import Login` still works): the window reads
only `whitephone.protocol.entities` (plain dataclasses), and pydantic with ~30 models cost
~0.2-0.5 s and ~10 MiB of its start-up (issue 18)."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    import importlib
    import importlib.util

    # `from whitephone.protocol import recurrence` asks here before it imports the submodule:
    # answer with the submodule, or a module that needs no pydantic would load all the models
    if importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f"{__name__}.{name}")
    models = importlib.import_module("whitephone.protocol.models")  # not `from . import`: that asks us again
    try:
        return getattr(models, name)
    except AttributeError:
        raise AttributeError(f"module 'whitephone.protocol' has no attribute {name!r}") from None
