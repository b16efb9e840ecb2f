"""A HID report descriptor read into its fields (HID 1.11, section 6.2.2).

Only what the telephony and LED pages need: each Input/Output field's report id, bit offset,
size, usage page and usage, and whether it is relative (a button that means "toggle"). Usages
given as a range (Usage Minimum/Maximum) and extended 32-bit usages are expanded; Push/Pop keep
the global state; long items are skipped. Array fields (buttons declared as one field holding
the index of the pressed usage) are kept whole, with their usages.

A descriptor comes from a device, so it is not trusted: the limits are Linux's own HID parser's
(drivers/hid/hid-core.c: a Report Size above 256 bits, a Report Count or usages per item above
HID_MAX_USAGES, a report longer than HID_MAX_BUFFER_SIZE, a report id 0 or above 255 make the
kernel refuse the device). Past them `parse` raises DescriptorError, in little time and memory.
"""

from __future__ import annotations

from dataclasses import dataclass

TELEPHONY_PAGE = 0x0B
LED_PAGE = 0x08
MAX_REPORT_SIZE = 256  # bits of one field (hid-core.c)
MAX_USAGES = 12288  # HID_MAX_USAGES: Report Count, usages of one main item
MAX_REPORT_BITS = (16384 - 1) * 8  # HID_MAX_BUFFER_SIZE, less the id byte
MAX_FIELDS = 4096  # variable fields kept in all; a headset has a few dozen
MAX_PUSH = 64


class DescriptorError(ValueError):
    """The descriptor is cut short, malformed, or past what a HID device may declare."""


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


@dataclass(frozen=True)
class ArrayField:
    """`count` slots of `bit_size` bits from `bit_offset`, each holding the index (from
    `logical_min`) of a pressed usage in `usages` (full: page << 16 | usage); a value out of
    the logical range means none."""

    kind: str
    report_id: int
    bit_offset: int
    bit_size: int
    count: int
    usages: tuple[int, ...]
    logical_min: int
    logical_max: int

    def pressed(self, value: int) -> list[int]:
        """The full usages the report's data (`value`: the report's data as one integer) holds."""
        out = []
        mask = (1 << self.bit_size) - 1
        for n in range(self.count):
            v = (value >> (self.bit_offset + n * self.bit_size)) & mask
            if self.logical_min < 0 and v >> (self.bit_size - 1):
                v -= 1 << self.bit_size  # a signed logical range
            if self.logical_min <= v <= self.logical_max and v - self.logical_min < len(self.usages):
                out.append(self.usages[v - self.logical_min])
        return out


def _unsigned(data: bytes) -> int:
    return int.from_bytes(data, "little") if data else 0


def _signed(data: bytes) -> int:
    return int.from_bytes(data, "little", signed=True) if data else 0


@dataclass
class Layout:
    fields: list[Field]
    bits: dict[tuple[str, int], int]  # (kind, report id) -> bits of data in that report, padding included
    arrays: tuple[ArrayField, ...] = ()
    pages: frozenset[int] = frozenset()  # every usage page the descriptor names in a usage

    @property
    def uses_ids(self) -> bool:
        return any(rid for _kind, rid in self.bits)

    def length(self, kind: str, report_id: int) -> int:
        """Bytes of data in one report (without the id byte)."""
        return (self.bits.get((kind, report_id), 0) + 7) // 8


def parse(desc: bytes) -> Layout:
    """Every variable Input and Output field of `desc`, its array fields, in report order, and
    each report's size."""
    fields: list[Field] = []
    arrays: list[ArrayField] = []
    pages: set[int] = set()
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
                if glob["size"] > MAX_REPORT_SIZE:
                    raise DescriptorError(f"Report Size {glob['size']} bits at byte {i - 1 - size}")
            elif tag == 8:
                glob["id"] = _unsigned(data)
                if not 0 < glob["id"] <= 255:
                    raise DescriptorError(f"Report ID {glob['id']} at byte {i - 1 - size}")
            elif tag == 9:
                glob["count"] = _unsigned(data)
                if glob["count"] > MAX_USAGES:
                    raise DescriptorError(f"Report Count {glob['count']} at byte {i - 1 - size}")
            elif tag == 10:
                if len(stack) >= MAX_PUSH:
                    raise DescriptorError("Push nested too deep")
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
                if full - umin + 1 > MAX_USAGES - len(usages):
                    raise DescriptorError(f"a usage range of {full - umin + 1} at byte {i - 1 - size}")
                usages.extend(range(umin, full + 1))
                umin = None
            if tag in (0, 1, 2):
                pages.add(full >> 16)
            if len(usages) > MAX_USAGES:
                raise DescriptorError(f"more than {MAX_USAGES} usages in one item")
        elif kind == 0:  # main
            if tag in (8, 9):  # Input, Output
                io = "input" if tag == 8 else "output"
                flags = _unsigned(data)
                key = (io, glob["id"])
                offset = offsets.get(key, 0)
                constant, variable, relative = flags & 1, flags & 2, bool(flags & 4)
                count, bits = glob["count"], glob["size"]
                if not constant and variable and usages:
                    if len(fields) + count > MAX_FIELDS:
                        raise DescriptorError(f"more than {MAX_FIELDS} fields")
                    for n in range(count):
                        usage = usages[min(n, len(usages) - 1)]
                        fields.append(Field(io, glob["id"], offset + n * bits, bits,
                                            usage >> 16, usage & 0xFFFF, relative, glob["lmin"], glob["lmax"]))
                elif not constant and usages and count and bits:  # an array
                    if len(arrays) >= MAX_FIELDS:
                        raise DescriptorError(f"more than {MAX_FIELDS} array fields")
                    arrays.append(ArrayField(io, glob["id"], offset, bits, count, tuple(usages),
                                             glob["lmin"], glob["lmax"]))
                offsets[key] = offset + count * bits
                if offsets[key] > MAX_REPORT_BITS:
                    raise DescriptorError(f"{io} report {glob['id']} longer than a HID report can be")
            # Input, Output, Feature, Collection, End Collection all end the local items
            usages, umin = [], None
    return Layout(fields, offsets, tuple(arrays), frozenset(pages))
