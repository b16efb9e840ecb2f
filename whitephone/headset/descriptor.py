"""A HID report descriptor read into its fields (HID 1.11, section 6.2.2).

Only what the telephony and LED pages need: each Input/Output field's report id, bit offset,
size, usage page and usage, and whether it is relative (a button that means "toggle"). Usages
given as a range (Usage Minimum/Maximum) and extended 32-bit usages are expanded; Push/Pop keep
the global state; long items are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

TELEPHONY_PAGE = 0x0B
LED_PAGE = 0x08


class DescriptorError(ValueError):
    """The descriptor is cut short or malformed."""


@dataclass(frozen=True)
class Field:
    kind: str  # "input" or "output"
    report_id: int  # 0 when the device uses no report ids
    bit_offset: int  # from the start of the report's data (after the id byte)
    bit_size: int
    usage_page: int
    usage: int
    relative: bool  # Input/Output flag bit 2: the value is a change (a toggle), not a state
    logical_min: int = 0
    logical_max: int = 1


def _unsigned(data: bytes) -> int:
    return int.from_bytes(data, "little") if data else 0


def _signed(data: bytes) -> int:
    return int.from_bytes(data, "little", signed=True) if data else 0


@dataclass
class Layout:
    fields: list[Field]
    bits: dict[tuple[str, int], int]  # (kind, report id) -> bits of data in that report, padding included

    @property
    def uses_ids(self) -> bool:
        return any(rid for _kind, rid in self.bits)

    def length(self, kind: str, report_id: int) -> int:
        """Bytes of data in one report (without the id byte)."""
        return (self.bits.get((kind, report_id), 0) + 7) // 8


def parse(desc: bytes) -> Layout:
    """Every variable Input and Output field of `desc`, in report order, and each report's size."""
    fields: list[Field] = []
    glob = {"page": 0, "size": 0, "count": 0, "id": 0, "lmin": 0, "lmax": 0}
    stack: list[dict] = []
    usages: list[int] = []
    umin: int | None = None
    offsets: dict[tuple[str, int], int] = {}
    i = 0
    while i < len(desc):
        prefix = desc[i]
        if prefix == 0xFE:  # long item: size byte, tag byte, data
            if i + 1 >= len(desc):
                raise DescriptorError("long item cut short")
            i += 3 + desc[i + 1]
            continue
        size = (0, 1, 2, 4)[prefix & 0x3]
        data = desc[i + 1:i + 1 + size]
        if len(data) < size:
            raise DescriptorError(f"item cut short at byte {i}")
        i += 1 + size
        kind, tag = (prefix >> 2) & 0x3, prefix >> 4
        if kind == 1:  # global
            if tag == 0:
                glob["page"] = _unsigned(data)
            elif tag == 1:
                glob["lmin"] = _signed(data)
            elif tag == 2:
                glob["lmax"] = _signed(data) if glob["lmin"] < 0 else _unsigned(data)
            elif tag == 7:
                glob["size"] = _unsigned(data)
            elif tag == 8:
                glob["id"] = _unsigned(data)
            elif tag == 9:
                glob["count"] = _unsigned(data)
            elif tag == 10:
                stack.append(dict(glob))
            elif tag == 11:
                if not stack:
                    raise DescriptorError("Pop without Push")
                glob = stack.pop()
        elif kind == 2:  # local
            value = _unsigned(data)
            full = value if size == 4 else (glob["page"] << 16) | value
            if tag == 0:
                usages.append(full)
            elif tag == 1:
                umin = full
            elif tag == 2 and umin is not None:
                usages.extend(range(umin, full + 1))
                umin = None
        elif kind == 0:  # main
            if tag in (8, 9):  # Input, Output
                io = "input" if tag == 8 else "output"
                flags = _unsigned(data)
                key = (io, glob["id"])
                offset = offsets.get(key, 0)
                constant, variable, relative = flags & 1, flags & 2, bool(flags & 4)
                for n in range(glob["count"]):
                    if not constant and variable and usages:
                        usage = usages[min(n, len(usages) - 1)]
                        fields.append(Field(io, glob["id"], offset + n * glob["size"], glob["size"],
                                            usage >> 16, usage & 0xFFFF, relative, glob["lmin"], glob["lmax"]))
                offsets[key] = offset + glob["count"] * glob["size"]
            # Input, Output, Feature, Collection, End Collection all end the local items
            usages, umin = [], None
    return Layout(fields, offsets)
