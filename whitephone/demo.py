"""A realistic, international demo address book (for `whitephone demo`, screenshots, trying out)."""

from __future__ import annotations

import io
import random

import phonenumbers
from PIL import Image, ImageDraw

from whitephone.core.contact import CompanyLink, ContactData, Email, Phone, PostalAddress, Website

# (region, given names, family names, cities with postcodes, country)
PEOPLE = {
    "GB": (["Oliver", "Amelia", "Harry", "Isla", "George", "Priya", "Mohammed"],
           ["Smith", "Jones", "Taylor", "Brown", "Patel", "Khan", "Walker"],
           [("London", "EC1A 1BB"), ("Manchester", "M1 1AE"), ("Leeds", "LS1 4AP")], "United Kingdom"),
    "US": (["James", "Emma", "Michael", "Olivia", "Sofia", "Daniel"],
           ["Johnson", "Williams", "Garcia", "Miller", "Davis", "Nguyen"],
           [("New York", "10001"), ("Chicago", "60601"), ("Austin", "78701")], "United States"),
    "DE": (["Lukas", "Hannah", "Jürgen", "Lea", "Maximilian"],
           ["Müller", "Schmidt", "Schneider", "Fischer", "Weber"],
           [("Berlin", "10115"), ("München", "80331"), ("Hamburg", "20095")], "Deutschland"),
    "FR": (["Camille", "Louis", "Chloé", "Hugo", "Léa"],
           ["Martin", "Bernard", "Dubois", "Lefèvre", "Moreau"],
           [("Paris", "75001"), ("Lyon", "69001"), ("Marseille", "13001")], "France"),
    "PL": (["Zofia", "Jan", "Łukasz", "Agnieszka", "Piotr"],
           ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kamińska"],
           [("Warszawa", "00-001"), ("Kraków", "31-001"), ("Gdańsk", "80-001")], "Polska"),
    "ES": (["Lucía", "Pablo", "Carmen", "Javier"], ["García", "Fernández", "López", "Martínez"],
           [("Madrid", "28001"), ("Barcelona", "08001")], "España"),
    "IN": (["Aarav", "Ananya", "Vikram", "Diya"], ["Sharma", "Iyer", "Reddy", "Gupta"],
           [("Mumbai", "400001"), ("Bengaluru", "560001")], "India"),
    "BR": (["Ana", "João", "Beatriz"], ["Silva", "Souza", "Oliveira"],
           [("São Paulo", "01000-000"), ("Rio de Janeiro", "20000-000")], "Brasil"),
    "JP": (["Haruto", "Yui", "Sota"], ["Sato", "Suzuki", "Takahashi"],
           [("Tokyo", "100-0001"), ("Osaka", "530-0001")], "Japan"),
    "AU": (["Jack", "Charlotte", "Noah"], ["Wilson", "Thompson", "White"],
           [("Sydney", "2000"), ("Melbourne", "3000")], "Australia"),
}
COMPANIES = [
    ("Northwind Traders Ltd", "GB", "northwind.example"), ("Contoso Pharmaceuticals", "US", "contoso.example"),
    ("Fabrikam GmbH", "DE", "fabrikam.example"), ("Boulangerie Dupont SARL", "FR", "dupont.example"),
    ("Przykład Sp. z o.o.", "PL", "przyklad.example"), ("Tailspin Toys S.L.", "ES", "tailspin.example"),
    ("Tata Example Pvt Ltd", "IN", "tataexample.example"), ("Litware Ltda", "BR", "litware.example"),
    ("Adatum KK", "JP", "adatum.example"), ("Wingtip Pty Ltd", "AU", "wingtip.example"),
    ("Alpine Ski House", "US", "alpineski.example"), ("Proseware Ltd", "GB", "proseware.example"),
    ("Woodgrove Bank", "GB", "woodgrove.example"), ("Coho Winery", "FR", "coho.example"),
    ("Lucerne Publishing", "DE", "lucerne.example"),
]
ROLES = ["CEO", "Head of Purchasing", "Accountant", "Sales Manager", "Office Manager", "CTO", "Buyer",
         "Customer Service", "Project Lead", ""]
TAGS = ["customer", "supplier", "vip", "lead", "partner", "overdue invoice"]
STREETS = ["High Street", "Main St", "Hauptstraße", "Rue de la Paix", "ul. Długa", "Calle Mayor", "MG Road",
           "Rua Augusta", "Chuo-dori", "George St"]
COLOURS = [(66, 103, 178), (214, 88, 55), (61, 153, 112), (142, 68, 173), (230, 126, 34), (41, 128, 185)]


def _number(rng: random.Random, region: str, kind) -> str:
    """A valid number of `region`: the library's example with the last digits varied."""
    example = phonenumbers.example_number_for_type(region, kind)
    base = str(example.national_number)
    for _ in range(50):
        tail = "".join(rng.choice("0123456789") for _ in range(3))
        candidate = phonenumbers.parse(f"+{example.country_code}{base[:-3]}{tail}", None)
        if phonenumbers.is_valid_number(candidate):
            return phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def avatar(initials: str, colour: tuple[int, int, int]) -> bytes:
    img = Image.new("RGB", (200, 240), colour)
    d = ImageDraw.Draw(img)
    d.ellipse((40, 40, 160, 160), fill=tuple(min(255, c + 60) for c in colour))
    d.rectangle((30, 170, 170, 240), fill=tuple(min(255, c + 60) for c in colour))
    d.text((100, 100), initials, fill=(255, 255, 255), anchor="mm", font_size=48)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def demo_contacts(seed: int = 7) -> tuple[list[ContactData], list[ContactData]]:
    """(personal contacts, customer contacts) — about 80 people and 15 companies."""
    rng = random.Random(seed)
    companies = []
    for name, region, domain in COMPANIES:
        city, postcode = PEOPLE[region][2][0]
        companies.append(ContactData(
            kind="company", display_name=name,
            phones=[Phone(_number(rng, region, phonenumbers.PhoneNumberType.FIXED_LINE), "main")],
            emails=[Email(f"info@{domain}", "work")], websites=[Website(f"https://www.{domain}", "work")],
            addresses=[PostalAddress(f"{rng.randint(1, 200)} {rng.choice(STREETS)}", "", postcode, city, "",
                                     PEOPLE[region][3], "work")],
            tags=[rng.choice(["customer", "supplier", "partner"])]))
    personal, customers = [], []
    i = 0
    for region, (given, family, cities, country) in PEOPLE.items():
        for g in given:
            for f in rng.sample(family, k=min(2, len(family))):
                i += 1
                comp = [c for c in companies if PEOPLE.get(_region_of(c), None) is PEOPLE[region]] or companies
                company = rng.choice(comp)
                city, postcode = rng.choice(cities)
                local = f"{g}.{f}".lower().translate(str.maketrans("üéèłśńćąęóżźãç", "ueelsncaeozzac"))
                c = ContactData(
                    given_name=g, family_name=f,
                    phones=[Phone(_number(rng, region, phonenumbers.PhoneNumberType.MOBILE), "mobile")],
                    emails=[Email(f"{local}@{company.websites[0].url.split('www.')[1]}", "work")],
                    companies=[CompanyLink(company.display_name, rng.choice(ROLES))],
                    addresses=[PostalAddress(f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                                             rng.choice(["", "", "Floor 2", "Apt 4B"]), postcode, city, "",
                                             country, rng.choice(["home", "work"]))],
                    tags=rng.sample(TAGS, k=rng.randint(0, 2)),
                    birthday=f"{rng.randint(1955, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    if rng.random() < 0.5 else "",
                    notes=rng.choice(["", "", "Prefers e-mail before calls.", "Call after 10:00 local time.",
                                      "Met at the trade fair; interested in the annual plan."]),
                )
                if rng.random() < 0.5:
                    c.phones.append(Phone(_number(rng, region, phonenumbers.PhoneNumberType.FIXED_LINE), "work"))
                if rng.random() < 0.6:
                    c.photo, c.photo_mime = avatar(g[0] + f[0], COLOURS[i % len(COLOURS)]), "image/jpeg"
                (customers if i % 3 else personal).append(c)
    personal.append(ContactData(
        given_name="Sound", family_name="Test", display_name="Sound Test",
        websites=[Website("sip:echo@127.0.0.1:5099", "other")],
        notes="Call this contact to hear yourself: an echo service that plays back what it hears "
              "(run `whitephone agent --listen 127.0.0.1:5099 --echo`).", tags=["test"]))
    return personal, companies + customers


def _region_of(company: ContactData) -> str:
    return next(r for n, r, _d in COMPANIES if n == company.display_name)


def create_demo(app) -> int:
    """Fill the profile with the demo address books; returns how many contacts were added."""
    store = app.store
    existing = {f.name for f in store.contacts.custom_fields()}
    if "Customer number" not in existing:
        store.contacts.add_custom_field("Customer number", "number")
    if "Segment" not in existing:
        store.contacts.add_custom_field("Segment", "choice", ["Small business", "Mid-market", "Enterprise"])
    personal, customers = demo_contacts()
    rng = random.Random(11)
    for n, c in enumerate(customers):
        if c.kind == "company":
            c.custom = {"Customer number": str(10_000 + n), "Segment": rng.choice(
                ["Small business", "Mid-market", "Enterprise"])}
    total = 0
    personal_book = store.books.ensure("Personal")  # created first: it is the default book
    # customers (with the companies) first, so personal contacts link to those companies
    # instead of getting empty namesakes in their own book
    for book, items in ((store.books.ensure("Customers"), customers), (personal_book, personal)):
        for c in items:
            app.contacts.normalize_numbers(c)
        r = store.contacts.import_batch(items, book, "merge")
        total += r.imported
    _demo_calls(app, rng)
    return total


def _demo_calls(app, rng: random.Random) -> None:
    """A week of plausible call history, linked to the demo contacts."""
    from datetime import UTC, datetime, timedelta

    from whitephone.core.calls import CallLogEntry

    people = [c for c in app.contacts.search("", limit=200) if c.phones and c.kind == "person"]
    now = datetime.now(UTC).replace(microsecond=0)
    for i in range(24):
        c = rng.choice(people)
        start = now - timedelta(hours=rng.randint(1, 160), minutes=rng.randint(0, 59))
        direction = rng.choice(["in", "out"])
        result = {1: "missed", 4: "busy", 7: "rejected", 9: "missed"}.get(i % 10, "answered")
        if direction == "out" and result == "missed":
            result = "cancelled"
        duration = rng.randint(20, 900) if result == "answered" else 0
        phone_call = i % 3 != 0
        entry = CallLogEntry(
            direction=direction, started_at=start.isoformat(), contact_id=c.id,
            peer_uri=f"sip:{c.phones[0]}@sip.provider.example" if phone_call else
            f"sip:{c.display_name.split()[0].lower()}@pbx.example.com",
            number_e164=c.phones[0] if phone_call else None, line="phone" if phone_call else "pc",
            answered_at=(start + timedelta(seconds=4)).isoformat() if duration else None,
            ended_at=(start + timedelta(seconds=4 + duration)).isoformat(), duration=duration, result=result,
            sip_code=200 if duration else {"busy": 486, "rejected": 603}.get(result, 487),
            codec=rng.choice(["G722/16000", "PCMU/8000"]) if duration else "", viewed=True)
        app.store.calls.add(entry)
