<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl">
<context>
    <name>AddressBooksTab</name>
    <message>
        <source>Search names, companies, e-mails and numbers — =exact, Ma% starts with, %ria ends with, %ari% contains</source>
        <translation>Szukaj nazwisk, firm, adresów e-mail i numerów — =dokładnie, Ma% na początku, %ria na końcu, %ari% w środku</translation>
    </message>
    <message>
        <source>Add an address book</source>
        <translation>Dodaj książkę adresową</translation>
    </message>
    <message>
        <source>Rename the selected address book</source>
        <translation>Zmień nazwę zaznaczonej książki adresowej</translation>
    </message>
    <message>
        <source>Remove the selected address book</source>
        <translation>Usuń zaznaczoną książkę adresową</translation>
    </message>
    <message>
        <source>&lt;b&gt;Address books&lt;/b&gt;</source>
        <translation>&lt;b&gt;Książki adresowe&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Show only contacts with this tag</source>
        <translation>Pokaż tylko kontakty z tym tagiem</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Click to show everyone again</source>
        <translation>Kliknij, aby znów pokazać wszystkich</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nowy kontakt</translation>
    </message>
    <message>
        <source>Search failed: %s</source>
        <translation>Wyszukiwanie nie powiodło się: %s</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Your address book is empty&lt;/h2&gt;&lt;p&gt;Import the contacts you already have (vCard or CSV from Google, Outlook, Apple, Android or Thunderbird), or add one by hand.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Twoja książka adresowa jest pusta&lt;/h2&gt;&lt;p&gt;Zaimportuj kontakty, które już masz (vCard lub CSV z Google, Outlooka, Apple, Androida lub Thunderbirda), albo dodaj kontakt ręcznie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Import your address book…</source>
        <translation>Importuj książkę adresową…</translation>
    </message>
    <message>
        <source>Add a contact</source>
        <translation>Dodaj kontakt</translation>
    </message>
    <message>
        <source>No contact matches your search.</source>
        <translation>Żaden kontakt nie pasuje do wyszukiwania.</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>Cofnij usunięcie</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Usuń kontakt</translation>
    </message>
    <message>
        <source>Merge the two selected contacts</source>
        <translation>Scal dwa zaznaczone kontakty</translation>
    </message>
    <message>
        <source>The address book file was replaced by another program; showing the new one.</source>
        <translation>Plik książki adresowej został zastąpiony przez inny program; wyświetlany jest nowy plik.</translation>
    </message>
    <message>
        <source>Address books</source>
        <translation>Książki adresowe</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Szukaj kontaktów</translation>
    </message>
    <message>
        <source>Company filter</source>
        <translation>Filtr firmy</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakty</translation>
    </message>
    <message>
        <source>The address book file was replaced by another program and the new one cannot be used (%s). Restart WhitePhone.</source>
        <translation>Plik książki adresowej został zastąpiony przez inny program, a nowego pliku nie można użyć (%s). Uruchom ponownie WhitePhone.</translation>
    </message>
    <message>
        <source>All contacts (%d)</source>
        <translation>Wszystkie kontakty (%d)</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Dowolny tag</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nazwa:</translation>
    </message>
    <message>
        <source>New address book</source>
        <translation>Nowa książka adresowa</translation>
    </message>
    <message>
        <source>Rename address book</source>
        <translation>Zmień nazwę książki adresowej</translation>
    </message>
    <message>
        <source>Address book removed.</source>
        <translation>Książka adresowa została usunięta.</translation>
    </message>
    <message>
        <source>Remove address book</source>
        <translation>Usuń książkę adresową</translation>
    </message>
    <message>
        <source>Remove “%s” and its %s?</source>
        <translation>Usunąć „%s” i zapisane w niej kontakty (%s)?</translation>
    </message>
    <message>
        <source>Remove with its contacts</source>
        <translation>Usuń razem z kontaktami</translation>
    </message>
    <message>
        <source>Move contacts to “%s”</source>
        <translation>Przenieś kontakty do „%s”</translation>
    </message>
    <message>
        <source>New address book…</source>
        <translation>Nowa książka adresowa…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Zmień nazwę…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Usuń…</translation>
    </message>
    <message>
        <source>Company: %s  ✕</source>
        <translation>Firma: %s  ✕</translation>
    </message>
    <message>
        <source>%s has no number to call.</source>
        <translation>%s nie ma numeru, pod który można zadzwonić.</translation>
    </message>
    <message>
        <source>WhitePhone is still opening the address book; try again in a moment.</source>
        <translation>WhitePhone wciąż otwiera książkę adresową; spróbuj ponownie za chwilę.</translation>
    </message>
    <message>
        <source>Call %s</source>
        <translation>Zadzwoń: %s</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edytuj…</translation>
    </message>
    <message>
        <source>Show people of this company</source>
        <translation>Pokaż osoby z tej firmy</translation>
    </message>
    <message>
        <source>That did not work: %s</source>
        <translation>Nie udało się: %s</translation>
    </message>
    <message>
        <source>Contact saved.</source>
        <translation>Kontakt zapisany.</translation>
    </message>
    <message>
        <source>Deleted %s — press Ctrl+Z to undo.</source>
        <translation>Usunięto: %s — naciśnij Ctrl+Z, aby cofnąć.</translation>
    </message>
    <message>
        <source>The deleted contacts could not be put back (%s). Nothing is lost: press Ctrl+Z to try again.</source>
        <translation>Nie udało się przywrócić usuniętych kontaktów (%s). Nic nie zostało utracone: naciśnij Ctrl+Z, aby spróbować ponownie.</translation>
    </message>
    <message>
        <source>Restored %s.</source>
        <translation>Przywrócono: %s.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Scal</translation>
    </message>
    <message>
        <source>Select exactly two contacts to merge.</source>
        <translation>Zaznacz dokładnie dwa kontakty do scalenia.</translation>
    </message>
    <message>
        <source>Merge contacts</source>
        <translation>Scal kontakty</translation>
    </message>
    <message>
        <source>Merge “%s” into “%s”? Numbers, e-mails and addresses of both are kept; “%s” is removed.</source>
        <translation>Scalić „%s” z „%s”? Numery, adresy e-mail i adresy obu kontaktów zostaną zachowane; „%s” zostanie usunięty.</translation>
    </message>
</context>
<context>
    <name>AppointmentEditor</name>
    <message>
        <source>None</source>
        <translation>Brak</translation>
    </message>
    <message>
        <source>5 minutes before</source>
        <translation>5 minut wcześniej</translation>
    </message>
    <message>
        <source>15 minutes before</source>
        <translation>15 minut wcześniej</translation>
    </message>
    <message>
        <source>30 minutes before</source>
        <translation>30 minut wcześniej</translation>
    </message>
    <message>
        <source>1 hour before</source>
        <translation>1 godzinę wcześniej</translation>
    </message>
    <message>
        <source>2 hours before</source>
        <translation>2 godziny wcześniej</translation>
    </message>
    <message>
        <source>1 day before</source>
        <translation>1 dzień wcześniej</translation>
    </message>
    <message>
        <source>Does not repeat</source>
        <translation>Nie powtarza się</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Codziennie</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Co tydzień</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Co miesiąc</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Co rok</translation>
    </message>
    <message>
        <source>no answer yet</source>
        <translation>brak odpowiedzi</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>przyjęte</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>odrzucone</translation>
    </message>
    <message>
        <source>maybe</source>
        <translation>może</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Spotkanie</translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation>Nowe spotkanie</translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation>Czego dotyczy?</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Początek</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Koniec</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Cały dzień</translation>
    </message>
    <message>
        <source>Times in %s</source>
        <translation>Godziny w strefie %s</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Uczestnicy</translation>
    </message>
    <message>
        <source>Add a participant</source>
        <translation>Dodaj uczestnika</translation>
    </message>
    <message>
        <source>Add a contact or colleague: type a name or an e-mail</source>
        <translation>Dodaj kontakt lub współpracownika: wpisz imię i nazwisko albo adres e-mail</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Dodaj</translation>
    </message>
    <message>
        <source>Add the person typed on the left to the participants</source>
        <translation>Dodaj osobę wpisaną po lewej do uczestników</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Remove the selected participant</source>
        <translation>Usuń wybranego uczestnika</translation>
    </message>
    <message>
        <source>CRM record (task id), optional</source>
        <translation>Karta CRM (ID zadania), opcjonalnie</translation>
    </message>
    <message>
        <source>Private (colleagues see only that I am busy)</source>
        <translation>Prywatne (współpracownicy widzą tylko, że termin jest zajęty)</translation>
    </message>
    <message>
        <source>Repeat ends</source>
        <translation>Koniec powtarzania</translation>
    </message>
    <message>
        <source>for ever</source>
        <translation>bez końca</translation>
    </message>
    <message>
        <source>until</source>
        <translation>do dnia</translation>
    </message>
    <message>
        <source>times</source>
        <translation>określoną liczbę razy</translation>
    </message>
    <message>
        <source>Repeat until</source>
        <translation>Powtarzaj do</translation>
    </message>
    <message>
        <source>Number of times</source>
        <translation>Liczba powtórzeń</translation>
    </message>
    <message>
        <source>Phone meeting: at the start WhitePhone asks to call, or calls</source>
        <translation>Spotkanie telefoniczne: na początku WhitePhone zapyta o połączenie albo sam zadzwoni</translation>
    </message>
    <message>
        <source>Number or SIP address to call</source>
        <translation>Numer lub adres SIP, pod który zadzwonić</translation>
    </message>
    <message>
        <source>Ask me first</source>
        <translation>Najpierw zapytaj</translation>
    </message>
    <message>
        <source>Dial automatically</source>
        <translation>Wybierz automatycznie</translation>
    </message>
    <message>
        <source>Who (name)</source>
        <translation>Kto (imię i nazwisko)</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Numer:</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>Tryb:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Kontakt:</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>Notatki:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Temat:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Kiedy:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Miejsce:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Opis:</translation>
    </message>
    <message>
        <source>Participants:</source>
        <translation>Uczestnicy:</translation>
    </message>
    <message>
        <source>CRM record:</source>
        <translation>Karta CRM:</translation>
    </message>
    <message>
        <source>&amp;Reminder:</source>
        <translation>&amp;Przypomnienie:</translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation>Powtarzanie:</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Przyjmij</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Odrzuć</translation>
    </message>
    <message>
        <source>%s invited you.</source>
        <translation>%s zaprasza Cię.</translation>
    </message>
    <message>
        <source>You are invited.</source>
        <translation>Zaproszono Cię.</translation>
    </message>
    <message>
        <source>Your answer: %s</source>
        <translation>Twoja odpowiedź: %s</translation>
    </message>
    <message>
        <source>Only %s can change this private appointment.</source>
        <translation>Tylko %s może zmienić to prywatne spotkanie.</translation>
    </message>
    <message>
        <source>the organiser</source>
        <translation>organizator</translation>
    </message>
    <message>
        <source>The search for people failed: %s</source>
        <translation>Wyszukiwanie osób nie powiodło się: %s</translation>
    </message>
    <message>
        <source>colleague</source>
        <translation>współpracownik</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>kontakt</translation>
    </message>
    <message>
        <source>No contact or colleague called “%s”: type their name or an e-mail address.</source>
        <translation>Brak kontaktu lub współpracownika o nazwie „%s”: wpisz imię i nazwisko albo adres e-mail.</translation>
    </message>
    <message>
        <source>Just you</source>
        <translation>Tylko Ty</translation>
    </message>
    <message>
        <source>Repeats as set elsewhere: %s (kept unless you change it)</source>
        <translation>Powtarza się według reguły ustawionej gdzie indziej: %s (zostanie zachowana, jeśli jej nie zmienisz)</translation>
    </message>
    <message>
        <source>Give the appointment a subject.</source>
        <translation>Nadaj spotkaniu temat.</translation>
    </message>
    <message>
        <source>It ends before it starts.</source>
        <translation>Koniec jest wcześniej niż początek.</translation>
    </message>
    <message>
        <source>A phone meeting needs the number to call.</source>
        <translation>Spotkanie telefoniczne wymaga numeru, pod który trzeba zadzwonić.</translation>
    </message>
    <message>
        <source>The repeat ends before the first time.</source>
        <translation>Powtarzanie kończy się przed pierwszym wystąpieniem.</translation>
    </message>
</context>
<context>
    <name>CallLogsTab</name>
    <message>
        <source>Any result</source>
        <translation>Dowolny wynik</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Oddzwoń</translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation>Odtwórz nagranie</translation>
    </message>
    <message>
        <source>from</source>
        <translation>od</translation>
    </message>
    <message>
        <source>to</source>
        <translation>do</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No calls yet&lt;/h3&gt;&lt;p&gt;Every call you make or receive is logged here.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Brak połączeń&lt;/h3&gt;&lt;p&gt;Tutaj zapisywane jest każde wykonane i odebrane połączenie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Nagranie</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Kto</translation>
    </message>
    <message>
        <source>Number / address</source>
        <translation>Numer / adres</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Wynik</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Czas trwania</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Kodek</translation>
    </message>
    <message>
        <source>All calls</source>
        <translation>Wszystkie połączenia</translation>
    </message>
    <message>
        <source>PC to PC</source>
        <translation>Komputer – komputer</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>In and out</source>
        <translation>Przychodzące i wychodzące</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Przychodzące</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Wychodzące</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Odebrane</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Nieodebrane</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Odrzucone</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Zajęte</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Nieudane</translation>
    </message>
    <message>
        <source>Calls shown</source>
        <translation>Pokazywane połączenia</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Kierunek</translation>
    </message>
    <message>
        <source>Calls from</source>
        <translation>Połączenia od dnia</translation>
    </message>
    <message>
        <source>Calls until</source>
        <translation>Połączenia do dnia</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Połączenia</translation>
    </message>
    <message>
        <source>This call has no recording.</source>
        <translation>To połączenie nie ma nagrania.</translation>
    </message>
    <message>
        <source>The recording file is missing: %s</source>
        <translation>Brak pliku nagrania: %s</translation>
    </message>
</context>
<context>
    <name>ContactCount</name>
    <message numerus="yes">
        <source>%n+ contacts</source>
        <translation>
            <numerusform>%n+ kontakt</numerusform>
            <numerusform>%n+ kontakty</numerusform>
            <numerusform>%n+ kontaktów</numerusform>
        </translation>
    </message>
    <message>
        <source>1 contact</source>
        <translation>1 kontakt</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts</source>
        <translation>
            <numerusform>%n kontakt</numerusform>
            <numerusform>%n kontakty</numerusform>
            <numerusform>%n kontaktów</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactRequestsDialog</name>
    <message>
        <source>Contact requests</source>
        <translation>Prośby o kontakt</translation>
    </message>
    <message>
        <source>%s wants to see your status and call you.</source>
        <translation>%s chce widzieć Twój status i dzwonić do Ciebie.</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Przyjmij</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Odrzuć</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
</context>
<context>
    <name>CrmTab</name>
    <message>
        <source>Any status</source>
        <translation>Dowolny status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otwarta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Zamknięta</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Dowolny priorytet</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Wysoki</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Średni</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niski</translation>
    </message>
    <message>
        <source>Record type</source>
        <translation>Typ karty</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>ID zadania</translation>
    </message>
    <message>
        <source>View Task</source>
        <translation>Pokaż zadanie</translation>
    </message>
    <message>
        <source>New record…</source>
        <translation>Nowa karta…</translation>
    </message>
    <message>
        <source>A new CRM record (Ctrl+N)</source>
        <translation>Nowa karta CRM (Ctrl+N)</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Migawka</translation>
    </message>
    <message>
        <source>The list as it is now, in a window that stays open</source>
        <translation>Lista w obecnym stanie, w oknie, które pozostaje otwarte</translation>
    </message>
    <message>
        <source>Types…</source>
        <translation>Typy…</translation>
    </message>
    <message>
        <source>The company&apos;s record types (CRM admins change them)</source>
        <translation>Typy kart w firmie (zmieniają je administratorzy CRM)</translation>
    </message>
    <message>
        <source>Reports…</source>
        <translation>Raporty…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <source>Sync with the hub now and show the records as they are</source>
        <translation>Synchronizuj teraz z serwerem firmy i pokaż aktualne karty</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Priorytet:</translation>
    </message>
    <message>
        <source>Could not read the CRM records: %s</source>
        <translation>Nie udało się odczytać kart CRM: %s</translation>
    </message>
    <message>
        <source>CRM records</source>
        <translation>Karty CRM</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>Dowolny typ</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>Wszystkie karty</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 karta</translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n karta</numerusform>
            <numerusform>%n karty</numerusform>
            <numerusform>%n kart</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;color:#445&apos;&gt;No CRM records&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Customer records (enquiries, support calls, sales leads) with their notes and reminders are listed here, shared with your team through the hub.&lt;/p&gt;&lt;p style=&apos;color:#666&apos;&gt;Press &lt;b&gt;New record…&lt;/b&gt; (Ctrl+N), or the CRM button in a call or on a contact.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;color:#445&apos;&gt;Brak kart CRM&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Tutaj są karty klientów (zapytania, zgłoszenia serwisowe, szanse sprzedaży) z notatkami i przypomnieniami, udostępniane zespołowi przez serwer firmy.&lt;/p&gt;&lt;p style=&apos;color:#666&apos;&gt;Naciśnij &lt;b&gt;Nowa karta…&lt;/b&gt; (Ctrl+N) albo przycisk CRM w oknie połączenia lub przy kontakcie.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;color:#445&apos;&gt;No records match&lt;/h3&gt;&lt;p style=&apos;color:#666&apos;&gt;No %s. Choose other filters above.&lt;/p&gt;</source>
        <translation>&lt;h3 style=&apos;color:#445&apos;&gt;Brak pasujących kart&lt;/h3&gt;&lt;p style=&apos;color:#666&apos;&gt;Brak kart: %s. Wybierz inne filtry powyżej.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Type a task id, then View Task.</source>
        <translation>Wpisz ID zadania, a potem kliknij Pokaż zadanie.</translation>
    </message>
    <message>
        <source>No CRM record with task id %s (a record made elsewhere appears after a sync: Refresh).</source>
        <translation>Brak karty CRM o ID zadania %s (karta utworzona gdzie indziej pojawi się po synchronizacji: Odśwież).</translation>
    </message>
    <message>
        <source>Sign in to your company&apos;s hub to see and change the record types</source>
        <translation>Zaloguj się do serwera firmy, aby zobaczyć i zmienić typy kart</translation>
    </message>
    <message>
        <source>Syncing CRM records with the hub…</source>
        <translation>Synchronizacja kart CRM z serwerem firmy…</translation>
    </message>
    <message>
        <source>CRM snapshot — %s — %s</source>
        <translation>Migawka CRM — %s — %s</translation>
    </message>
    <message>
        <source>Snapshot failed: %s</source>
        <translation>Nie udało się wykonać migawki: %s</translation>
    </message>
</context>
<context>
    <name>DiaryTab</name>
    <message>
        <source>Day</source>
        <translation>Dzień</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Tydzień</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Miesiąc</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Harmonogram</translation>
    </message>
    <message>
        <source>Previous (PgUp)</source>
        <translation>Poprzedni (PgUp)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Poprzedni</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Dziś</translation>
    </message>
    <message>
        <source>Go to today (T)</source>
        <translation>Przejdź do dzisiaj (T)</translation>
    </message>
    <message>
        <source>Next (PgDn)</source>
        <translation>Następny (PgDn)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Następny</translation>
    </message>
    <message>
        <source>%s view (%d)</source>
        <translation>Widok: %s (%d)</translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation>Nowe spotkanie</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importuj…</translation>
    </message>
    <message>
        <source>Import appointments from .ics files</source>
        <translation>Importuj spotkania z plików .ics</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Eksportuj…</translation>
    </message>
    <message>
        <source>Export appointments to an .ics file</source>
        <translation>Eksportuj spotkania do pliku .ics</translation>
    </message>
    <message>
        <source>Times in %s</source>
        <translation>Godziny w strefie %s</translation>
    </message>
    <message>
        <source>Diary: %s</source>
        <translation>Terminarz: %s</translation>
    </message>
    <message>
        <source>Diary</source>
        <translation>Terminarz</translation>
    </message>
    <message>
        <source>Added “%s”</source>
        <translation>Dodano „%s”</translation>
    </message>
    <message>
        <source>Appointment (repeating)</source>
        <translation>Spotkanie (cykliczne)</translation>
    </message>
    <message>
        <source>Answer sent: %s</source>
        <translation>Wysłano odpowiedź: %s</translation>
    </message>
    <message>
        <source>Saved “%s”</source>
        <translation>Zapisano „%s”</translation>
    </message>
    <message>
        <source>Change a repeating appointment</source>
        <translation>Zmiana spotkania cyklicznego</translation>
    </message>
    <message>
        <source>“%s” repeats. Change this occurrence only, this and the following ones, or all of them?</source>
        <translation>„%s” się powtarza. Zmienić tylko to wystąpienie, to i następne, czy wszystkie?</translation>
    </message>
    <message>
        <source>Not saved: say which occurrences the change is for.</source>
        <translation>Nie zapisano: wskaż, których wystąpień dotyczy zmiana.</translation>
    </message>
    <message>
        <source>This occurrence</source>
        <translation>To wystąpienie</translation>
    </message>
    <message>
        <source>This and the following</source>
        <translation>To i następne</translation>
    </message>
    <message>
        <source>All occurrences</source>
        <translation>Wszystkie wystąpienia</translation>
    </message>
    <message>
        <source>Move a repeating appointment</source>
        <translation>Przesunięcie spotkania cyklicznego</translation>
    </message>
    <message>
        <source>“%s” repeats. Move this occurrence only, this and the following ones, or all of them?</source>
        <translation>„%s” się powtarza. Przesunąć tylko to wystąpienie, to i następne, czy wszystkie?</translation>
    </message>
    <message>
        <source>Moved “%s” from this occurrence on</source>
        <translation>Przesunięto „%s” od tego wystąpienia</translation>
    </message>
    <message>
        <source>Moved this occurrence of “%s”</source>
        <translation>Przesunięto to wystąpienie „%s”</translation>
    </message>
    <message>
        <source>Moved every “%s”</source>
        <translation>Przesunięto wszystkie wystąpienia „%s”</translation>
    </message>
    <message>
        <source>Moved “%s”</source>
        <translation>Przesunięto „%s”</translation>
    </message>
    <message>
        <source>Delete a repeating appointment</source>
        <translation>Usuwanie spotkania cyklicznego</translation>
    </message>
    <message>
        <source>“%s” repeats. Delete this occurrence only, or all of them?</source>
        <translation>„%s” się powtarza. Usunąć tylko to wystąpienie czy wszystkie?</translation>
    </message>
    <message>
        <source>Delete appointment</source>
        <translation>Usuń spotkanie</translation>
    </message>
    <message>
        <source>Delete “%s”?</source>
        <translation>Usunąć „%s”?</translation>
    </message>
    <message>
        <source>Deleted “%s”</source>
        <translation>Usunięto „%s”</translation>
    </message>
    <message>
        <source>Import appointments</source>
        <translation>Importuj spotkania</translation>
    </message>
    <message>
        <source>iCalendar (*.ics *.ical *.ifb);;All files (*)</source>
        <translation>iCalendar (*.ics *.ical *.ifb);;Wszystkie pliki (*)</translation>
    </message>
    <message>
        <source>Importing appointments…</source>
        <translation>Importowanie spotkań…</translation>
    </message>
    <message>
        <source>Nothing imported: %s</source>
        <translation>Nic nie zaimportowano: %s</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import zakończony</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt;&lt;br&gt;Added: %d &amp;nbsp; Updated: %d &amp;nbsp; Skipped: %d &amp;nbsp; Problems: %d</source>
        <translation>&lt;b&gt;Import zakończony.&lt;/b&gt;&lt;br&gt;Dodano: %d &amp;nbsp; Zaktualizowano: %d &amp;nbsp; Pominięto: %d &amp;nbsp; Problemy: %d</translation>
    </message>
    <message>
        <source>These items were left out (the others were imported):</source>
        <translation>Te pozycje pominięto (pozostałe zaimportowano):</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n appointment(s)</source>
        <translation>
            <numerusform>Zaimportowano %n spotkanie</numerusform>
            <numerusform>Zaimportowano %n spotkania</numerusform>
            <numerusform>Zaimportowano %n spotkań</numerusform>
        </translation>
    </message>
    <message>
        <source>%s, line %s</source>
        <translation>%s, wiersz %s</translation>
    </message>
    <message>
        <source>%s (item %s)</source>
        <translation>%s (pozycja %s)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n appointment(s) to %s</source>
        <translation>
            <numerusform>Wyeksportowano %n spotkanie do %s</numerusform>
            <numerusform>Wyeksportowano %n spotkania do %s</numerusform>
            <numerusform>Wyeksportowano %n spotkań do %s</numerusform>
        </translation>
    </message>
    <message>
        <source>Export appointments</source>
        <translation>Eksportuj spotkania</translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message>
        <source>Export the appointments shown (%s) or all of them?</source>
        <translation>Eksportować widoczne spotkania (%s) czy wszystkie?</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Widoczne</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Wszystkie</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Eksportowanie…</translation>
    </message>
    <message>
        <source>Export failed: %s</source>
        <translation>Eksport nie powiódł się: %s</translation>
    </message>
</context>
<context>
    <name>DiaryView</name>
    <message>
        <source>(no subject)</source>
        <translation>(bez tematu)</translation>
    </message>
</context>
<context>
    <name>FindPeopleDialog</name>
    <message>
        <source>Find people</source>
        <translation>Znajdź osoby</translation>
    </message>
    <message>
        <source>Name or e-mail</source>
        <translation>Imię i nazwisko lub e-mail</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Szukaj</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Znalezione osoby</translation>
    </message>
    <message>
        <source>Search your company and other WhitePhone users who can be found.</source>
        <translation>Szukaj w swojej firmie i wśród innych użytkowników WhitePhone, których można znaleźć.</translation>
    </message>
    <message>
        <source>Send contact request</source>
        <translation>Wyślij prośbę o kontakt</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Wyszukiwanie…</translation>
    </message>
    <message>
        <source>colleague</source>
        <translation>współpracownik</translation>
    </message>
    <message>
        <source>other company</source>
        <translation>inna firma</translation>
    </message>
    <message numerus="yes">
        <source>%n found. Select someone and send a contact request; once they accept, you see each other&apos;s status.</source>
        <translation>
            <numerusform>Znaleziono %n osobę. Zaznacz ją i wyślij prośbę o kontakt; gdy ją przyjmie, będziecie widzieć nawzajem swój status.</numerusform>
            <numerusform>Znaleziono %n osoby. Zaznacz kogoś i wyślij prośbę o kontakt; gdy ją przyjmie, będziecie widzieć nawzajem swój status.</numerusform>
            <numerusform>Znaleziono %n osób. Zaznacz kogoś i wyślij prośbę o kontakt; gdy ją przyjmie, będziecie widzieć nawzajem swój status.</numerusform>
        </translation>
    </message>
    <message>
        <source>No one matches that search.</source>
        <translation>Nikt nie pasuje do wyszukiwania.</translation>
    </message>
    <message>
        <source>Select someone in the list first.</source>
        <translation>Najpierw zaznacz kogoś na liście.</translation>
    </message>
    <message>
        <source>Contact request sent to %s.</source>
        <translation>Wysłano prośbę o kontakt do: %s.</translation>
    </message>
</context>
<context>
    <name>LastSeen</name>
    <message>
        <source>now</source>
        <translation>teraz</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nigdy</translation>
    </message>
    <message>
        <source>a minute ago</source>
        <translation>minutę temu</translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation>1 minutę temu</translation>
    </message>
    <message numerus="yes">
        <source>%n minutes ago</source>
        <translation>
            <numerusform>%n minutę temu</numerusform>
            <numerusform>%n minuty temu</numerusform>
            <numerusform>%n minut temu</numerusform>
        </translation>
    </message>
    <message>
        <source>1 hour ago</source>
        <translation>1 godzinę temu</translation>
    </message>
    <message numerus="yes">
        <source>%n hours ago</source>
        <translation>
            <numerusform>%n godzinę temu</numerusform>
            <numerusform>%n godziny temu</numerusform>
            <numerusform>%n godzin temu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LegendDialog</name>
    <message>
        <source>Online Monitor icons</source>
        <translation>Ikony Monitora obecności</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Reply by text</source>
        <translation>Odpowiedz tekstem</translation>
    </message>
    <message>
        <source>Reply by voice mail</source>
        <translation>Odpowiedz wiadomością głosową</translation>
    </message>
    <message>
        <source>Reply by video mail</source>
        <translation>Odpowiedz wiadomością wideo</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Treść wiadomości</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Odpowiedz</translation>
    </message>
    <message>
        <source>Reply by text (Ctrl+R); the arrow offers voice and video mail</source>
        <translation>Odpowiedz tekstem (Ctrl+R); strzałka udostępnia wiadomość głosową i wideo</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Oddzwoń</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>The sender&apos;s CRM records</source>
        <translation>Karty CRM nadawcy</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Drzemka</translation>
    </message>
    <message>
        <source>For %s</source>
        <translation>Na %s</translation>
    </message>
    <message>
        <source>Open the record</source>
        <translation>Otwórz kartę</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Przyjmij</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Odrzuć</translation>
    </message>
    <message>
        <source>The recording could not be fetched: %s</source>
        <translation>Nie udało się pobrać nagrania: %s</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;Select a message to read it here.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#666&apos;&gt;Zaznacz wiadomość, aby ją tu przeczytać.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>market %s</source>
        <translation>rynek %s</translation>
    </message>
    <message>
        <source>Fetching the recording from the hub…</source>
        <translation>Pobieranie nagrania z serwera firmy…</translation>
    </message>
    <message>
        <source>Waiting in the outbox: it goes when the hub is reachable.</source>
        <translation>Czeka w folderze Do wysłania: zostanie wysłana, gdy serwer firmy będzie dostępny.</translation>
    </message>
    <message numerus="yes">
        <source>In the trash: restorable for %n more day(s).</source>
        <translation>
            <numerusform>W koszu: można przywrócić jeszcze przez %n dzień.</numerusform>
            <numerusform>W koszu: można przywrócić jeszcze przez %n dni.</numerusform>
            <numerusform>W koszu: można przywrócić jeszcze przez %n dni.</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the appointment</source>
        <translation>Otwórz spotkanie</translation>
    </message>
    <message>
        <source>You accepted this request.</source>
        <translation>Ta prośba została przez Ciebie przyjęta.</translation>
    </message>
    <message>
        <source>You declined this request.</source>
        <translation>Ta prośba została przez Ciebie odrzucona.</translation>
    </message>
</context>
<context>
    <name>MessagesTab</name>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Voice mail</source>
        <translation>Wiadomość głosowa</translation>
    </message>
    <message>
        <source>Video mail</source>
        <translation>Wiadomość wideo</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Ogłoszenie</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Przypomnienie</translation>
    </message>
    <message>
        <source>Contact request</source>
        <translation>Prośba o kontakt</translation>
    </message>
    <message>
        <source>New message…</source>
        <translation>Nowa wiadomość…</translation>
    </message>
    <message>
        <source>Text, voice mail or video mail to colleagues (Ctrl+N)</source>
        <translation>Tekst, wiadomość głosowa lub wideo do współpracowników (Ctrl+N)</translation>
    </message>
    <message>
        <source>Announce…</source>
        <translation>Ogłoś…</translation>
    </message>
    <message>
        <source>Markets…</source>
        <translation>Rynki…</translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation>Szukaj wiadomości</translation>
    </message>
    <message>
        <source>Kind of messages</source>
        <translation>Rodzaj wiadomości</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Wszystkie rodzaje</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>From (name or e-mail)</source>
        <translation>Od (imię i nazwisko lub e-mail)</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>Między</translation>
    </message>
    <message>
        <source>Messages from</source>
        <translation>Wiadomości od dnia</translation>
    </message>
    <message>
        <source>Messages until</source>
        <translation>Wiadomości do dnia</translation>
    </message>
    <message>
        <source>and</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Nieprzeczytane</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Kosz</translation>
    </message>
    <message>
        <source>Deleted messages; they can be restored for %d days</source>
        <translation>Usunięte wiadomości; można je przywrócić przez %d dni</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>Oznacz jako nieprzeczytane</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Move to the trash (Del)</source>
        <translation>Przenieś do kosza (Del)</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Przywróć</translation>
    </message>
    <message>
        <source>Messages could not be read: %s</source>
        <translation>Nie udało się odczytać wiadomości: %s</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n wiadomość</numerusform>
            <numerusform>%n wiadomości</numerusform>
            <numerusform>%n wiadomości</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;p style=&apos;color:#666&apos;&gt;%n messages selected: mark them read or unread, or delete them together.&lt;/p&gt;</source>
        <translation>
            <numerusform>&lt;p style=&apos;color:#666&apos;&gt;Zaznaczono %n wiadomość: oznacz ją jako przeczytaną lub nieprzeczytaną albo ją usuń.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p style=&apos;color:#666&apos;&gt;Zaznaczono %n wiadomości: oznacz je jako przeczytane lub nieprzeczytane albo usuń je razem.&lt;/p&gt;</numerusform>
            <numerusform>&lt;p style=&apos;color:#666&apos;&gt;Zaznaczono %n wiadomości: oznacz je jako przeczytane lub nieprzeczytane albo usuń je razem.&lt;/p&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) moved to the trash (restorable for %d days).</source>
        <translation>
            <numerusform>Przeniesiono %n wiadomość do kosza (można ją przywrócić przez %d dni).</numerusform>
            <numerusform>Przeniesiono %n wiadomości do kosza (można je przywrócić przez %d dni).</numerusform>
            <numerusform>Przeniesiono %n wiadomości do kosza (można je przywrócić przez %d dni).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) restored to the inbox.</source>
        <translation>
            <numerusform>Przywrócono %n wiadomość do skrzynki odbiorczej.</numerusform>
            <numerusform>Przywrócono %n wiadomości do skrzynki odbiorczej.</numerusform>
            <numerusform>Przywrócono %n wiadomości do skrzynki odbiorczej.</numerusform>
        </translation>
    </message>
    <message>
        <source>The trash is empty</source>
        <translation>Kosz jest pusty</translation>
    </message>
    <message>
        <source>Deleted messages wait here for %d days, then they are gone for good.</source>
        <translation>Usunięte wiadomości czekają tu przez %d dni, a potem znikają na zawsze.</translation>
    </message>
    <message>
        <source>No messages match</source>
        <translation>Brak pasujących wiadomości</translation>
    </message>
    <message>
        <source>Nothing matches this filter; change or clear it.</source>
        <translation>Nic nie pasuje do tego filtra; zmień go lub wyczyść.</translation>
    </message>
    <message>
        <source>No messages</source>
        <translation>Brak wiadomości</translation>
    </message>
    <message>
        <source>Text messages, voice mail, video mail, announcements, reminders and contact requests appear here. Press Ctrl+N to write to a colleague.</source>
        <translation>Tutaj pojawiają się wiadomości tekstowe, głosowe i wideo, ogłoszenia, przypomnienia oraz prośby o kontakt. Naciśnij Ctrl+N, aby napisać do współpracownika.</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>Oznacz jako przeczytane</translation>
    </message>
    <message>
        <source>Reply by text</source>
        <translation>Odpowiedz tekstem</translation>
    </message>
    <message>
        <source>Reply by voice mail</source>
        <translation>Odpowiedz wiadomością głosową</translation>
    </message>
    <message>
        <source>Reply by video mail</source>
        <translation>Odpowiedz wiadomością wideo</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Oddzwoń</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>+%n więcej</numerusform>
            <numerusform>+%n więcej</numerusform>
            <numerusform>+%n więcej</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OnlineMonitorTab</name>
    <message>
        <source>My status:</source>
        <translation>Mój status:</translation>
    </message>
    <message>
        <source>A note colleagues see (e.g. “In a meeting until 3”)</source>
        <translation>Notatka widoczna dla współpracowników (np. „Na spotkaniu do 15”)</translation>
    </message>
    <message>
        <source>Find people…</source>
        <translation>Znajdź osoby…</translation>
    </message>
    <message>
        <source>Add from address book…</source>
        <translation>Dodaj z książki adresowej…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notatka</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Ostatnio widziany</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Zaloguj się…</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;color:#445&apos;&gt;You are not signed in&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Sign in to your company&apos;s WhitePhone hub, or start your own office hub, to see your colleagues and contacts here with their status.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;color:#445&apos;&gt;Nie zalogowano&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Zaloguj się do serwera firmy WhitePhone albo uruchom własny serwer w biurze, aby widzieć tu współpracowników i kontakty wraz z ich statusem.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;color:#445&apos;&gt;No one to show yet&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Colleagues your administrator adds appear here with their status. Use “Find people…” to send a contact request to someone else.&lt;/p&gt;</source>
        <translation>&lt;h2 style=&apos;color:#445&apos;&gt;Na razie nikogo tu nie ma&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Współpracownicy dodani przez administratora pojawią się tu wraz ze swoim statusem. Użyj „Znajdź osoby…”, aby wysłać prośbę o kontakt do kogoś innego.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>1 contact request…</source>
        <translation>1 prośba o kontakt…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Dostępny</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>Nieobecny</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Zajęty</translation>
    </message>
    <message>
        <source>Do not disturb</source>
        <translation>Nie przeszkadzać</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Niedostępny</translation>
    </message>
    <message>
        <source>Phone only</source>
        <translation>Tylko telefon</translation>
    </message>
    <message>
        <source>Invisible</source>
        <translation>Niewidoczny</translation>
    </message>
    <message>
        <source>Send text</source>
        <translation>Wyślij tekst</translation>
    </message>
    <message>
        <source>Voice mail</source>
        <translation>Wiadomość głosowa</translation>
    </message>
    <message>
        <source>Video mail</source>
        <translation>Wiadomość wideo</translation>
    </message>
    <message>
        <source>Signed in and available; a call rings at once.</source>
        <translation>Zalogowany i dostępny; połączenie od razu dzwoni.</translation>
    </message>
    <message>
        <source>Signed in, but has not used the computer for a while (or chose Away).</source>
        <translation>Zalogowany, ale od jakiegoś czasu nie korzysta z komputera (albo wybrał Nieobecny).</translation>
    </message>
    <message>
        <source>Signed in and busy; calls still ring.</source>
        <translation>Zalogowany i zajęty; połączenia nadal dzwonią.</translation>
    </message>
    <message>
        <source>Do not disturb: please send a message instead of calling.</source>
        <translation>Nie przeszkadzać: zamiast dzwonić, wyślij wiadomość.</translation>
    </message>
    <message>
        <source>Not signed in (or invisible). “Last seen” tells when they were.</source>
        <translation>Niezalogowany (lub niewidoczny). „Ostatnio widziany” mówi, kiedy był zalogowany.</translation>
    </message>
    <message>
        <source>A contact from your address book, called on their phone number.</source>
        <translation>Kontakt z Twojej książki adresowej, do którego dzwonisz na numer telefonu.</translation>
    </message>
    <message>
        <source>My status note</source>
        <translation>Moja notatka o statusie</translation>
    </message>
    <message>
        <source>Contact requests</source>
        <translation>Prośby o dodanie do kontaktów</translation>
    </message>
    <message>
        <source>Colleagues and contacts</source>
        <translation>Współpracownicy i kontakty</translation>
    </message>
    <message numerus="yes">
        <source>%n contact requests…</source>
        <translation>
            <numerusform>%n prośba o kontakt…</numerusform>
            <numerusform>%n prośby o kontakt…</numerusform>
            <numerusform>%n próśb o kontakt…</numerusform>
        </translation>
    </message>
    <message>
        <source>Show removed people again</source>
        <translation>Pokaż ponownie usunięte osoby</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Zadzwoń</translation>
    </message>
    <message>
        <source>Messages go to people on WhitePhone</source>
        <translation>Wiadomości można wysyłać do osób korzystających z WhitePhone</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>View profile</source>
        <translation>Pokaż profil</translation>
    </message>
    <message>
        <source>Remove from monitor</source>
        <translation>Usuń z monitora</translation>
    </message>
    <message>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;%s&lt;br&gt;Status: %s&lt;br&gt;Last seen: %s&lt;br&gt;%s</source>
        <translation>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;%s&lt;br&gt;Status: %s&lt;br&gt;Ostatnio widziany: %s&lt;br&gt;%s</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>Współpracownik</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Add from address book</source>
        <translation>Dodaj z książki adresowej</translation>
    </message>
    <message>
        <source>Name of the contact to show on the monitor:</source>
        <translation>Nazwa kontaktu do pokazania na monitorze:</translation>
    </message>
    <message>
        <source>No contact with a phone number matches “%s”.</source>
        <translation>Żaden kontakt z numerem telefonu nie pasuje do „%s”.</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Kontakt:</translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Diary reminders: %s</source>
        <translation>Przypomnienia terminarza: %s</translation>
    </message>
    <message>
        <source>Reminder: %s</source>
        <translation>Przypomnienie: %s</translation>
    </message>
    <message>
        <source>%s (all day)</source>
        <translation>%s (cały dzień)</translation>
    </message>
    <message numerus="yes">
        <source>%n reminders while WhitePhone was closed</source>
        <translation>
            <numerusform>%n przypomnienie, gdy WhitePhone był zamknięty</numerusform>
            <numerusform>%n przypomnienia, gdy WhitePhone był zamknięty</numerusform>
            <numerusform>%n przypomnień, gdy WhitePhone był zamknięty</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n reminders</source>
        <translation>
            <numerusform>%n przypomnienie</numerusform>
            <numerusform>%n przypomnienia</numerusform>
            <numerusform>%n przypomnień</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… i %n więcej</numerusform>
            <numerusform>… i %n więcej</numerusform>
            <numerusform>… i %n więcej</numerusform>
        </translation>
    </message>
    <message>
        <source>Phone meeting: %s</source>
        <translation>Spotkanie telefoniczne: %s</translation>
    </message>
    <message>
        <source>It starts now but cannot be dialled: %s</source>
        <translation>Zaczyna się teraz, ale nie można wybrać numeru: %s</translation>
    </message>
    <message>
        <source>Calling %s now</source>
        <translation>Łączenie z: %s</translation>
    </message>
    <message>
        <source>“%s” starts now.
Call %s now?</source>
        <translation>„%s” zaczyna się teraz.
Zadzwonić teraz do: %s?</translation>
    </message>
    <message>
        <source>It was not dialled automatically: %s</source>
        <translation>Numer nie został wybrany automatycznie: %s</translation>
    </message>
    <message>
        <source>Phone meeting</source>
        <translation>Spotkanie telefoniczne</translation>
    </message>
    <message>
        <source>Call now</source>
        <translation>Zadzwoń teraz</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nie teraz</translation>
    </message>
</context>
<context>
    <name>SnapshotWindow</name>
    <message>
        <source>Records</source>
        <translation>Karty</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 karta</translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n karta</numerusform>
            <numerusform>%n karty</numerusform>
            <numerusform>%n kart</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %d of %n records</source>
        <translation>
            <numerusform>Pierwsze %d z %n karty</numerusform>
            <numerusform>Pierwsze %d z %n kart</numerusform>
            <numerusform>Pierwsze %d z %n kart</numerusform>
        </translation>
    </message>
    <message>
        <source>no records</source>
        <translation>brak kart</translation>
    </message>
</context>
<context>
    <name>SnoozeText</name>
    <message numerus="yes">
        <source>%n minutes</source>
        <translation>
            <numerusform>%n minutę</numerusform>
            <numerusform>%n minuty</numerusform>
            <numerusform>%n minut</numerusform>
        </translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 godzinę</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 dzień</translation>
    </message>
</context>
<context>
    <name>_AgendaBody</name>
    <message>
        <source>No appointments from %s to %s.
Double-click or press Enter to add one.</source>
        <translation>Brak spotkań od %s do %s.
Kliknij dwukrotnie lub naciśnij Enter, aby dodać spotkanie.</translation>
    </message>
    <message>
        <source>  (today)</source>
        <translation>  (dziś)</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>cały dzień</translation>
    </message>
</context>
<context>
    <name>_GridHeader</name>
    <message>
        <source>all day</source>
        <translation>cały dzień</translation>
    </message>
</context>
</TS>
