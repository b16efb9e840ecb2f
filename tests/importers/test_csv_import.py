"""CSV exports of Google Contacts, Outlook (en/de/fr/es/pl), Thunderbird, and plain sheets."""

from __future__ import annotations

import pytest

from whitephone.core.search import parse_query
from whitephone.importers import NotAContactsFile, import_files


def run(store, tmp_path, text: str, encoding: str = "utf-8", region: str = "GB", name: str = "c.csv"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return import_files(store, [p], book_id=store.books.default_id(), policy="merge", region=region)


def person(store, name):
    hit = [c for c in store.contacts.search(parse_query(f"={name}"), limit=5) if c.kind == "person"]
    assert hit, f"{name} not imported"
    return store.contacts.get(hit[0].id)


GOOGLE = (
    "Name,Given Name,Additional Name,Family Name,Birthday,Notes,Group Membership,E-mail 1 - Type,"
    "E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Address 1 - Type,"
    "Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country,"
    "Organization 1 - Name,Organization 1 - Title,Website 1 - Type,Website 1 - Value\n"
    "Priya Sharma,Priya,,Sharma,1990-07-15,Met at expo,* myContacts ::: Clients,* Work,"
    "priya@example.in ::: priya.s@example.com,Mobile,+91 98765 43210 ::: +91 98765 43211,Work Fax,"
    "+91 22 1234 5678,Work,\"12 MG Road\nFloor 3\",Mumbai,400001,India,Tata Example,Buyer,Profile,"
    "https://example.in/priya\n"
)


def test_google_contacts_csv_with_multi_value_cells(store, tmp_path):
    r = run(store, tmp_path, GOOGLE, region="IN")
    assert (r.imported, r.errors) == (1, [])
    c = person(store, "Priya Sharma")
    assert [(p.kind, p.e164) for p in c.phones] == [
        ("mobile", "+919876543210"), ("mobile", "+919876543211"), ("office_fax", "+912212345678")]
    assert [e.address for e in c.emails] == ["priya@example.in", "priya.s@example.com"]
    assert c.emails[0].kind == "work"
    assert (c.addresses[0].street1, c.addresses[0].street2, c.addresses[0].city) == ("12 MG Road", "Floor 3",
                                                                                      "Mumbai")
    assert [(x.name, x.role) for x in c.companies] == [("Tata Example", "Buyer")]
    assert c.tags == ["Clients"] and c.birthday == "1990-07-15"


OUTLOOK = {
    "en": ("First Name,Middle Name,Last Name,Company,Job Title,Business Street,Business City,Business Postal Code,"
           "Business Country/Region,Business Phone,Mobile Phone,Business Fax,E-mail Address,Birthday,Categories\n"
           "Tom,,Baker,Baker & Sons,Owner,1 Bread St,London,EC4M 9AA,United Kingdom,020 7946 0111,"
           "07700 900456,020 7946 0112,tom@baker.example,3/14/1970,Suppliers\n", "utf-8"),
    "de": ("Vorname,Nachname,Firma,Position,Straße geschäftlich,Ort geschäftlich,Postleitzahl geschäftlich,"
           "Telefon geschäftlich,Mobiltelefon,Fax geschäftlich,E-Mail-Adresse,Geburtstag,Kategorien\n"
           "Tom,Baker,Baker & Söhne,Inhaber,Brotstraße 1,München,80331,089 1234567,0151 23456789,"
           "089 1234568,tom@baker.example,14.3.1970,Lieferanten\n", "cp1252"),
    "fr": ("Prénom,Nom,Société,Fonction,Rue (bureau),Ville (bureau),Code postal (bureau),Téléphone bureau,"
           "Tél. mobile,Télécopie bureau,Adresse de messagerie,Anniversaire,Catégories\n"
           "Tom,Baker,Boulangerie Baker,Gérant,1 rue du Pain,Paris,75001,01 42 68 53 00,06 12 34 56 78,"
           "01 42 68 53 01,tom@baker.example,14/3/1970,Fournisseurs\n", "cp1252"),
    "es": ("Nombre,Apellidos,Organización,Puesto,Calle del trabajo,Ciudad de trabajo,Código postal del trabajo,"
           "Teléfono del trabajo,Teléfono móvil,Fax del trabajo,Dirección de correo electrónico,Cumpleaños,"
           "Categorías\nTom,Baker,Panadería Baker,Dueño,Calle del Pan 1,Madrid,28001,912 345 678,"
           "612 345 678,912 345 679,tom@baker.example,14/03/1970,Proveedores\n", "cp1252"),
    "pl": ("Imię;Nazwisko;Firma;Stanowisko;Ulica (służbowy);Miasto (służbowy);Kod pocztowy (służbowy);"
           "Telefon służbowy;Telefon komórkowy;Faks służbowy;Adres e-mail;Urodziny;Kategorie\n"
           "Tom;Baker;Piekarnia Baker;Właściciel;ul. Chlebowa 1;Kraków;31-001;12 345 67 89;601 234 567;"
           "12 345 67 90;tom@baker.example;14.03.1970;Dostawcy\n", "utf-8-sig"),
}
REGION = {"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "pl": "PL"}


@pytest.mark.parametrize("lang", sorted(OUTLOOK))
def test_outlook_exports_in_five_languages(store, tmp_path, lang):
    text, enc = OUTLOOK[lang]
    r = run(store, tmp_path, text, enc, region=REGION[lang])
    assert (r.imported, r.errors) == (1, [])
    c = person(store, "Tom Baker")
    assert [p.kind for p in c.phones] == ["work", "mobile", "office_fax"]
    assert all(p.e164 and p.e164.startswith("+") for p in c.phones)
    assert c.emails[0].address == "tom@baker.example"
    assert c.birthday == "1970-03-14"
    assert c.companies[0].role and c.addresses[0].city and c.addresses[0].kind == "work"
    assert len(c.tags) == 1


def test_thunderbird_csv(store, tmp_path):
    text = ("First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Work Phone,Home Phone,"
            "Fax Number,Pager Number,Mobile Number,Home Address,Home City,Home ZipCode,Home Country,"
            "Job Title,Organization,Web Page 1,Birth Year,Birth Month,Birth Day,Notes\n"
            "Ada,Lovelace,Ada Lovelace,Ada,ada@example.org,ada@home.example,020 7946 0200,,,,07700 900789,"
            "12 St James's Sq,London,SW1Y 4JH,UK,Analyst,Engines Ltd,https://ada.example,1815,12,10,First!\n")
    r = run(store, tmp_path, text)
    assert (r.imported, r.errors) == (1, [])
    c = person(store, "Ada Lovelace")
    assert c.birthday == "1815-12-10" and c.nickname == "Ada"
    assert [e.address for e in c.emails] == ["ada@example.org", "ada@home.example"]
    assert [p.kind for p in c.phones] == ["work", "mobile"]


def test_plain_sheet_semicolons_and_bad_rows(store, tmp_path):
    text = "name;phone;email\nAnna Nowak;601 234 567;anna@example.pl\n;;\n;;nobody-here\nJan;x;y;extra\n"
    r = run(store, tmp_path, text, region="PL")
    assert r.imported == 2
    assert [(e.item, e.line) for e in r.errors] == [(3, 5)]
    assert "4 cells" in r.errors[0].reason
    assert person(store, "Anna Nowak").phones[0].e164 == "+48601234567"


def test_csv_that_is_not_contacts_is_refused(store, tmp_path):
    p = tmp_path / "sales.csv"
    p.write_text("region,quarter,revenue\nnorth,q1,100\n")
    with pytest.raises(NotAContactsFile, match="no column"):
        import_files(store, [p], book_id=store.books.default_id(), region="GB")
