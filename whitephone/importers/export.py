"""Export to vCard 3.0 / 4.0 and CSV, written so that our importers read every field back."""

from __future__ import annotations

import base64
import csv
from collections.abc import Iterable
from pathlib import Path

from whitephone.core.contact import ContactData

FORMATS = ("vcf3", "vcf4", "csv")

_TEL_TYPES_3 = {"mobile": "CELL,VOICE", "home": "HOME,VOICE", "work": "WORK,VOICE", "main": "MAIN",
                "home_fax": "HOME,FAX", "office_fax": "WORK,FAX", "pager": "PAGER", "other": "VOICE"}
_TEL_TYPES_4 = {"mobile": "cell", "home": "home,voice", "work": "work,voice", "main": "main",
                "home_fax": "home,fax", "office_fax": "work,fax", "pager": "pager", "other": "voice"}


def _esc(s: str) -> str:
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 character (RFC 6350 3.2)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    out, cur, size = [], [], 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(cur))
            cur, size, limit = [], 0, 74  # continuation lines start with a space
        cur.append(ch)
        size += n
    out.append("".join(cur))
    return "\r\n ".join(out) + "\r\n"


def vcard(c: ContactData, version: str) -> str:
    v4 = version == "4.0"
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if c.kind == "company":
        lines.append("KIND:org" if v4 else "X-ABShowAs:COMPANY")
        lines.append("ORG:" + _esc(c.best_display_name()))
    lines.append("N:" + ";".join(_esc(x) for x in (c.family_name, c.given_name, c.middle_name,
                                                      c.prefix, c.suffix)))
    lines.append("FN:" + _esc(c.best_display_name()))
    if c.nickname:
        lines.append("NICKNAME:" + _esc(c.nickname))
    for i, link in enumerate(c.companies, 1):
        lines.append(f"org{i}.ORG:" + _esc(link.name))
        if link.role:
            lines.append(f"org{i}.TITLE:" + _esc(link.role))
    for p in c.phones:
        types = (_TEL_TYPES_4 if v4 else _TEL_TYPES_3).get(p.kind, "voice")
        lines.append((f'TEL;VALUE=text;TYPE="{types}":' if v4 else f"TEL;TYPE={types}:") + _esc(p.number))
    for e in c.emails:
        kind = "" if e.kind == "other" else e.kind
        t = (kind if v4 else ",".join(x for x in ("INTERNET", kind.upper()) if x))
        lines.append((f"EMAIL;TYPE={t}:" if t else "EMAIL:") + _esc(e.address))
    for a in c.addresses:
        street = "\n".join(x for x in (a.street1, a.street2) if x)
        kind = "" if a.kind == "other" else f";TYPE={a.kind if v4 else a.kind.upper()}"
        lines.append(f"ADR{kind}:;;" + ";".join(_esc(x) for x in (street, a.city, a.region, a.postcode,
                                                                   a.country)))
    for w in c.websites:
        kind = "" if w.kind in ("other", "") else f";TYPE={w.kind if v4 else w.kind.upper()}"
        lines.append(f"URL{kind}:" + w.url)
    if c.birthday:
        lines.append("BDAY:" + c.birthday)
    if c.notes:
        lines.append("NOTE:" + _esc(c.notes))
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(_esc(t) for t in c.tags))
    for name, value in sorted(c.custom.items()):
        lines.append(f'X-WHITEPHONE-CUSTOM;NAME="{name}":' + _esc(value))
    if c.photo:
        b64 = base64.b64encode(c.photo).decode("ascii")
        sub = (c.photo_mime or "image/jpeg").split("/")[-1]
        if v4:
            lines.append(f"PHOTO:data:{c.photo_mime or 'image/jpeg'};base64,{b64}")
        else:
            lines.append(f"PHOTO;ENCODING=b;TYPE={sub.upper()}:{b64}")
    if c.uid:
        lines.append("UID:" + (f"urn:uuid:{c.uid}" if v4 else c.uid))
    lines.append("END:VCARD")
    return "".join(_fold(x) for x in lines)


def _csv_header(counts: dict[str, int], custom: list[str]) -> list[str]:
    h = ["Kind", "Display Name", "Given Name", "Middle Name", "Family Name", "Name Prefix", "Name Suffix",
         "Nickname", "Birthday", "Notes", "Tags", "Photo"]
    for i in range(1, counts["companies"] + 1):
        h += [f"Organization {i} - Name", f"Organization {i} - Title"]
    for i in range(1, counts["phones"] + 1):
        h += [f"Phone {i} - Type", f"Phone {i} - Value"]
    for i in range(1, counts["emails"] + 1):
        h += [f"E-mail {i} - Type", f"E-mail {i} - Value"]
    for i in range(1, counts["addresses"] + 1):
        h += [f"Address {i} - {x}" for x in ("Type", "Street", "Street 2", "City", "Region",
                                              "Postal Code", "Country")]
    for i in range(1, counts["websites"] + 1):
        h += [f"Website {i} - Type", f"Website {i} - Value"]
    return h + [f"Custom: {n}" for n in custom]


def _csv_row(c: ContactData, counts: dict[str, int], custom: list[str]) -> list[str]:
    photo = ""
    if c.photo:
        photo = f"data:{c.photo_mime or 'image/jpeg'};base64," + base64.b64encode(c.photo).decode("ascii")
    row = [c.kind, c.best_display_name(), c.given_name, c.middle_name, c.family_name, c.prefix, c.suffix,
           c.nickname, c.birthday, c.notes, " ::: ".join(c.tags), photo]

    def pad(items: list[list[str]], n: int, width: int) -> list[str]:
        flat = [x for it in items for x in it]
        return flat + [""] * (n * width - len(flat))

    row += pad([[x.name, x.role] for x in c.companies], counts["companies"], 2)
    row += pad([[p.kind, p.number] for p in c.phones], counts["phones"], 2)
    row += pad([[e.kind, e.address] for e in c.emails], counts["emails"], 2)
    row += pad([[a.kind, a.street1, a.street2, a.city, a.region, a.postcode, a.country]
                for a in c.addresses], counts["addresses"], 7)
    row += pad([[w.kind, w.url] for w in c.websites], counts["websites"], 2)
    return row + [c.custom.get(n, "") for n in custom]


def export_contacts(store, path: Path | str, fmt: str, book_id: int | None = None) -> int:
    """Write every contact (of `book_id`, or all) to `path`; returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:
        n = _write(store, tmp, fmt, book_id)
        tmp.replace(path)  # never leave half a file under the chosen name
    except BaseException:
        tmp.unlink(missing_ok=True)  # nor a .part beside it (a damaged database, a full disk)
        raise
    return n


def _write(store, tmp: Path, fmt: str, book_id: int | None) -> int:
    n = 0
    contacts: Iterable[ContactData] = store.contacts.iter_all(book_id)
    if fmt == "csv":
        counts = store.contacts.max_children(book_id)
        custom = [f.name for f in store.contacts.custom_fields()]
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(_csv_header(counts, custom))
            for c in contacts:
                w.writerow(_csv_row(c, counts, custom))
                n += 1
    else:
        version = "3.0" if fmt == "vcf3" else "4.0"
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            for c in contacts:
                f.write(vcard(c, version))
                n += 1
    return n
