"""CSV import: Google Contacts, Outlook (English, German, French, Spanish, Polish), Thunderbird,
our own export and plain "name,phone,email" sheets. Delimiter and encoding are sniffed."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whitephone.core.contact import CompanyLink, ContactData, Email, Phone, PostalAddress, Website
from whitephone.importers.errors import ItemError, NotAContactsFile
from whitephone.importers.textio import sniff_bom

GOOGLE_MULTI = " ::: "

# Header (casefolded) -> target. Targets: simple fields, "phone:<kind>", "email:<kind>",
# "addr:<kind>:<part>", "web:<kind>".
_SIMPLE = {
    # ours / Google / generic
    "display name": "display", "name": "display", "full name": "display", "nazwa": "display",
    "given name": "given", "first name": "given", "firstname": "given",
    "family name": "family", "last name": "family", "lastname": "family", "surname": "family",
    "additional name": "middle", "middle name": "middle",
    "name prefix": "prefix", "title": "prefix", "name suffix": "suffix", "suffix": "suffix",
    "nickname": "nickname", "birthday": "birthday", "notes": "notes", "note": "notes",
    "kind": "kind", "photo": "photo", "tags": "tags", "labels": "tags", "group membership": "tags", "categories": "tags",
    "company": "company", "organization": "company", "organisation": "company",
    "organization name": "company", "job title": "role", "organization title": "role", "role": "role",
    "phone": "phone:other", "telephone": "phone:other", "tel": "phone:other", "phone number": "phone:other",
    "mobile": "phone:mobile", "cell": "phone:mobile",
    "email": "email:other", "e-mail": "email:other", "mail": "email:other", "email address": "email:other",
    "website": "web:other", "web page": "web:work", "web page 1": "web:work", "web page 2": "web:home",
    # Outlook (English)
    "business phone": "phone:work", "business phone 2": "phone:work", "home phone": "phone:home",
    "home phone 2": "phone:home", "mobile phone": "phone:mobile", "business fax": "phone:office_fax",
    "home fax": "phone:home_fax", "other fax": "phone:office_fax", "pager": "phone:pager",
    "primary phone": "phone:main", "company main phone": "phone:main", "other phone": "phone:other",
    "car phone": "phone:mobile", "assistant's phone": "phone:work", "callback": "phone:other",
    "e-mail address": "email:other", "e-mail 2 address": "email:other", "e-mail 3 address": "email:other",
    "business street": "addr:work:street1", "business street 2": "addr:work:street2",
    "business city": "addr:work:city", "business state": "addr:work:region",
    "business postal code": "addr:work:postcode", "business country/region": "addr:work:country",
    "home street": "addr:home:street1", "home street 2": "addr:home:street2", "home city": "addr:home:city",
    "home state": "addr:home:region", "home postal code": "addr:home:postcode",
    "home country/region": "addr:home:country",
    "other street": "addr:other:street1", "other city": "addr:other:city",
    "other postal code": "addr:other:postcode", "other country/region": "addr:other:country",
    # Outlook (German)
    "vorname": "given", "nachname": "family", "weitere vornamen": "middle", "anrede": "prefix",
    "firma": "company", "position": "role", "geburtstag": "birthday", "notizen": "notes",
    "kategorien": "tags", "telefon geschäftlich": "phone:work", "telefon geschäftlich 2": "phone:work",
    "telefon privat": "phone:home", "telefon privat 2": "phone:home", "mobiltelefon": "phone:mobile",
    "fax geschäftlich": "phone:office_fax", "fax privat": "phone:home_fax", "haupttelefon": "phone:main",
    "weiteres telefon": "phone:other", "e-mail-adresse": "email:other", "e-mail 2: adresse": "email:other",
    "e-mail 2-adresse": "email:other", "webseite": "web:work",
    "straße geschäftlich": "addr:work:street1", "straße geschäftlich 2": "addr:work:street2",
    "ort geschäftlich": "addr:work:city", "region geschäftlich": "addr:work:region",
    "postleitzahl geschäftlich": "addr:work:postcode", "land/region geschäftlich": "addr:work:country",
    "straße privat": "addr:home:street1", "ort privat": "addr:home:city",
    "postleitzahl privat": "addr:home:postcode", "land/region privat": "addr:home:country",
    # Outlook (French)
    "prénom": "given", "nom": "family", "deuxième prénom": "middle", "société": "company",
    "fonction": "role", "anniversaire": "birthday", "catégories": "tags",
    "téléphone bureau": "phone:work", "téléphone domicile": "phone:home", "tél. mobile": "phone:mobile",
    "téléphone mobile": "phone:mobile", "télécopie bureau": "phone:office_fax",
    "télécopie domicile": "phone:home_fax", "téléphone principal": "phone:main",
    "autre téléphone": "phone:other", "adresse de messagerie": "email:other",
    "adresse e-mail": "email:other", "page web": "web:work",
    "rue (bureau)": "addr:work:street1", "ville (bureau)": "addr:work:city",
    "code postal (bureau)": "addr:work:postcode", "pays/région (bureau)": "addr:work:country",
    "dép/région (bureau)": "addr:work:region", "rue (domicile)": "addr:home:street1",
    "ville (domicile)": "addr:home:city", "code postal (domicile)": "addr:home:postcode",
    "pays/région (domicile)": "addr:home:country",
    # Outlook (Spanish)
    "nombre": "given", "apellidos": "family", "segundo nombre": "middle", "organización": "company",
    "compañía": "company", "puesto": "role", "cumpleaños": "birthday", "notas": "notes",
    "categorías": "tags", "teléfono del trabajo": "phone:work", "teléfono particular": "phone:home",
    "teléfono móvil": "phone:mobile", "fax del trabajo": "phone:office_fax",
    "fax particular": "phone:home_fax", "teléfono principal": "phone:main",
    "otro teléfono": "phone:other", "dirección de correo electrónico": "email:other",
    "correo electrónico": "email:other", "página web": "web:work",
    "calle del trabajo": "addr:work:street1", "ciudad de trabajo": "addr:work:city",
    "código postal del trabajo": "addr:work:postcode", "país o región del trabajo": "addr:work:country",
    "provincia o estado del trabajo": "addr:work:region", "calle del domicilio": "addr:home:street1",
    "ciudad del domicilio": "addr:home:city", "código postal del domicilio": "addr:home:postcode",
    "país o región del domicilio": "addr:home:country",
    # Outlook (Polish)
    "imię": "given", "nazwisko": "family", "drugie imię": "middle", "stanowisko": "role",
    "urodziny": "birthday", "notatki": "notes", "kategorie": "tags",
    "telefon służbowy": "phone:work", "telefon domowy": "phone:home", "telefon komórkowy": "phone:mobile",
    "faks służbowy": "phone:office_fax", "faks domowy": "phone:home_fax",
    "telefon podstawowy": "phone:main", "inny telefon": "phone:other", "pager (polski)": "phone:pager",
    "adres e-mail": "email:other", "strona sieci web": "web:work",
    "ulica (służbowy)": "addr:work:street1", "miasto (służbowy)": "addr:work:city",
    "kod pocztowy (służbowy)": "addr:work:postcode", "kraj/region (służbowy)": "addr:work:country",
    "województwo (służbowy)": "addr:work:region", "ulica (domowy)": "addr:home:street1",
    "miasto (domowy)": "addr:home:city", "kod pocztowy (domowy)": "addr:home:postcode",
    "kraj/region (domowy)": "addr:home:country",
    # Thunderbird
    "primary email": "email:other", "secondary email": "email:other", "work phone": "phone:work",
    "fax number": "phone:office_fax", "pager number": "phone:pager", "mobile number": "phone:mobile",
    "home address": "addr:home:street1", "home address 2": "addr:home:street2",
    "home zipcode": "addr:home:postcode", "home country": "addr:home:country",
    "work address": "addr:work:street1", "work address 2": "addr:work:street2", "work city": "addr:work:city",
    "work state": "addr:work:region", "work zipcode": "addr:work:postcode", "work country": "addr:work:country",
    "birth year": "bday:year", "birth month": "bday:month", "birth day": "bday:day",
}
# Google's and our numbered groups: "Phone 1 - Type", "Phone 1 - Value", "Address 2 - Street", ...
_GROUP = re.compile(r"^(phone|e-mail|email|address|website|organization|organisation|custom)\s+(\d+)\s+-\s+(.+)$")
_ADDR_PARTS = {"street": "street1", "street 2": "street2", "extended address": "street2", "city": "city",
               "region": "region", "postal code": "postcode", "country": "country", "po box": "pobox"}
_KIND_WORDS = (("fax", None), ("mobile", "mobile"), ("cell", "mobile"), ("pager", "pager"), ("main", "main"),
               ("home", "home"), ("work", "work"), ("business", "work"))


@dataclass
class RawRow:
    item: int
    line: int
    cells: dict[str, str]


def _kind_from_label(label: str, what: str) -> str:
    label = label.strip().lower().lstrip("* ")
    if what == "phone":
        if "fax" in label:
            return "home_fax" if "home" in label else "office_fax"
        for word, kind in _KIND_WORDS:
            if kind and word in label:
                return kind
        return "other"
    return "work" if "work" in label or "business" in label else "home" if "home" in label else "other"


def _open_text(path: Path) -> tuple[io.TextIOBase, str]:
    f = open(path, "rb")  # noqa: SIM115 - wrapped and closed by the caller
    head = f.read(65536)
    enc, skip = sniff_bom(head)
    if enc is None:
        try:
            head.decode("utf-8")
            enc = "utf-8"
        except UnicodeDecodeError as exc:
            # a multi-byte character cut by our 64 KiB sample is still UTF-8
            enc = "utf-8" if exc.start > len(head) - 4 else "cp1252"
    f.seek(skip)
    return io.TextIOWrapper(f, encoding=enc, errors="replace", newline=""), enc


def _sniff_dialect(sample: str) -> type[csv.Dialect]:
    """The delimiter that splits the header into the most columns we know (the header is what
    tells a contacts file); csv.Sniffer's guess breaks the ties."""
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        guess = ","

    def score(d: str) -> tuple[int, int, int]:
        try:
            header = next(csv.reader(io.StringIO(sample), delimiter=d))
        except (csv.Error, StopIteration):
            return (0, 0, 0)
        known = sum(1 for h in header if h.strip().casefold() in _SIMPLE or _GROUP.match(h.strip().casefold()))
        return (known, d == guess, len(header))

    best = max(",;\t|", key=score)

    class Dialect(csv.excel):
        delimiter = best

    return Dialect


def split_rows(path: Path) -> tuple[Iterator[RawRow], callable, list[str]]:
    """Rows of a contacts CSV, streamed; a bytes-read function; the header."""
    text, _enc = _open_text(path)
    sample = text.read(65536)
    text.seek(0)
    if not sample.strip():
        text.close()
        raise NotAContactsFile("the file is empty")
    dialect = _sniff_dialect(sample)
    reader = csv.reader(text, dialect)
    try:
        header = [h.strip().strip("\ufeff") for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        text.close()
        raise NotAContactsFile(f"not a CSV file ({exc})") from None
    if not _recognised(header):
        text.close()
        raise NotAContactsFile("no column looks like a name, phone number or e-mail "
                               f"(columns: {', '.join(header[:8])})")
    raw = text.buffer

    def rows() -> Iterator[RawRow]:
        item = 0
        with text:
            while True:
                line = reader.line_num + 1
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    item += 1
                    yield RawRow(item, line, {"__error__": str(exc)})
                    continue
                if not any(c.strip() for c in cells):
                    continue
                item += 1
                if len(cells) > len(header):
                    extra = cells[len(header):]
                    if any(x.strip() for x in extra):
                        yield RawRow(item, line, {"__error__": f"{len(cells)} cells but the header has "
                                                                f"{len(header)} columns"})
                        continue
                yield RawRow(item, line, dict(zip(header, cells, strict=False)))

    def tell() -> int:
        try:
            return raw.tell()
        except (ValueError, OSError):
            return 0

    return rows(), tell, header


def looks_like_contacts_header(line: str) -> bool:
    """True when the line, split by any usual delimiter, names a contacts column."""
    for d in ",;\t|":
        try:
            if _recognised(next(csv.reader(io.StringIO(line), delimiter=d))):
                return True
        except (csv.Error, StopIteration):
            continue
    return False


def _recognised(header: list[str]) -> bool:
    for h in header:
        key = h.strip().strip("\ufeff").casefold()
        t = _SIMPLE.get(key)
        if t and (t in ("display", "given", "family", "company") or t.startswith(("phone", "email"))):
            return True
        if _GROUP.match(key):
            return True
    return False


def parse_row(row: RawRow, region: str) -> tuple[ContactData | None, list[ItemError]]:
    from whitephone.phone import normalize

    if "__error__" in row.cells:
        return None, [ItemError("", row.item, row.line, f"malformed row: {row.cells['__error__']}")]
    c = ContactData()
    addrs: dict[str, dict[str, str]] = {}
    groups: dict[tuple[str, str], dict[str, str]] = {}
    companies: list[str] = []
    roles: list[str] = []
    bday: dict[str, str] = {}
    for header, value in row.cells.items():
        value = (value or "").strip()
        if not value:
            continue
        key = header.casefold()
        m = _GROUP.match(key)
        if m:
            groups.setdefault((m.group(1).replace("e-mail", "email").replace("organisation", "organization"),
                               m.group(2)), {})[m.group(3).strip()] = value
            continue
        if key.startswith("custom: "):
            c.custom[header[8:].strip()] = value
            continue
        target = _SIMPLE.get(key)
        if target is None:
            continue
        if target.startswith("phone:"):
            for v in value.split(GOOGLE_MULTI):
                c.phones.append(Phone(v.strip(), target[6:], normalize(v, region)))
        elif target.startswith("email:"):
            c.emails += [Email(v.strip(), target[6:]) for v in value.split(GOOGLE_MULTI) if v.strip()]
        elif target.startswith("web:"):
            c.websites += [Website(v.strip(), target[4:]) for v in value.split(GOOGLE_MULTI) if v.strip()]
        elif target.startswith("addr:"):
            _, kind, part = target.split(":")
            addrs.setdefault(kind, {})[part] = value
        elif target.startswith("bday:"):
            bday[target[5:]] = value
        elif target == "tags":
            c.tags += [t.strip().lstrip("* ") for t in re.split(GOOGLE_MULTI + r"|[;,]", value)
                       if t.strip() and t.strip() not in ("* myContacts", "* starred", "myContacts")]
        elif target == "company":
            companies.append(value)
        elif target == "role":
            roles.append(value)
        elif target == "photo":
            _photo_from_data_uri(c, value, row)
        elif target == "kind":
            c.kind = "company" if value.lower() == "company" else "person"
        else:
            attr = {"display": "display_name", "given": "given_name", "family": "family_name",
                    "middle": "middle_name", "prefix": "prefix", "suffix": "suffix",
                    "nickname": "nickname", "birthday": "birthday", "notes": "notes"}[target]
            setattr(c, attr, value)
    for (what, _n), g in sorted(groups.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
        label = g.get("type") or g.get("label") or ""
        if what == "phone" and g.get("value"):
            for v in g["value"].split(GOOGLE_MULTI):
                c.phones.append(Phone(v.strip(), _kind_from_label(label, "phone"), normalize(v, region)))
        elif what == "email" and g.get("value"):
            c.emails += [Email(v.strip(), _kind_from_label(label, "email"))
                         for v in g["value"].split(GOOGLE_MULTI) if v.strip()]
        elif what == "website" and g.get("value"):
            c.websites += [Website(v.strip(), _kind_from_label(label, "web") if label != "photo" else "photo")
                           for v in g["value"].split(GOOGLE_MULTI) if v.strip()]
        elif what == "organization" and g.get("name"):
            companies.append(g["name"])
            roles.append(g.get("title", ""))
        elif what == "address":
            parts = {_ADDR_PARTS[k]: v for k, v in g.items() if k in _ADDR_PARTS}
            if "pobox" in parts:
                box = parts.pop("pobox")
                parts["street1"] = f"{box}, {parts.get('street1', '')}".strip(", ")
            if not parts and g.get("formatted"):
                parts = {"street1": g["formatted"].replace("\n", ", ")}
            if parts:
                addrs.setdefault(f"{_kind_from_label(label, 'addr')}#{_n}", {}).update(parts)
    for kind, parts in addrs.items():
        street = parts.get("street1", "")
        lines_ = [x.strip() for x in street.split("\n") if x.strip()]
        a = PostalAddress(lines_[0] if lines_ else "", parts.get("street2", "") or ", ".join(lines_[1:]),
                          parts.get("postcode", ""), parts.get("city", ""), parts.get("region", ""),
                          parts.get("country", ""), kind.split("#")[0])
        if not a.is_empty():
            c.addresses.append(a)
    if bday.get("month") and bday.get("day"):
        y = bday.get("year", "")
        c.birthday = f"{y or '-'}-{int(bday['month']):02d}-{int(bday['day']):02d}" if \
            bday["month"].isdigit() and bday["day"].isdigit() else ""
    if c.birthday:
        from whitephone.importers.vcard import birthday_iso

        c.birthday = birthday_iso(c.birthday) or _loose_date(c.birthday)
    if c.kind == "company":
        c.display_name = c.display_name or (companies[0] if companies else "")
    else:
        for i, name in enumerate(companies):
            c.companies.append(CompanyLink(name, roles[i] if i < len(roles) else ""))
        if not (c.given_name or c.family_name or c.display_name) and c.companies and not c.emails \
                and not c.phones:
            c.kind, c.display_name, c.companies = "company", c.companies[0].name, []
    if not c.best_display_name():
        return None, [ItemError("", row.item, row.line, "row has no name, number or e-mail; not imported")]
    return c, []


def _photo_from_data_uri(c: ContactData, value: str, row: RawRow) -> None:
    import base64
    import binascii

    from whitephone.core.photo import PhotoError, fit_photo

    if value.startswith("data:") and ";base64," in value:
        try:
            c.photo, c.photo_mime = fit_photo(base64.b64decode(value.split(",", 1)[1]))
        except (binascii.Error, ValueError, PhotoError):
            pass  # an unreadable photo cell: the contact is still imported
    elif value.startswith(("http://", "https://")):
        c.websites.append(Website(value, "photo"))


def _loose_date(text: str) -> str:
    """Outlook writes birthdays as d.m.yyyy, m/d/yyyy or yyyy/mm/dd; "0.0.00" means none."""
    m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", text.strip())
    if m:
        a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
        day, month = (a, b) if "." in text or a > 12 else (b, a)
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{y}-{month:02d}-{day:02d}"
    m = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text.strip())
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    return ""


def parse_rows(rows: list[RawRow], region: str) -> list[tuple[ContactData | None, list[ItemError]]]:
    out = []
    for r in rows:
        try:
            out.append(parse_row(r, region))
        except Exception as exc:  # noqa: BLE001 - one bad row must not lose the others
            out.append((None, [ItemError("", r.item, r.line, f"row could not be read: {exc!r}")]))
    return out
