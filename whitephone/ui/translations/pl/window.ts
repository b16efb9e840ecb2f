<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl">
<context>
    <name>AccountStatus</name>
    <message>
        <source>calls off</source>
        <translation>połączenia wyłączone</translation>
    </message>
    <message>
        <source>local, no registrar</source>
        <translation>lokalnie, bez serwera rejestracji</translation>
    </message>
    <message>
        <source>%s transport not running in the engine</source>
        <translation>transport %s nie działa w silniku połączeń</translation>
    </message>
    <message>
        <source>registering…</source>
        <translation>rejestrowanie…</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>zarejestrowano</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>nie zarejestrowano</translation>
    </message>
    <message>
        <source>TLS via proxy</source>
        <translation>TLS przez serwer proxy</translation>
    </message>
    <message>
        <source>TLS: the server&apos;s certificate has expired</source>
        <translation>TLS: certyfikat serwera wygasł</translation>
    </message>
    <message>
        <source>TLS: the server&apos;s certificate is for another name</source>
        <translation>TLS: certyfikat serwera jest wystawiony na inną nazwę</translation>
    </message>
    <message>
        <source>TLS: self-signed certificate, not trusted</source>
        <translation>TLS: certyfikat z podpisem własnym, niezaufany</translation>
    </message>
    <message>
        <source>TLS: certificate not from a trusted authority</source>
        <translation>TLS: certyfikat nie pochodzi od zaufanego urzędu</translation>
    </message>
    <message>
        <source>TLS: the certificate is not the pinned one</source>
        <translation>TLS: certyfikat nie jest tym przypiętym</translation>
    </message>
    <message>
        <source>HTTP proxy refused the connection</source>
        <translation>Serwer proxy HTTP odmówił połączenia</translation>
    </message>
    <message>
        <source>TLS: cannot reach the server</source>
        <translation>TLS: nie można połączyć się z serwerem</translation>
    </message>
    <message>
        <source>DNS: the registrar&apos;s name was not found (%d)</source>
        <translation>DNS: nie znaleziono nazwy serwera rejestracji (%d)</translation>
    </message>
    <message>
        <source>%d: wrong user name or password</source>
        <translation>%d: błędna nazwa użytkownika lub hasło</translation>
    </message>
    <message>
        <source>403: refused by the provider (forbidden)</source>
        <translation>403: operator odmówił (brak dostępu)</translation>
    </message>
    <message>
        <source>404: the registrar does not know this account</source>
        <translation>404: serwer rejestracji nie zna tego konta</translation>
    </message>
    <message>
        <source>timeout: no answer from the registrar (408)</source>
        <translation>przekroczony czas: brak odpowiedzi serwera rejestracji (408)</translation>
    </message>
    <message>
        <source>%d: cannot reach the registrar</source>
        <translation>%d: nie można połączyć się z serwerem rejestracji</translation>
    </message>
    <message>
        <source>Why: %s</source>
        <translation>Powód: %s</translation>
    </message>
    <message>
        <source>Warning: your proxy password crossed the network unencrypted (Basic authentication to %s); ask IT to offer Negotiate or NTLM on the proxy</source>
        <translation>Uwaga: hasło do serwera proxy zostało przesłane przez sieć bez szyfrowania (uwierzytelnianie Basic do %s); poproś dział IT o włączenie Negotiate lub NTLM na serwerze proxy</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Applying the new audio settings…</source>
        <translation>Stosowanie nowych ustawień dźwięku…</translation>
    </message>
    <message>
        <source>SIP: restarting…</source>
        <translation>SIP: ponowne uruchamianie…</translation>
    </message>
    <message>
        <source>SIP: starting…</source>
        <translation>SIP: uruchamianie…</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Połączenie</translation>
    </message>
    <message>
        <source>To call phone numbers, add your provider&apos;s SIP account (Preferences → Accounts). SIP addresses (sip:name@host) can be called directly.</source>
        <translation>Aby dzwonić na numery telefonów, dodaj konto SIP swojego operatora (Preferencje → Konta). Na adresy SIP (sip:nazwa@host) można dzwonić bezpośrednio.</translation>
    </message>
    <message>
        <source>SIP: %s</source>
        <translation>SIP: %s</translation>
    </message>
    <message>
        <source>%s (%d); it takes port %d back once that is free.</source>
        <translation>%s (%d); port %d zostanie przejęty ponownie, gdy się zwolni.</translation>
    </message>
    <message>
        <source>Cannot call %s: %s</source>
        <translation>Nie można zadzwonić do %s: %s</translation>
    </message>
    <message>
        <source>SIP: not available</source>
        <translation>SIP: niedostępny</translation>
    </message>
    <message>
        <source>Refused a call from %s: %s (Preferences → Network)</source>
        <translation>Odrzucono połączenie od %s: %s (Preferencje → Sieć)</translation>
    </message>
    <message>
        <source>No sound: %s. Calls connect, but you will not hear or be heard (Preferences → Audio).</source>
        <translation>Brak dźwięku: %s. Połączenia są nawiązywane, ale nie będziesz słyszeć ani nie będziesz słyszany (Preferencje → Dźwięk).</translation>
    </message>
    <message>
        <source>The call engine stopped; restarting it.</source>
        <translation>Silnik połączeń zatrzymał się; trwa jego ponowne uruchamianie.</translation>
    </message>
    <message>
        <source>The call engine stopped; calls are off until WhitePhone is restarted.</source>
        <translation>Silnik połączeń zatrzymał się; połączenia są wyłączone do ponownego uruchomienia WhitePhone.</translation>
    </message>
    <message>
        <source>it stopped answering</source>
        <translation>przestał odpowiadać</translation>
    </message>
    <message>
        <source>exit code %s</source>
        <translation>kod wyjścia %s</translation>
    </message>
    <message>
        <source>The call engine stopped unexpectedly (%s); %s</source>
        <translation>Silnik połączeń nieoczekiwanie się zatrzymał (%s); %s</translation>
    </message>
    <message>
        <source>restarting it.</source>
        <translation>trwa ponowne uruchamianie.</translation>
    </message>
    <message>
        <source>calls are off.</source>
        <translation>połączenia są wyłączone.</translation>
    </message>
    <message>
        <source>The call engine stopped, and these calls were cut off:
%s</source>
        <translation>Silnik połączeń zatrzymał się i te połączenia zostały przerwane:
%s</translation>
    </message>
    <message>
        <source>Transferred here by the other side</source>
        <translation>Przekazane tutaj przez drugą stronę</translation>
    </message>
    <message>
        <source>Transferred to you</source>
        <translation>Przekazane do Ciebie</translation>
    </message>
    <message>
        <source>Replaced by the transferred call</source>
        <translation>Zastąpione przez przekazane połączenie</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Połączenie przychodzące</translation>
    </message>
</context>
<context>
    <name>CallKeys</name>
    <message>
        <source>Answer the ringing call</source>
        <translation>Odbierz dzwoniące połączenie</translation>
    </message>
    <message>
        <source>Hang up (or decline the ringing call)</source>
        <translation>Rozłącz (lub odrzuć dzwoniące połączenie)</translation>
    </message>
    <message>
        <source>Mute / unmute the current call</source>
        <translation>Wycisz / wyłącz wyciszenie bieżącego połączenia</translation>
    </message>
    <message>
        <source>Hold / resume the current call</source>
        <translation>Wstrzymaj / wznów bieżące połączenie</translation>
    </message>
    <message>
        <source>Hang up (in a call&apos;s window)</source>
        <translation>Rozłącz (w oknie połączenia)</translation>
    </message>
    <message>
        <source>0-9, * and #</source>
        <translation>0-9, * i #</translation>
    </message>
    <message>
        <source>Dial-pad tones (in a call&apos;s window)</source>
        <translation>Tony klawiatury (w oknie połączenia)</translation>
    </message>
    <message>
        <source>Call / Play-Pause key</source>
        <translation>Klawisz Połącz / Odtwórz-Pauza</translation>
    </message>
    <message>
        <source>Answer, or hang up (keyboards and headsets with media keys)</source>
        <translation>Odbierz lub rozłącz (klawiatury i zestawy słuchawkowe z klawiszami multimedialnymi)</translation>
    </message>
    <message>
        <source>Hang-up / Stop key</source>
        <translation>Klawisz Rozłącz / Stop</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Rozłącz</translation>
    </message>
    <message>
        <source>Answer, or hang up, also while another program is in front (global hotkey)</source>
        <translation>Odbierz albo rozłącz, także gdy na wierzchu jest inny program (globalny skrót klawiszowy)</translation>
    </message>
    <message>
        <source>Headset call button</source>
        <translation>Przycisk połączenia zestawu słuchawkowego</translation>
    </message>
    <message>
        <source>Answer, or hang up (USB headsets; Preferences → Keys and headset)</source>
        <translation>Odbierz albo rozłącz (zestawy słuchawkowe USB; Preferencje → Klawisze i zestaw słuchawkowy)</translation>
    </message>
    <message>
        <source>Headset mute / flash button</source>
        <translation>Przycisk wyciszenia / flash zestawu słuchawkowego</translation>
    </message>
    <message>
        <source>Mute / unmute; hold / resume</source>
        <translation>Wycisz / wyłącz wyciszenie; wstrzymaj / wznów</translation>
    </message>
    <message>
        <source>Show the %s tab</source>
        <translation>Pokaż kartę %s</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Skróty klawiszowe</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Klawisze</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Działanie</translation>
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <source>Call — %s</source>
        <translation>Połączenie — %s</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>Wybieranie…</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Nagrywanie</translation>
    </message>
    <message>
        <source>Dial pad: click or type 0-9, * and #</source>
        <translation>Klawiatura: kliknij lub wpisz 0-9, * i #</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Wstrzymaj</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Wycisz</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Nagrywaj</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Przekaż…</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>The caller&apos;s CRM records; a new one links this call</source>
        <translation>Karty CRM dzwoniącego; nowa karta zostanie powiązana z tym połączeniem</translation>
    </message>
    <message>
        <source>Swap</source>
        <translation>Zamień</translation>
    </message>
    <message>
        <source>Talk to the call on hold; this one goes on hold</source>
        <translation>Rozmawiaj z wstrzymanym połączeniem; to zostanie wstrzymane</translation>
    </message>
    <message>
        <source>Merge into conference</source>
        <translation>Połącz w konferencję</translation>
    </message>
    <message>
        <source>Everyone in your calls hears everyone</source>
        <translation>Wszyscy uczestnicy Twoich połączeń słyszą się nawzajem</translation>
    </message>
    <message>
        <source>Complete transfer</source>
        <translation>Dokończ przekazanie</translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation>Rozłącz</translation>
    </message>
    <message>
        <source>Hang up (%s)</source>
        <translation>Rozłącz (%s)</translation>
    </message>
    <message>
        <source>Leave a voice mail</source>
        <translation>Zostaw wiadomość głosową</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>Dzwoni…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Łączenie…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation>Połączenie zakończone</translation>
    </message>
    <message>
        <source>Codec: %s (%d kHz)</source>
        <translation>Kodek: %s (%d kHz)</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>Wstrzymane</translation>
    </message>
    <message>
        <source>Held by the other side</source>
        <translation>Wstrzymane przez drugą stronę</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Zatrzymaj nagrywanie</translation>
    </message>
    <message>
        <source>The other side transferred you to %s</source>
        <translation>Druga strona przekazała Cię do %s</translation>
    </message>
    <message numerus="yes">
        <source>Conference: %n calls merged</source>
        <translation>
            <numerusform>Konferencja: połączono %n połączenie</numerusform>
            <numerusform>Konferencja: połączono %n połączenia</numerusform>
            <numerusform>Konferencja: połączono %n połączeń</numerusform>
        </translation>
    </message>
    <message>
        <source>The call did not go out: %s</source>
        <translation>Połączenie nie zostało wykonane: %s</translation>
    </message>
    <message>
        <source>Waiting for the network: the call goes out once the server can be reached.</source>
        <translation>Oczekiwanie na sieć: połączenie zostanie wykonane, gdy serwer będzie osiągalny.</translation>
    </message>
    <message>
        <source>%s did not answer.</source>
        <translation>%s nie odbiera.</translation>
    </message>
    <message>
        <source>%s is busy.</source>
        <translation>%s jest zajęty.</translation>
    </message>
    <message>
        <source>%s declined the call.</source>
        <translation>%s odrzuca połączenie.</translation>
    </message>
    <message>
        <source>%s is offline.</source>
        <translation>%s jest niedostępny.</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Wznów</translation>
    </message>
    <message>
        <source>Could not hold: %s</source>
        <translation>Nie udało się wstrzymać: %s</translation>
    </message>
    <message>
        <source>Could not resume: %s</source>
        <translation>Nie udało się wznowić: %s</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Wyłącz wyciszenie</translation>
    </message>
    <message>
        <source>the other call</source>
        <translation>drugie połączenie</translation>
    </message>
    <message>
        <source>Transferring to %s…</source>
        <translation>Przekazywanie do %s…</translation>
    </message>
    <message>
        <source>Transferred to %s</source>
        <translation>Przekazano do %s</translation>
    </message>
    <message>
        <source>Transfer to %s failed: %d %s</source>
        <translation>Przekazanie do %s nie powiodło się: %d %s</translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation>Wznawianie…</translation>
    </message>
    <message>
        <source>Holding…</source>
        <translation>Wstrzymywanie…</translation>
    </message>
    <message>
        <source>the other side did not accept it</source>
        <translation>druga strona go nie przyjęła</translation>
    </message>
    <message>
        <source>To an address…</source>
        <translation>Na adres…</translation>
    </message>
    <message>
        <source>To %s (after talking to them)</source>
        <translation>Do %s (po rozmowie z tą osobą)</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Przekaż</translation>
    </message>
    <message>
        <source>Transfer this call to (SIP address):</source>
        <translation>Przekaż to połączenie do (adres SIP):</translation>
    </message>
    <message>
        <source>Complete transfer to %s</source>
        <translation>Dokończ przekazanie do %s</translation>
    </message>
    <message>
        <source>Call in progress</source>
        <translation>Trwa połączenie</translation>
    </message>
    <message>
        <source>Hang up the call with %s?</source>
        <translation>Rozłączyć połączenie z %s?</translation>
    </message>
</context>
<context>
    <name>CallerPopup</name>
    <message>
        <source>Caller — %s</source>
        <translation>Dzwoniący — %s</translation>
    </message>
    <message>
        <source>Open the full card</source>
        <translation>Otwórz pełną kartę</translation>
    </message>
    <message>
        <source>Looking up the caller…</source>
        <translation>Wyszukiwanie dzwoniącego…</translation>
    </message>
    <message>
        <source>&lt;b&gt;CRM records&lt;/b&gt;</source>
        <translation>&lt;b&gt;Karty CRM&lt;/b&gt;</translation>
    </message>
    <message>
        <source>CRM records</source>
        <translation>Karty CRM</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Zadanie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ostatnie&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Latest communications</source>
        <translation>Ostatnie kontakty</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <source>New record for this call</source>
        <translation>Nowa karta dla tego połączenia</translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation>Utwórz kontakt</translation>
    </message>
    <message>
        <source>Not in your address books or the company&apos;s.</source>
        <translation>Brak w Twoich książkach adresowych i w książce firmy.</translation>
    </message>
    <message>
        <source>New contact made for this caller.</source>
        <translation>Utworzono nowy kontakt dla tego dzwoniącego.</translation>
    </message>
    <message>
        <source>In the company&apos;s address book.</source>
        <translation>W książce adresowej firmy.</translation>
    </message>
    <message numerus="yes">
        <source>%n more contacts have this number.</source>
        <translation>
            <numerusform>Jeszcze %n kontakt ma ten numer.</numerusform>
            <numerusform>Jeszcze %n kontakty mają ten numer.</numerusform>
            <numerusform>Jeszcze %n kontaktów ma ten numer.</numerusform>
        </translation>
    </message>
    <message>
        <source>No earlier calls or notes</source>
        <translation>Brak wcześniejszych połączeń i notatek</translation>
    </message>
    <message>
        <source>The caller could not be looked up: %s</source>
        <translation>Nie udało się wyszukać dzwoniącego: %s</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Review conflicts</source>
        <translation>Przejrzyj konflikty</translation>
    </message>
    <message>
        <source>These fields were changed here and elsewhere at the same time. The other change is in use now; choose, field by field, which one to keep.</source>
        <translation>Te pola zostały zmienione jednocześnie tutaj i gdzie indziej. Obecnie obowiązuje tamta zmiana; wybierz dla każdego pola, którą wersję zachować.</translation>
    </message>
    <message>
        <source>Conflicting changes</source>
        <translation>Sprzeczne zmiany</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Pole</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Moje</translation>
    </message>
    <message>
        <source>Theirs (in use)</source>
        <translation>Ich (obowiązuje)</translation>
    </message>
    <message>
        <source>Keep all mine</source>
        <translation>Zachowaj wszystkie moje</translation>
    </message>
    <message>
        <source>Keep all theirs</source>
        <translation>Zachowaj wszystkie ich</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Ich</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Keep mine: %s</source>
        <translation>Zachowaj moje: %s</translation>
    </message>
    <message>
        <source>Keep theirs: %s</source>
        <translation>Zachowaj ich: %s</translation>
    </message>
    <message>
        <source>Writes your value back over the one in use</source>
        <translation>Zapisuje twoją wartość w miejsce używanej</translation>
    </message>
    <message>
        <source>Keeps the other change, in use now, and drops yours</source>
        <translation>Zachowuje drugą zmianę, używaną teraz, i odrzuca twoją</translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>Select a contact to see the details.</source>
        <translation>Wybierz kontakt, aby zobaczyć szczegóły.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edytuj</translation>
    </message>
    <message>
        <source>Edit this contact</source>
        <translation>Edytuj ten kontakt</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Delete this contact</source>
        <translation>Usuń ten kontakt</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>This contact&apos;s CRM records, or a new one</source>
        <translation>Karty CRM tego kontaktu lub nowa karta</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <source>Calls, records, notes and every change to this contact</source>
        <translation>Połączenia, karty CRM, notatki i każda zmiana tego kontaktu</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Zadzwoń</translation>
    </message>
    <message>
        <source>Call %s</source>
        <translation>Zadzwoń: %s</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Strona WWW</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Urodziny</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Pseudonim</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notatki</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Osoba</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Address book</source>
        <translation>Książka adresowa</translation>
    </message>
    <message>
        <source>(company)</source>
        <translation>(firma)</translation>
    </message>
</context>
<context>
    <name>ContactProfileWindow</name>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Contact deleted</source>
        <translation>Kontakt usunięty</translation>
    </message>
</context>
<context>
    <name>CrashReports</name>
    <message>
        <source>WhitePhone closed unexpectedly</source>
        <translation>WhitePhone został nieoczekiwanie zamknięty</translation>
    </message>
    <message>
        <source>WhitePhone ran into a problem last time ({when}) and wrote a report.

The report has no passwords in it. You can open it, or send it with Help → Report a problem.</source>
        <translation>Podczas ostatniego uruchomienia ({when}) WhitePhone napotkał problem i zapisał raport.

Raport nie zawiera haseł. Możesz go otworzyć lub wysłać przez Pomoc → Zgłoś problem.</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>Otwórz raport</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Otwórz folder</translation>
    </message>
    <message>
        <source>Save problem report</source>
        <translation>Zapisz zgłoszenie problemu</translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation>Archiwa ZIP (*.zip)</translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation>Zgłoś problem</translation>
    </message>
    <message>
        <source>The report could not be saved to {path}:
{reason}</source>
        <translation>Nie udało się zapisać raportu w {path}:
{reason}</translation>
    </message>
    <message>
        <source>The report was saved to {path}.

Passwords, tokens and sign-in headers were removed. Attach it to an e-mail to your support.</source>
        <translation>Raport zapisano w {path}.

Hasła, tokeny i nagłówki logowania zostały usunięte. Dołącz go do wiadomości e-mail do swojego wsparcia technicznego.</translation>
    </message>
</context>
<context>
    <name>CrmListModel</name>
    <message>
        <source>Task ID</source>
        <translation>Nr zadania</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Opened as</source>
        <translation>Otwarta jako</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarto</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Przypomnienie</translation>
    </message>
    <message>
        <source>The hub gives this record its task id at the next sync.</source>
        <translation>Serwer firmy nada tej karcie numer zadania przy następnej synchronizacji.</translation>
    </message>
</context>
<context>
    <name>CrmRecords</name>
    <message>
        <source>Low</source>
        <translation>Niski</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Średni</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Wysoki</translation>
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
        <source>pending</source>
        <translation>oczekuje</translation>
    </message>
    <message>
        <source>group %s</source>
        <translation>grupa %s</translation>
    </message>
    <message>
        <source>me</source>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>CrmReportTexts</name>
    <message>
        <source>Open records by type</source>
        <translation>Otwarte karty wg typu</translation>
    </message>
    <message>
        <source>Open records by priority</source>
        <translation>Otwarte karty wg priorytetu</translation>
    </message>
    <message>
        <source>Open records by owner</source>
        <translation>Otwarte karty wg właściciela</translation>
    </message>
    <message>
        <source>Open records by group</source>
        <translation>Otwarte karty wg grupy</translation>
    </message>
    <message>
        <source>Overdue reminders</source>
        <translation>Zaległe przypomnienia</translation>
    </message>
    <message>
        <source>Records closed per day</source>
        <translation>Karty zamknięte dziennie</translation>
    </message>
    <message>
        <source>Records closed per week</source>
        <translation>Karty zamknięte tygodniowo</translation>
    </message>
    <message>
        <source>Records closed per month</source>
        <translation>Karty zamknięte miesięcznie</translation>
    </message>
    <message>
        <source>Calls per user per day</source>
        <translation>Połączenia na użytkownika dziennie</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Otwarte</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Właściciel</translation>
    </message>
    <message>
        <source>Opened as</source>
        <translation>Otwarta jako</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Zadanie</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Przypomnienie</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>Dni zaległości</translation>
    </message>
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
        <source>Closed</source>
        <translation>Zamknięte</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Użytkownik</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Połączenia</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Odebrane</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuty</translation>
    </message>
    <message>
        <source>Average minutes</source>
        <translation>Średnio minut</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>me (not synced yet)</source>
        <translation>ja (jeszcze niezsynchronizowane)</translation>
    </message>
    <message>
        <source>(no account)</source>
        <translation>(bez konta)</translation>
    </message>
    <message>
        <source>This computer&apos;s call log only</source>
        <translation>Tylko historia połączeń tego komputera</translation>
    </message>
    <message>
        <source>This computer&apos;s call log only (not signed in to a hub: the team&apos;s calls come from the hub)</source>
        <translation>Tylko historia połączeń tego komputera (brak zalogowania do serwera firmy: połączenia zespołu pochodzą z serwera firmy)</translation>
    </message>
    <message>
        <source>The team&apos;s calls from the hub, %1 to %2</source>
        <translation>Połączenia zespołu z serwera firmy, od %1 do %2</translation>
    </message>
    <message>
        <source>This computer&apos;s call log only: the hub&apos;s team report is not available (%1)</source>
        <translation>Tylko historia połączeń tego komputera: raport zespołu z serwera firmy jest niedostępny (%1)</translation>
    </message>
</context>
<context>
    <name>CrmWindow</name>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Karty</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>Nr zadania</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Otwarto</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nowa</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notatki</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nowa notatka</translation>
    </message>
    <message>
        <source>A note (what was said, what was done)…</source>
        <translation>Notatka (co powiedziano, co zrobiono)…</translation>
    </message>
    <message>
        <source>Private (only I see it)</source>
        <translation>Prywatna (widoczna tylko dla mnie)</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>Dodaj notatkę</translation>
    </message>
    <message>
        <source>Set Reminder…</source>
        <translation>Ustaw przypomnienie…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij kartę</translation>
    </message>
    <message>
        <source>Close the record: no action or follow-up needed</source>
        <translation>Zamknij kartę: nie trzeba już nic robić</translation>
    </message>
    <message>
        <source>Re-Open Task</source>
        <translation>Otwórz ponownie</translation>
    </message>
    <message>
        <source>Show changes</source>
        <translation>Pokaż zmiany</translation>
    </message>
    <message>
        <source>Who changed the record, when, from what to what</source>
        <translation>Kto zmienił kartę, kiedy, z czego na co</translation>
    </message>
    <message>
        <source>&lt;b&gt;Notes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Notatki&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Myself (the whole company sees it)</source>
        <translation>Ja (widzi cała firma)</translation>
    </message>
    <message>
        <source>%s (call group: only its members see it)</source>
        <translation>%s (grupa połączeń: widzą tylko jej członkowie)</translation>
    </message>
    <message>
        <source>Only you: you are in no call group.</source>
        <translation>Tylko Ty: nie należysz do żadnej grupy połączeń.</translation>
    </message>
    <message>
        <source>What it is about</source>
        <translation>Czego dotyczy</translation>
    </message>
    <message>
        <source>Customer&apos;s number or SIP address (optional)</source>
        <translation>Numer lub adres SIP klienta (opcjonalnie)</translation>
    </message>
    <message>
        <source>Create Task</source>
        <translation>Utwórz zadanie</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Priorytet:</translation>
    </message>
    <message>
        <source>Opened As:</source>
        <translation>Otwarta jako:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Temat:</translation>
    </message>
    <message>
        <source>For:</source>
        <translation>Dla:</translation>
    </message>
    <message>
        <source>&lt;h3&gt;New CRM record&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Nowa karta CRM&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>CRM — %s</source>
        <translation>CRM — %s</translation>
    </message>
    <message>
        <source>A new record for %s (Ctrl+N)</source>
        <translation>Nowa karta dla: %s (Ctrl+N)</translation>
    </message>
    <message>
        <source>a customer</source>
        <translation>klienta</translation>
    </message>
    <message>
        <source>&lt;h2&gt;CRM&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;CRM&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>The CRM store could not be read or written: %s</source>
        <translation>Nie udało się odczytać ani zapisać danych CRM: %s</translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;color:#445&apos;&gt;No earlier records&lt;/h3&gt;&lt;p style=&apos;color:#666&apos;&gt;%s has no CRM records yet. Press &lt;b&gt;New&lt;/b&gt; to open one.&lt;/p&gt;</source>
        <translation>&lt;h3 style=&apos;color:#445&apos;&gt;Brak wcześniejszych kart&lt;/h3&gt;&lt;p style=&apos;color:#666&apos;&gt;%s nie ma jeszcze kart CRM. Naciśnij &lt;b&gt;Nowa&lt;/b&gt;, aby otworzyć kartę.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;color:#445&apos;&gt;No record&lt;/h3&gt;</source>
        <translation>&lt;h3 style=&apos;color:#445&apos;&gt;Brak karty&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;Choose a record on the left, or press &lt;b&gt;New&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#666&apos;&gt;Wybierz kartę po lewej lub naciśnij &lt;b&gt;Nowa&lt;/b&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Task %s&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;Zadanie %s&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Task &lt;span style=&apos;color:#8a6d00&apos;&gt;pending&lt;/span&gt;&lt;/b&gt; &lt;span style=&apos;color:#666&apos;&gt;(the hub gives its task id at the next sync)&lt;/span&gt;</source>
        <translation>&lt;b style=&apos;font-size:14pt&apos;&gt;Zadanie &lt;span style=&apos;color:#8a6d00&apos;&gt;oczekuje&lt;/span&gt;&lt;/b&gt; &lt;span style=&apos;color:#666&apos;&gt;(serwer firmy nada mu numer przy następnej synchronizacji)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>the company</source>
        <translation>firma</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>This record is closed: re-open it to add notes.</source>
        <translation>Ta karta jest zamknięta: otwórz ją ponownie, aby dodać notatki.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Otworzył(a)</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>Udostępniono</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Przypomnienie</translation>
    </message>
    <message>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Połączenie</translation>
    </message>
    <message>
        <source>Add the note (Ctrl+Enter)</source>
        <translation>Dodaj notatkę (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>call group %s</source>
        <translation>grupa połączeń %s</translation>
    </message>
    <message>
        <source>a call not in this computer&apos;s call log</source>
        <translation>połączenie spoza historii połączeń tego komputera</translation>
    </message>
    <message>
        <source>incoming, %s, %s</source>
        <translation>przychodzące, %s, %s</translation>
    </message>
    <message>
        <source>outgoing, %s, %s</source>
        <translation>wychodzące, %s, %s</translation>
    </message>
    <message>
        <source>, recorded</source>
        <translation>, nagrane</translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#888&apos;&gt;No notes yet.&lt;/p&gt;</source>
        <translation>&lt;p style=&apos;color:#888&apos;&gt;Brak notatek.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>me</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>opened it</source>
        <translation>otworzył(a) kartę</translation>
    </message>
    <message>
        <source>private</source>
        <translation>prywatna</translation>
    </message>
    <message>
        <source>not saved: %s</source>
        <translation>nie zapisano: %s</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>jeszcze niezsynchronizowane</translation>
    </message>
    <message>
        <source>That is still being saved…</source>
        <translation>To jest jeszcze zapisywane…</translation>
    </message>
    <message>
        <source>Type the note first.</source>
        <translation>Najpierw wpisz notatkę.</translation>
    </message>
    <message>
        <source>&lt;i&gt;Linked to this call.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Powiązana z tym połączeniem.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Give the record a subject.</source>
        <translation>Podaj temat karty.</translation>
    </message>
    <message>
        <source>There are no record types: a CRM admin adds them.</source>
        <translation>Nie ma typów kart: dodaje je administrator CRM.</translation>
    </message>
</context>
<context>
    <name>DefaultNames</name>
    <message>
        <source>Personal</source>
        <translation>Osobista</translation>
    </message>
    <message>
        <source>Sales enquiry</source>
        <translation>Zapytanie ofertowe</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Wsparcie</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Reklamacja</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Kontynuacja</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard changes?</source>
        <translation>Odrzucić zmiany?</translation>
    </message>
    <message>
        <source>What you wrote or changed here is not saved. Discard it?</source>
        <translation>To, co tu wpisano lub zmieniono, nie jest zapisane. Odrzucić to?</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Odrzuć</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Edytuj dalej</translation>
    </message>
    <message>
        <source>Closes the window; the changes are lost</source>
        <translation>Zamyka okno; zmiany zostaną utracone</translation>
    </message>
    <message>
        <source>Goes back to the window with everything as it was</source>
        <translation>Wraca do okna, w którym wszystko zostaje bez zmian</translation>
    </message>
</context>
<context>
    <name>GlobalHotkey</name>
    <message>
        <source>On macOS a global hotkey needs the accessibility permission, which WhitePhone does not ask for: the call keys work while WhitePhone is in front.</source>
        <translation>W systemie macOS globalny skrót klawiszowy wymaga uprawnienia dostępności, o które WhitePhone nie prosi: klawisze połączeń działają, gdy WhitePhone jest na wierzchu.</translation>
    </message>
    <message>
        <source>Wayland does not let programs take a key for themselves: the call keys work while WhitePhone is in front.</source>
        <translation>Wayland nie pozwala programom zająć klawisza tylko dla siebie: klawisze połączeń działają, gdy WhitePhone jest na wierzchu.</translation>
    </message>
    <message>
        <source>There is no desktop display to register a global hotkey with.</source>
        <translation>Brak ekranu pulpitu, w którym można zarejestrować globalny skrót klawiszowy.</translation>
    </message>
    <message>
        <source>Choose one key combination for the hotkey.</source>
        <translation>Wybierz jedną kombinację klawiszy jako skrót.</translation>
    </message>
    <message>
        <source>Another program already uses this key combination; choose another hotkey.</source>
        <translation>Inny program używa już tej kombinacji klawiszy; wybierz inny skrót.</translation>
    </message>
    <message>
        <source>This keyboard has no such key for the global hotkey.</source>
        <translation>Ta klawiatura nie ma takiego klawisza dla globalnego skrótu.</translation>
    </message>
    <message>
        <source>The global hotkey needs the X11 library (libX11), which is not installed.</source>
        <translation>Globalny skrót klawiszowy wymaga biblioteki X11 (libX11), która nie jest zainstalowana.</translation>
    </message>
    <message>
        <source>A global hotkey needs Ctrl, Alt or Super (except F-keys, Pause and media keys): a key alone would be taken from every program.</source>
        <translation>Globalny skrót wymaga Ctrl, Alt lub Super (poza klawiszami F, Pause i klawiszami multimedialnymi): sam klawisz zostałby odebrany wszystkim programom.</translation>
    </message>
    <message>
        <source>The global hotkey needs libX11 1.7 or later.</source>
        <translation>Globalny skrót wymaga biblioteki libX11 w wersji 1.7 lub nowszej.</translation>
    </message>
    <message>
        <source>The desktop refused the global hotkey.</source>
        <translation>Pulpit odrzucił globalny skrót klawiszowy.</translation>
    </message>
    <message>
        <source>The X display went away.</source>
        <translation>Połączenie z ekranem X zostało utracone.</translation>
    </message>
    <message>
        <source>Global hotkey not active: %s</source>
        <translation>Globalny skrót klawiszowy nieaktywny: %s</translation>
    </message>
</context>
<context>
    <name>IncomingCallWindow</name>
    <message>
        <source>Incoming call — %s</source>
        <translation>Połączenie przychodzące — %s</translation>
    </message>
    <message>
        <source>&lt;i&gt;Recent calls:&lt;/i&gt;&lt;br&gt;</source>
        <translation>&lt;i&gt;Ostatnie połączenia:&lt;/i&gt;&lt;br&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;No earlier calls with this caller.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Brak wcześniejszych połączeń z tym rozmówcą.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Odbierz</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Odrzuć</translation>
    </message>
    <message>
        <source>Send busy</source>
        <translation>Wyślij „zajęty”</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>odebrane</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>nieodebrane</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>odrzucone</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>zajęte</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulowane</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nieudane</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>przychodzące</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>wychodzące</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Number, SIP address or name to call</source>
        <translation>Numer, adres SIP lub nazwa, do której dzwonisz</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Zadzwoń</translation>
    </message>
    <message>
        <source>The call engine is starting.</source>
        <translation>Silnik połączeń się uruchamia.</translation>
    </message>
    <message>
        <source>The call engine is not running.</source>
        <translation>Silnik połączeń nie działa.</translation>
    </message>
    <message>
        <source>Dial:</source>
        <translation>Wybierz:</translation>
    </message>
    <message>
        <source>Address Books</source>
        <translation>Książki adresowe</translation>
    </message>
    <message>
        <source>The call engine is starting; a call asked for now is placed as soon as it is up.</source>
        <translation>Silnik połączeń się uruchamia; połączenie zlecone teraz zostanie nawiązane, gdy tylko będzie gotowy.</translation>
    </message>
    <message>
        <source>Call Logs (%d missed)</source>
        <translation>Historia połączeń (nieodebrane: %d)</translation>
    </message>
    <message>
        <source>Call Logs</source>
        <translation>Historia połączeń</translation>
    </message>
    <message>
        <source>Online Monitor</source>
        <translation>Monitor obecności</translation>
    </message>
    <message>
        <source>Diary</source>
        <translation>Terminarz</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>No one to show yet</source>
        <translation>Na razie nie ma kogo pokazać</translation>
    </message>
    <message>
        <source>Colleagues and contacts you share presence with appear here, with their status, once you sign in to your company&apos;s WhitePhone hub.</source>
        <translation>Współpracownicy i kontakty, z którymi dzielisz obecność, pojawią się tutaj wraz ze swoim stanem, gdy zalogujesz się do serwera firmy WhitePhone.</translation>
    </message>
    <message>
        <source>No messages</source>
        <translation>Brak wiadomości</translation>
    </message>
    <message>
        <source>Text messages, voice mail, video mail, announcements, reminders and contact requests from your hub will appear here.</source>
        <translation>Tutaj pojawią się wiadomości tekstowe, głosowe i wideo, ogłoszenia, przypomnienia oraz prośby o kontakt z serwera firmy.</translation>
    </message>
    <message>
        <source>No CRM records</source>
        <translation>Brak kart CRM</translation>
    </message>
    <message>
        <source>Customer records (enquiries, support calls, sales leads) with their notes and reminders will be listed here, shared with your team through the hub.</source>
        <translation>Tutaj pojawią się karty klientów (zapytania, zgłoszenia serwisowe, szanse sprzedaży) z notatkami i przypomnieniami, udostępniane zespołowi przez serwer firmy.</translation>
    </message>
    <message>
        <source>No calls yet</source>
        <translation>Brak połączeń</translation>
    </message>
    <message>
        <source>Every call you make or receive will be logged here, in “PC to PC” and “Phone” views.</source>
        <translation>Każde wykonane i odebrane połączenie zostanie tu zapisane, w widokach „PC do PC” i „Telefon”.</translation>
    </message>
    <message>
        <source>Dial</source>
        <translation>Wybierz numer</translation>
    </message>
    <message>
        <source>Type a number, SIP address or name, then press Enter to call</source>
        <translation>Wpisz numer, adres SIP lub nazwę i naciśnij Enter, aby zadzwonić</translation>
    </message>
    <message numerus="yes">
        <source>Repaired %n call recording(s) cut short by a crash</source>
        <translation>
            <numerusform>Naprawiono %n nagranie połączenia przerwane przez awarię</numerusform>
            <numerusform>Naprawiono %n nagrania połączeń przerwane przez awarię</numerusform>
            <numerusform>Naprawiono %n nagrań połączeń przerwanych przez awarię</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Plik</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>&amp;Importuj kontakty…</translation>
    </message>
    <message>
        <source>&amp;Export contacts…</source>
        <translation>&amp;Eksportuj kontakty…</translation>
    </message>
    <message>
        <source>Import &amp;appointments (.ics)…</source>
        <translation>Importuj &amp;spotkania (.ics)…</translation>
    </message>
    <message>
        <source>Export a&amp;ppointments (.ics)…</source>
        <translation>Eksportuj s&amp;potkania (.ics)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Zakończ</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edycja</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nowy</translation>
    </message>
    <message>
        <source>&amp;Find contact</source>
        <translation>Zna&amp;jdź kontakt</translation>
    </message>
    <message>
        <source>&amp;Dial</source>
        <translation>&amp;Wybierz numer</translation>
    </message>
    <message>
        <source>&amp;Search by field…</source>
        <translation>&amp;Szukaj według pola…</translation>
    </message>
    <message>
        <source>&amp;Recent communications</source>
        <translation>&amp;Ostatnia komunikacja</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>P&amp;referencje…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Pomo&amp;c</translation>
    </message>
    <message>
        <source>&amp;Network Test…</source>
        <translation>&amp;Test sieci…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>S&amp;króty klawiszowe</translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation>&amp;Zgłoś problem…</translation>
    </message>
    <message>
        <source>&amp;About WhitePhone</source>
        <translation>&amp;O programie WhitePhone</translation>
    </message>
    <message>
        <source>Call the number or address in the dial bar (Enter)</source>
        <translation>Zadzwoń na numer lub adres z paska wybierania (Enter)</translation>
    </message>
    <message>
        <source>Call (starting…)</source>
        <translation>Zadzwoń (uruchamianie…)</translation>
    </message>
    <message>
        <source>Call (unavailable)</source>
        <translation>Zadzwoń (niedostępne)</translation>
    </message>
    <message>
        <source>Calling %s as soon as WhitePhone has started…</source>
        <translation>Połączenie z %s nastąpi, gdy tylko WhitePhone się uruchomi…</translation>
    </message>
    <message>
        <source>Calling %s%s as soon as the call engine is up…</source>
        <translation>Połączenie z %s%s nastąpi, gdy tylko silnik połączeń będzie gotowy…</translation>
    </message>
    <message>
        <source>Cannot call %s%s: the call engine is not running.</source>
        <translation>Nie można zadzwonić do %s%s: silnik połączeń nie działa.</translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation>Eksportuj kontakty</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Eksportowanie…</translation>
    </message>
    <message>
        <source>Exported %s to %s</source>
        <translation>Wyeksportowano %s do %s</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Eksport</translation>
    </message>
    <message>
        <source>Export failed: %s</source>
        <translation>Eksport nie powiódł się: %s</translation>
    </message>
    <message>
        <source>About WhitePhone</source>
        <translation>O programie WhitePhone</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%s %s&lt;/h3&gt;&lt;p&gt;A desktop softphone with a built-in CRM for small businesses.&lt;/p&gt;&lt;p&gt;Licence: %s. This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 2 or any later version. It comes with ABSOLUTELY NO WARRANTY.&lt;/p&gt;&lt;p&gt;Calls use PJSIP (pjsua2), © Teluu Inc., GPL. Built with Qt for Python (LGPL), SQLAlchemy, phonenumbers and Pillow.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%s %s&lt;/h3&gt;&lt;p&gt;Telefon programowy na komputer z wbudowanym CRM dla małych firm.&lt;/p&gt;&lt;p&gt;Licencja: %s. Ten program jest wolnym oprogramowaniem: możesz go rozpowszechniać i/lub modyfikować na warunkach Powszechnej Licencji Publicznej GNU w wersji 2 lub dowolnej późniejszej. Jest dostarczany BEZ JAKIEJKOLWIEK GWARANCJI.&lt;/p&gt;&lt;p&gt;Połączenia obsługuje PJSIP (pjsua2), © Teluu Inc., GPL. Zbudowano z użyciem Qt for Python (LGPL), SQLAlchemy, phonenumbers i Pillow.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Calls in progress</source>
        <translation>Trwające połączenia</translation>
    </message>
    <message>
        <source>Quitting hangs up %s. Quit anyway?</source>
        <translation>Zakończenie programu rozłączy %s. Zakończyć mimo to?</translation>
    </message>
</context>
<context>
    <name>MediaPane</name>
    <message>
        <source>Play</source>
        <translation>Odtwórz</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Pozycja</translation>
    </message>
    <message>
        <source>Cannot play: %s</source>
        <translation>Nie można odtworzyć: %s</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pauza</translation>
    </message>
    <message>
        <source>Playing…</source>
        <translation>Odtwarzanie…</translation>
    </message>
</context>
<context>
    <name>MediaPath</name>
    <message>
        <source>Audio: direct</source>
        <translation>Dźwięk: bezpośrednio</translation>
    </message>
    <message>
        <source>Audio: direct through the NAT (STUN)</source>
        <translation>Dźwięk: bezpośrednio przez NAT (STUN)</translation>
    </message>
    <message>
        <source>Audio: relayed by the server over %s</source>
        <translation>Dźwięk: przekazywany przez serwer po %s</translation>
    </message>
</context>
<context>
    <name>MessageKinds</name>
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
</context>
<context>
    <name>MessagesModel</name>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Odebrano</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>w kolejce</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>wysyłanie</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>błąd</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>szkic</translation>
    </message>
    <message>
        <source>To %s</source>
        <translation>Do: %s</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>user %s</source>
        <translation>użytkownik %s</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Ktoś</translation>
    </message>
    <message>
        <source>%s asks to add you as a contact.</source>
        <translation>%s prosi o dodanie Cię do kontaktów.</translation>
    </message>
    <message>
        <source>(voice mail)</source>
        <translation>(wiadomość głosowa)</translation>
    </message>
    <message>
        <source>(video mail)</source>
        <translation>(wiadomość wideo)</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(bez treści)</translation>
    </message>
</context>
<context>
    <name>MessagesParts</name>
    <message>
        <source>Reminder</source>
        <translation>Przypomnienie</translation>
    </message>
    <message>
        <source>New message from %s</source>
        <translation>Nowa wiadomość od %s</translation>
    </message>
    <message>
        <source>Messages (%d)</source>
        <translation>Wiadomości (%d)</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>Post to the company or a market</source>
        <translation>Opublikuj dla firmy lub rynku</translation>
    </message>
    <message numerus="yes">
        <source>%s, and %n more</source>
        <translation>
            <numerusform>%s i %n inna</numerusform>
            <numerusform>%s i %n inne</numerusform>
            <numerusform>%s i %n innych</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Message to %n colleague(s) in the outbox: it goes as soon as the hub is reachable.</source>
        <translation>
            <numerusform>Wiadomość do %n współpracownika czeka w Do wysłania: zostanie wysłana, gdy serwer firmy będzie osiągalny.</numerusform>
            <numerusform>Wiadomość do %n współpracowników czeka w Do wysłania: zostanie wysłana, gdy serwer firmy będzie osiągalny.</numerusform>
            <numerusform>Wiadomość do %n współpracowników czeka w Do wysłania: zostanie wysłana, gdy serwer firmy będzie osiągalny.</numerusform>
        </translation>
    </message>
    <message>
        <source>That appointment is no longer in your diary.</source>
        <translation>Tego spotkania nie ma już w Twoim terminarzu.</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Odłóż</translation>
    </message>
    <message>
        <source>Sign in to your hub to snooze reminders.</source>
        <translation>Zaloguj się do serwera firmy, aby odkładać przypomnienia.</translation>
    </message>
    <message>
        <source>Snoozed for %s.</source>
        <translation>Odłożono na %s.</translation>
    </message>
    <message>
        <source>This contact request has no number from the hub yet.</source>
        <translation>Ta prośba o kontakt nie ma jeszcze numeru z serwera firmy.</translation>
    </message>
    <message>
        <source>You accepted %s&apos;s contact request.</source>
        <translation>Przyjęto prośbę o kontakt od: %s.</translation>
    </message>
    <message>
        <source>You declined %s&apos;s contact request.</source>
        <translation>Odrzucono prośbę o kontakt od: %s.</translation>
    </message>
    <message>
        <source>Contact request</source>
        <translation>Prośba o kontakt</translation>
    </message>
    <message>
        <source>you are not signed in to the hub</source>
        <translation>nie jesteś zalogowany do serwera firmy</translation>
    </message>
    <message>
        <source>Voice mail to %s in the outbox.</source>
        <translation>Wiadomość głosowa do %s czeka w Do wysłania.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Open</source>
        <translation>Otwórz</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Połączenie przychodzące</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Odbierz</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Odrzuć</translation>
    </message>
</context>
<context>
    <name>RecentCommunications</name>
    <message>
        <source>Recent communications</source>
        <translation>Ostatnia komunikacja</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Wczytaj więcej</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>Could not read them: %s</source>
        <translation>Nie udało się ich odczytać: %s</translation>
    </message>
    <message>
        <source>(no contact)</source>
        <translation>(brak kontaktu)</translation>
    </message>
    <message>
        <source>Nothing yet: your calls and records will be listed here.</source>
        <translation>Na razie nic: tutaj pojawią się Twoje połączenia i karty CRM.</translation>
    </message>
    <message>
        <source>Enter or double-click loads the contact.</source>
        <translation>Enter lub dwukrotne kliknięcie wczytuje kontakt.</translation>
    </message>
    <message>
        <source>That contact was deleted.</source>
        <translation>Ten kontakt został usunięty.</translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <source>Recording — %s</source>
        <translation>Nagranie — %s</translation>
    </message>
</context>
<context>
    <name>RelativeDates</name>
    <message>
        <source>Today</source>
        <translation>Dziś</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Wczoraj</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Jutro</translation>
    </message>
</context>
<context>
    <name>ReminderDialog</name>
    <message>
        <source>Set Reminder</source>
        <translation>Ustaw przypomnienie</translation>
    </message>
    <message>
        <source>Remind me at:</source>
        <translation>Przypomnij mi:</translation>
    </message>
    <message>
        <source>That time has passed: choose a later one.</source>
        <translation>Ten czas już minął: wybierz późniejszy.</translation>
    </message>
</context>
<context>
    <name>ReminderWatch</name>
    <message>
        <source>CRM reminder: task %s</source>
        <translation>Przypomnienie CRM: zadanie %s</translation>
    </message>
    <message numerus="yes">
        <source>%n CRM reminders are due</source>
        <translation>
            <numerusform>Nadeszło %n przypomnienie CRM</numerusform>
            <numerusform>Nadeszły %n przypomnienia CRM</numerusform>
            <numerusform>Nadeszło %n przypomnień CRM</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>CRM reports</source>
        <translation>Raporty CRM</translation>
    </message>
    <message>
        <source>Closed per day</source>
        <translation>Zamknięte dziennie</translation>
    </message>
    <message>
        <source>Closed per week</source>
        <translation>Zamknięte tygodniowo</translation>
    </message>
    <message>
        <source>Closed per month</source>
        <translation>Zamknięte miesięcznie</translation>
    </message>
    <message>
        <source>The days of the calls report</source>
        <translation>Dni raportu połączeń</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>Eksportuj XLSX…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Eksportuj CSV…</translation>
    </message>
    <message>
        <source>Calls from</source>
        <translation>Połączenia od</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Raporty</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Okres</translation>
    </message>
    <message>
        <source>Calls until</source>
        <translation>Połączenia do dnia</translation>
    </message>
    <message>
        <source>Run the chosen report again with the latest records</source>
        <translation>Uruchom ponownie wybrany raport z najnowszymi kartami</translation>
    </message>
    <message>
        <source>to</source>
        <translation>do</translation>
    </message>
    <message>
        <source>Report rows</source>
        <translation>Wiersze raportu</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Liczenie…</translation>
    </message>
    <message>
        <source>This computer&apos;s calls, while the hub is asked for the team&apos;s…</source>
        <translation>Połączenia tego komputera, do czasu odpowiedzi serwera firmy z danymi zespołu…</translation>
    </message>
    <message>
        <source>This computer&apos;s call log only: %s</source>
        <translation>Tylko historia połączeń tego komputera: %s</translation>
    </message>
    <message>
        <source>The reports could not be made: %s</source>
        <translation>Nie udało się przygotować raportów: %s</translation>
    </message>
    <message>
        <source>Nothing to report.</source>
        <translation>Brak danych do raportu.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s), listed below.</source>
        <translation>
            <numerusform>%n wiersz, wymieniony poniżej.</numerusform>
            <numerusform>%n wiersze, wymienione poniżej.</numerusform>
            <numerusform>%n wierszy, wymienionych poniżej.</numerusform>
        </translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Skoroszyt programu Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export CRM reports</source>
        <translation>Eksportuj raporty CRM</translation>
    </message>
    <message>
        <source>Export failed: %s</source>
        <translation>Eksport nie powiódł się: %s</translation>
    </message>
    <message>
        <source>Exported to %s</source>
        <translation>Wyeksportowano do %s</translation>
    </message>
</context>
<context>
    <name>SipReasons</name>
    <message>
        <source>Bad request</source>
        <translation>Błędne żądanie</translation>
    </message>
    <message>
        <source>Sign-in required</source>
        <translation>Wymagane logowanie</translation>
    </message>
    <message>
        <source>Payment required</source>
        <translation>Wymagana płatność</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Brak uprawnień</translation>
    </message>
    <message>
        <source>No such number or address</source>
        <translation>Nie ma takiego numeru ani adresu</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Brak odpowiedzi</translation>
    </message>
    <message>
        <source>The number is no longer in use</source>
        <translation>Numer nie jest już używany</translation>
    </message>
    <message>
        <source>Not available now</source>
        <translation>Chwilowo niedostępny</translation>
    </message>
    <message>
        <source>Incomplete number</source>
        <translation>Niepełny numer</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Zajęty</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Anulowane</translation>
    </message>
    <message>
        <source>The call&apos;s settings were not accepted</source>
        <translation>Parametry połączenia nie zostały przyjęte</translation>
    </message>
    <message>
        <source>Server problem</source>
        <translation>Problem z serwerem</translation>
    </message>
    <message>
        <source>Gateway problem</source>
        <translation>Problem z bramką</translation>
    </message>
    <message>
        <source>Service unavailable</source>
        <translation>Usługa niedostępna</translation>
    </message>
    <message>
        <source>The server did not answer</source>
        <translation>Serwer nie odpowiedział</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Odrzucone</translation>
    </message>
</context>
<context>
    <name>StartUp</name>
    <message>
        <source>WhitePhone cannot use its database in %1:
%2</source>
        <translation>WhitePhone nie może użyć swojej bazy danych w %1:
%2</translation>
    </message>
    <message>
        <source>WhitePhone could not open its data folder:
%2</source>
        <translation>WhitePhone nie mógł otworzyć folderu z danymi:
%2</translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message>
        <source>Sync details</source>
        <translation>Szczegóły synchronizacji</translation>
    </message>
    <message>
        <source>&lt;b&gt;Changes the hub refused&lt;/b&gt;</source>
        <translation>&lt;b&gt;Zmiany odrzucone przez serwer firmy&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Changes the hub refused</source>
        <translation>Zmiany odrzucone przez serwer firmy</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Przyczyna</translation>
    </message>
    <message>
        <source>The hub has accepted every change made on this computer.</source>
        <translation>Serwer firmy przyjął wszystkie zmiany wprowadzone na tym komputerze.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchronizuj teraz</translation>
    </message>
    <message>
        <source>Last sync: %s</source>
        <translation>Ostatnia synchronizacja: %s</translation>
    </message>
    <message>
        <source>Changes waiting to be sent: %s</source>
        <translation>Zmiany oczekujące na wysłanie: %s</translation>
    </message>
    <message>
        <source>Last error: %s</source>
        <translation>Ostatni błąd: %s</translation>
    </message>
    <message numerus="yes">
        <source>Review %n conflict(s)…</source>
        <translation>
            <numerusform>Przejrzyj %n konflikt…</numerusform>
            <numerusform>Przejrzyj %n konflikty…</numerusform>
            <numerusform>Przejrzyj %n konfliktów…</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflicts to review</source>
        <translation>Brak konfliktów do przejrzenia</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Online</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronizacja…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Bez połączenia</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Address book</source>
        <translation>Książka adresowa</translation>
    </message>
    <message>
        <source>Call log entry</source>
        <translation>Wpis historii połączeń</translation>
    </message>
    <message>
        <source>CRM record</source>
        <translation>Karta CRM</translation>
    </message>
    <message>
        <source>CRM note</source>
        <translation>Notatka CRM</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Spotkanie</translation>
    </message>
    <message>
        <source>change</source>
        <translation>zmiana</translation>
    </message>
    <message>
        <source>deletion</source>
        <translation>usunięcie</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nazwa wyświetlana</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Imię</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Drugie imię</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Przedrostek</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>Przyrostek</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Pseudonim</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notatki</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Telefony</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>Adresy e-mail</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresy</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Firmy</translation>
    </message>
    <message>
        <source>Websites</source>
        <translation>Strony WWW</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Urodziny</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Zdjęcie</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etykiety</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Pola własne</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Pozycja</translation>
    </message>
    <message>
        <source>Private</source>
        <translation>Prywatne</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Temat</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorytet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Połączenie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Wiadomość</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Przypomnienie</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Otworzył(a)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tytuł</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Opis</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Osoba przypisana</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation>Nr zadania</translation>
    </message>
    <message>
        <source>Reminder set by</source>
        <translation>Przypomnienie ustawił(a)</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Zamknięto</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Miejsce</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Początek</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Koniec</translation>
    </message>
    <message>
        <source>All day</source>
        <translation>Cały dzień</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Strefa czasowa</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Uczestnicy</translation>
    </message>
    <message>
        <source>Organizer</source>
        <translation>Organizator</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Powtarzanie</translation>
    </message>
    <message>
        <source>Changed occurrences</source>
        <translation>Zmienione wystąpienia</translation>
    </message>
    <message>
        <source>Phone meeting</source>
        <translation>Spotkanie telefoniczne</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Utworzono</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Zmieniono</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Nie zalogowano</translation>
    </message>
    <message>
        <source> — changes waiting: %s</source>
        <translation> — oczekujące zmiany: %s</translation>
    </message>
    <message>
        <source> — conflicts: %s</source>
        <translation> — konflikty: %s</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nigdy</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>przed chwilą</translation>
    </message>
    <message>
        <source>%s min ago</source>
        <translation>%s min temu</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(puste)</translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <source>Sync details</source>
        <translation>Szczegóły synchronizacji</translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <source>Sound Test</source>
        <translation>Test dźwięku</translation>
    </message>
    <message>
        <source>Call to hear yourself</source>
        <translation>Zadzwoń, aby usłyszeć siebie</translation>
    </message>
    <message>
        <source>A WhitePhone user (no. %s)</source>
        <translation>Użytkownik WhitePhone (nr %s)</translation>
    </message>
</context>
<context>
    <name>TeamMenu</name>
    <message>
        <source>&amp;Team</source>
        <translation>&amp;Zespół</translation>
    </message>
    <message>
        <source>&amp;My Profile…</source>
        <translation>&amp;Mój profil…</translation>
    </message>
    <message>
        <source>&amp;Company Profile…</source>
        <translation>Profil &amp;firmy…</translation>
    </message>
    <message>
        <source>&amp;User Admin…</source>
        <translation>&amp;Administracja użytkownikami…</translation>
    </message>
    <message>
        <source>Sign in to a hub first.</source>
        <translation>Najpierw zaloguj się do serwera firmy.</translation>
    </message>
</context>
<context>
    <name>TeamParts</name>
    <message>
        <source>&amp;Sign in…</source>
        <translation>Zalo&amp;guj się…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Wyloguj się</translation>
    </message>
    <message>
        <source>Online Monitor &amp;icons</source>
        <translation>&amp;Ikony Monitora obecności</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Biuro</translation>
    </message>
    <message>
        <source>Signed out. Your contacts stay on this computer.</source>
        <translation>Wylogowano. Twoje kontakty pozostają na tym komputerze.</translation>
    </message>
    <message>
        <source>Changes not sent</source>
        <translation>Niewysłane zmiany</translation>
    </message>
    <message>
        <source>1 change made here could not reach the hub yet.</source>
        <translation>1 zmiana wprowadzona tutaj nie dotarła jeszcze do serwera firmy.</translation>
    </message>
    <message numerus="yes">
        <source>%n changes made here could not reach the hub yet.</source>
        <translation>
            <numerusform>%n zmiana wprowadzona tutaj nie dotarła jeszcze do serwera firmy.</numerusform>
            <numerusform>%n zmiany wprowadzone tutaj nie dotarły jeszcze do serwera firmy.</numerusform>
            <numerusform>%n zmian wprowadzonych tutaj nie dotarło jeszcze do serwera firmy.</numerusform>
        </translation>
    </message>
    <message>
        <source>They are kept on this computer and sent when %s signs in here again; nobody else can sign in on this profile until then. Sign out anyway?</source>
        <translation>Są przechowywane na tym komputerze i zostaną wysłane, gdy %s ponownie się tu zaloguje; do tego czasu nikt inny nie może zalogować się w tym profilu. Wylogować mimo to?</translation>
    </message>
    <message>
        <source>Signed in as %s</source>
        <translation>Zalogowano jako %s</translation>
    </message>
    <message>
        <source>Working offline: %s WhitePhone keeps trying.</source>
        <translation>Praca bez połączenia: %s WhitePhone ponawia próby.</translation>
    </message>
    <message>
        <source>Other computers in your office can now connect.&lt;br&gt;Give colleagues this address: &lt;b&gt;%s&lt;/b&gt;&lt;br&gt;They choose “Sign in to my company&apos;s hub”.</source>
        <translation>Inne komputery w biurze mogą się teraz łączyć.&lt;br&gt;Podaj współpracownikom ten adres: &lt;b&gt;%s&lt;/b&gt;&lt;br&gt;Wybierają „Zaloguj się do serwera mojej firmy”.</translation>
    </message>
    <message>
        <source>Your office hub now serves this computer only.</source>
        <translation>Serwer firmy w biurze obsługuje teraz tylko ten komputer.</translation>
    </message>
    <message>
        <source>Office hub</source>
        <translation>Serwer firmy w biurze</translation>
    </message>
    <message>
        <source>%s has no computer online to take calls; leave a message instead.</source>
        <translation>%s nie ma włączonego komputera do odbierania połączeń; zostaw wiadomość.</translation>
    </message>
    <message>
        <source>%s is offline.</source>
        <translation>%s jest niedostępny.</translation>
    </message>
    <message>
        <source>Cannot call %s: %s</source>
        <translation>Nie można zadzwonić do %s: %s</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>All</source>
        <translation>Wszystko</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Połączenia</translation>
    </message>
    <message>
        <source>CRM records</source>
        <translation>Karty CRM</translation>
    </message>
    <message>
        <source>CRM notes</source>
        <translation>Notatki CRM</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Wiadomości</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Spotkania</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notatki</translation>
    </message>
    <message>
        <source>Changes to the contact</source>
        <translation>Zmiany kontaktu</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Dowolny czas</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Dzisiaj</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Ostatnie 7 dni</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Ostatnie 30 dni</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Ostatnie 12 miesięcy</translation>
    </message>
    <message>
        <source>Between dates…</source>
        <translation>Między datami…</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Połączenie przychodzące</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Połączenie wychodzące</translation>
    </message>
    <message>
        <source>Missed call</source>
        <translation>Nieodebrane połączenie</translation>
    </message>
    <message>
        <source>Declined call</source>
        <translation>Odrzucone połączenie</translation>
    </message>
    <message>
        <source>Outgoing call: busy</source>
        <translation>Połączenie wychodzące: zajęte</translation>
    </message>
    <message>
        <source>Outgoing call: no answer</source>
        <translation>Połączenie wychodzące: brak odpowiedzi</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>odebrane</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>nieodebrane</translation>
    </message>
    <message>
        <source>declined</source>
        <translation>odrzucone</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>zajęte</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>brak odpowiedzi</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulowane</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>nieudane</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Imię</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Drugie imię</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nazwa wyświetlana</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Przedrostek</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>Przyrostek</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Pseudonim</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Urodziny</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Numery telefonów</translation>
    </message>
    <message>
        <source>E-mail addresses</source>
        <translation>Adresy e-mail</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresy</translation>
    </message>
    <message>
        <source>Websites</source>
        <translation>Strony WWW</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Firmy</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etykiety</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Zdjęcie</translation>
    </message>
    <message>
        <source>Address book</source>
        <translation>Książka adresowa</translation>
    </message>
    <message>
        <source>by import</source>
        <translation>przez import</translation>
    </message>
    <message>
        <source>synced from the team</source>
        <translation>zsynchronizowane od zespołu</translation>
    </message>
    <message>
        <source>Incoming call (%s)</source>
        <translation>Połączenie przychodzące (%s)</translation>
    </message>
    <message>
        <source>Outgoing call (%s)</source>
        <translation>Połączenie wychodzące (%s)</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>nagrane</translation>
    </message>
    <message>
        <source>Contact created</source>
        <translation>Utworzono kontakt</translation>
    </message>
    <message>
        <source>Contact deleted</source>
        <translation>Usunięto kontakt</translation>
    </message>
    <message>
        <source>Merged with another contact</source>
        <translation>Scalono z innym kontaktem</translation>
    </message>
    <message>
        <source>%s changed</source>
        <translation>Zmieniono: %s</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(puste)</translation>
    </message>
    <message>
        <source>you</source>
        <translation>Ty</translation>
    </message>
    <message>
        <source>a colleague</source>
        <translation>współpracownik</translation>
    </message>
    <message>
        <source>%1 · %2 priority · %3</source>
        <translation>%1 · priorytet: %2 · %3</translation>
    </message>
    <message>
        <source>Appointment: %s</source>
        <translation>Spotkanie: %s</translation>
    </message>
    <message>
        <source> (private)</source>
        <translation> (prywatne)</translation>
    </message>
    <message>
        <source>Kind of entries</source>
        <translation>Rodzaj wpisów</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Okres</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Od dnia</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Do dnia</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Pokaż:</translation>
    </message>
    <message>
        <source>Communications</source>
        <translation>Kontakty z klientem</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>Wczytaj więcej</translation>
    </message>
    <message>
        <source>Add a private note (only you see it) and press Enter</source>
        <translation>Dodaj prywatną notatkę (widoczną tylko dla Ciebie) i naciśnij Enter</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Dodaj notatkę</translation>
    </message>
    <message>
        <source>Select a contact to see its timeline.</source>
        <translation>Wybierz kontakt, aby zobaczyć jego oś czasu.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wczytywanie…</translation>
    </message>
    <message>
        <source>Nothing on this timeline yet.</source>
        <translation>Na tej osi czasu nic jeszcze nie ma.</translation>
    </message>
    <message>
        <source>The timeline could not be read: %s</source>
        <translation>Nie udało się odczytać osi czasu: %s</translation>
    </message>
    <message>
        <source>That note is still being saved…</source>
        <translation>Ta notatka jest jeszcze zapisywana…</translation>
    </message>
    <message>
        <source>The note was not saved: %s</source>
        <translation>Notatka nie została zapisana: %s</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Hide WhitePhone</source>
        <translation>Ukryj WhitePhone</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Zakończ</translation>
    </message>
    <message>
        <source>Show WhitePhone</source>
        <translation>Pokaż WhitePhone</translation>
    </message>
    <message numerus="yes">
        <source>%n missed call(s)</source>
        <translation>
            <numerusform>%n nieodebrane połączenie</numerusform>
            <numerusform>%n nieodebrane połączenia</numerusform>
            <numerusform>%n nieodebranych połączeń</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation>
            <numerusform>%n nieprzeczytana wiadomość</numerusform>
            <numerusform>%n nieprzeczytane wiadomości</numerusform>
            <numerusform>%n nieprzeczytanych wiadomości</numerusform>
        </translation>
    </message>
    <message>
        <source>registered</source>
        <translation>zarejestrowano</translation>
    </message>
    <message>
        <source>local calls</source>
        <translation>połączenia lokalne</translation>
    </message>
    <message>
        <source>registering…</source>
        <translation>rejestrowanie…</translation>
    </message>
    <message>
        <source>not registered</source>
        <translation>nie zarejestrowano</translation>
    </message>
</context>
<context>
    <name>UserErrors</name>
    <message>
        <source>Enter the hub&apos;s address.</source>
        <translation>Wpisz adres serwera firmy.</translation>
    </message>
    <message>
        <source>You are not signed in.</source>
        <translation>Nie jesteś zalogowany.</translation>
    </message>
    <message>
        <source>Your session has ended; sign in again.</source>
        <translation>Sesja wygasła; zaloguj się ponownie.</translation>
    </message>
    <message>
        <source>Wrong e-mail or password.</source>
        <translation>Błędny e-mail lub hasło.</translation>
    </message>
    <message>
        <source>This account is disabled; ask your administrator.</source>
        <translation>To konto jest wyłączone; zwróć się do administratora.</translation>
    </message>
    <message>
        <source>Too many attempts; wait a few minutes and try again.</source>
        <translation>Zbyt wiele prób; odczekaj kilka minut i spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The hub asks for a full resync.</source>
        <translation>Serwer firmy żąda pełnej ponownej synchronizacji.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Obecne hasło jest błędne.</translation>
    </message>
    <message>
        <source>The office hub no longer knows this computer&apos;s password; sign in with your e-mail and password.</source>
        <translation>Serwer firmy w biurze nie zna już hasła tego komputera; zaloguj się swoim e-mailem i hasłem.</translation>
    </message>
    <message>
        <source>Could not connect to the hub&apos;s live channel.</source>
        <translation>Nie udało się połączyć z kanałem na żywo serwera firmy.</translation>
    </message>
    <message>
        <source>Enter a number or a SIP address to call.</source>
        <translation>Wpisz numer lub adres SIP, na który chcesz zadzwonić.</translation>
    </message>
    <message>
        <source>It was deleted on the hub (by a colleague or on another computer), so this change could not be kept.</source>
        <translation>Zostało usunięte na serwerze firmy (przez współpracownika lub na innym komputerze), więc tej zmiany nie można było zachować.</translation>
    </message>
    <message>
        <source>This e-mail address already has an account.</source>
        <translation>Ten adres e-mail ma już konto.</translation>
    </message>
    <message>
        <source>The hub refused this change.</source>
        <translation>Serwer firmy odrzucił tę zmianę.</translation>
    </message>
    <message>
        <source>The hub had a problem; try again later.</source>
        <translation>Serwer firmy napotkał problem; spróbuj ponownie później.</translation>
    </message>
    <message>
        <source>This reminder has no due time.</source>
        <translation>To przypomnienie nie ma terminu.</translation>
    </message>
    <message>
        <source>Cannot reach the hub at %s; check the address and your network, and try again.</source>
        <translation>Nie można połączyć się z serwerem firmy pod adresem %s; sprawdź adres i sieć, a potem spróbuj ponownie.</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate is not trusted (%s), so nothing was sent; check the address, or trust the hub&apos;s own certificate.</source>
        <translation>Certyfikat serwera firmy nie jest zaufany (%s), więc nic nie zostało wysłane; sprawdź adres albo zaufaj własnemu certyfikatowi serwera firmy.</translation>
    </message>
    <message>
        <source>The hub had a problem (%s); try again later.</source>
        <translation>Serwer firmy napotkał problem (%s); spróbuj ponownie później.</translation>
    </message>
    <message>
        <source>Enter the number in international form: + then the country code, e.g. +44 20 7946 0018.</source>
        <translation>Wpisz numer w formacie międzynarodowym: + i numer kierunkowy kraju, np. +44 20 7946 0018.</translation>
    </message>
    <message>
        <source>Enter a number as people in %1 write it (e.g. %2), or with + and the country code for other countries (e.g. %3).</source>
        <translation>Wpisz numer w zapisie krajowym (%1: np. %2) albo z + i numerem kierunkowym kraju dla innych krajów (np. %3).</translation>
    </message>
    <message>
        <source>“%s” is not a complete SIP address (expected sip:user@host).</source>
        <translation>„%s” nie jest pełnym adresem SIP (oczekiwano sip:użytkownik@host).</translation>
    </message>
    <message>
        <source>“%s” is not a phone number.</source>
        <translation>„%s” nie jest numerem telefonu.</translation>
    </message>
    <message>
        <source>“%s” is neither a phone number nor a SIP address.</source>
        <translation>„%s” nie jest ani numerem telefonu, ani adresem SIP.</translation>
    </message>
    <message>
        <source>“%s” has no number to dial.</source>
        <translation>„%s” nie ma numeru do wybrania.</translation>
    </message>
    <message>
        <source>Not sent: the hub refused it.</source>
        <translation>Nie wysłano: serwer firmy odrzucił wiadomość.</translation>
    </message>
    <message>
        <source>Not sent to %s</source>
        <translation>Nie wysłano do: %s</translation>
    </message>
    <message>
        <source>user %s</source>
        <translation>użytkownik %s</translation>
    </message>
    <message>
        <source>There is no colleague %s on the hub.</source>
        <translation>Na serwerze firmy nie ma takiego współpracownika: %s.</translation>
    </message>
    <message>
        <source>Not sent: %s</source>
        <translation>Nie wysłano: %s</translation>
    </message>
</context>
<context>
    <name>VideoMail</name>
    <message>
        <source>No camera was found on this computer. Connect one (and allow WhitePhone to use it) to record a video mail; you can send a voice mail or a text instead.</source>
        <translation>Na tym komputerze nie znaleziono kamery. Podłącz ją (i zezwól WhitePhone na jej użycie), aby nagrać wiadomość wideo; zamiast tego możesz wysłać wiadomość głosową lub tekstową.</translation>
    </message>
</context>
<context>
    <name>VoiceRecorder</name>
    <message>
        <source>%1 / %2 · %3 left</source>
        <translation>%1 / %2 · %3 do końca</translation>
    </message>
</context>
<context>
    <name>VoiceRecorderPanel</name>
    <message>
        <source>Record</source>
        <translation>Nagraj</translation>
    </message>
    <message>
        <source>Record from the microphone (at most %s)</source>
        <translation>Nagraj z mikrofonu (najwyżej %s)</translation>
    </message>
    <message>
        <source>The call engine is not running: voice mail is recorded through it. It starts with the window; see the status bar.</source>
        <translation>Silnik połączeń nie działa, a wiadomości głosowe są nagrywane za jego pomocą. Uruchamia się razem z oknem; zobacz pasek stanu.</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Zatrzymaj</translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation>Otwieranie mikrofonu…</translation>
    </message>
    <message>
        <source>Finishing the recording…</source>
        <translation>Kończenie nagrania…</translation>
    </message>
    <message>
        <source>Cannot record: %s</source>
        <translation>Nie można nagrywać: %s</translation>
    </message>
    <message>
        <source>Recording… speak now. Stop when you are done (it stops by itself after %s).</source>
        <translation>Nagrywanie… mów teraz. Zatrzymaj, gdy skończysz (samo zatrzyma się po %s).</translation>
    </message>
    <message>
        <source>Recorded %s. Listen back, record again, or send it.</source>
        <translation>Nagrano %s. Odsłuchaj, nagraj ponownie lub wyślij.</translation>
    </message>
    <message>
        <source>Recorded %s: the most your company allows, so it stopped there. Listen back, record again, or send it.</source>
        <translation>Nagrano %s: tyle, ile pozwala Twoja firma, więc nagrywanie się zatrzymało. Odsłuchaj, nagraj ponownie lub wyślij.</translation>
    </message>
    <message>
        <source>No sound came from the microphone: %s</source>
        <translation>Z mikrofonu nie dochodzi dźwięk: %s</translation>
    </message>
    <message>
        <source>Not recorded: %s</source>
        <translation>Nie nagrano: %s</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>anulowano</translation>
    </message>
    <message>
        <source>Record again</source>
        <translation>Nagraj ponownie</translation>
    </message>
</context>
<context>
    <name>_Recording</name>
    <message>
        <source>the recorder failed</source>
        <translation>nagrywanie nie powiodło się</translation>
    </message>
    <message>
        <source>nothing was recorded</source>
        <translation>nic nie zostało nagrane</translation>
    </message>
</context>
</TS>
