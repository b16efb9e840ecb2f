<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl">
<context>
    <name>AccountEditor</name>
    <message>
        <source>The display name cannot contain quotes or angle brackets.</source>
        <translation>Nazwa wyświetlana nie może zawierać cudzysłowów ani nawiasów ostrych.</translation>
    </message>
    <message>
        <source>Enter the account&apos;s SIP address, e.g. sip:alice@sip.example.com.</source>
        <translation>Wpisz adres SIP konta, np. sip:alice@sip.example.com.</translation>
    </message>
    <message>
        <source>“%s” is not a SIP address. Write it as sip:user@host (a port may follow: sip:alice@192.0.2.5:5070).</source>
        <translation>„%s” nie jest adresem SIP. Wpisz go jako sip:użytkownik@host (może po nim nastąpić port: sip:alice@192.0.2.5:5070).</translation>
    </message>
    <message>
        <source>The port must be between 1 and 65535.</source>
        <translation>Port musi mieć wartość od 1 do 65535.</translation>
    </message>
    <message>
        <source>Another account already uses this SIP address and registrar.</source>
        <translation>Inne konto używa już tego adresu SIP i serwera rejestracji.</translation>
    </message>
    <message>
        <source>Enter the registrar your provider gave you (e.g. sip.example.com), or tick “No registrar” for a local account.</source>
        <translation>Wpisz serwer rejestracji podany przez operatora (np. sip.example.com) albo zaznacz „Bez serwera rejestracji” dla konta lokalnego.</translation>
    </message>
    <message>
        <source>“%s” is not a registrar address. Write it as sip:host or sip:host:port.</source>
        <translation>„%s” nie jest adresem serwera rejestracji. Wpisz go jako sip:host lub sip:host:port.</translation>
    </message>
    <message>
        <source>“%s” is not a proxy address. Write it as sip:host or sip:host:port, or leave it empty.</source>
        <translation>„%s” nie jest adresem serwera proxy. Wpisz go jako sip:host lub sip:host:port albo zostaw puste pole.</translation>
    </message>
    <message>
        <source>The authentication user cannot contain spaces, quotes or angle brackets.</source>
        <translation>Użytkownik uwierzytelniania nie może zawierać spacji, cudzysłowów ani nawiasów ostrych.</translation>
    </message>
    <message>
        <source>The password cannot contain line breaks.</source>
        <translation>Hasło nie może zawierać podziałów wiersza.</translation>
    </message>
    <message>
        <source>Register every %d to %d seconds.</source>
        <translation>Rejestruj co %d do %d sekund.</translation>
    </message>
    <message>
        <source>Choose automatic, UDP, TCP or TLS.</source>
        <translation>Wybierz: automatycznie, UDP, TCP lub TLS.</translation>
    </message>
    <message>
        <source>Choose off, optional or mandatory.</source>
        <translation>Wybierz: wyłączone, opcjonalne lub obowiązkowe.</translation>
    </message>
    <message>
        <source>Edit SIP account</source>
        <translation>Edytuj konto SIP</translation>
    </message>
    <message>
        <source>Add SIP account</source>
        <translation>Dodaj konto SIP</translation>
    </message>
    <message>
        <source>e.g. Office line</source>
        <translation>np. Linia biurowa</translation>
    </message>
    <message>
        <source>No registrar (local account: calls and is called by direct SIP address)</source>
        <translation>Bez serwera rejestracji (konto lokalne: dzwoni i odbiera połączenia pod bezpośrednim adresem SIP)</translation>
    </message>
    <message>
        <source>optional, e.g. sip:proxy.example.com;lr</source>
        <translation>opcjonalnie, np. sip:proxy.example.com;lr</translation>
    </message>
    <message>
        <source>empty = the user part of the SIP address</source>
        <translation>puste = część adresu SIP przed @</translation>
    </message>
    <message>
        <source>unchanged (kept in the keyring)</source>
        <translation>bez zmian (przechowywane w pęku kluczy)</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>przechowywane w systemowym pęku kluczy</translation>
    </message>
    <message>
        <source>Automatic (finds a way through the firewall)</source>
        <translation>Automatycznie (znajduje drogę przez zaporę)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Wyłączone</translation>
    </message>
    <message>
        <source>Optional (encrypt when the other side can)</source>
        <translation>Opcjonalne (szyfruj, gdy druga strona to umożliwia)</translation>
    </message>
    <message>
        <source>Mandatory (refuse unencrypted calls)</source>
        <translation>Obowiązkowe (odrzucaj nieszyfrowane połączenia)</translation>
    </message>
    <message>
        <source>Default account for outgoing calls</source>
        <translation>Domyślne konto dla połączeń wychodzących</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Nazwa wyświetlana</translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation>Adres SIP</translation>
    </message>
    <message>
        <source>Registrar</source>
        <translation>Serwer rejestracji</translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation>Serwer proxy dla połączeń wychodzących</translation>
    </message>
    <message>
        <source>Authentication user</source>
        <translation>Użytkownik uwierzytelniania</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Hasło</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Register every</source>
        <translation>Rejestruj co</translation>
    </message>
    <message>
        <source>Encryption (SRTP)</source>
        <translation>Szyfrowanie (SRTP)</translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Add…</source>
        <translation>Dodaj…</translation>
    </message>
    <message>
        <source>Add a SIP account</source>
        <translation>Dodaj konto SIP</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edytuj…</translation>
    </message>
    <message>
        <source>Edit the selected account</source>
        <translation>Edytuj wybrane konto</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Remove the selected account</source>
        <translation>Usuń wybrane konto</translation>
    </message>
    <message>
        <source>Make default</source>
        <translation>Ustaw jako domyślne</translation>
    </message>
    <message>
        <source>No SIP account yet. Without one, WhitePhone still calls and answers SIP addresses directly; to call phone numbers, add the account your provider gave you.</source>
        <translation>Nie ma jeszcze konta SIP. Bez niego WhitePhone nadal dzwoni pod adresy SIP i odbiera z nich połączenia bezpośrednio; aby dzwonić na numery telefonów, dodaj konto otrzymane od operatora.</translation>
    </message>
    <message>
        <source>Passwords are kept in the system keyring, never in the settings file. The default account places outgoing calls; phone numbers go through the default account, or the first one with a registrar.</source>
        <translation>Hasła są przechowywane w systemowym pęku kluczy, nigdy w pliku ustawień. Połączenia wychodzące nawiązuje konto domyślne; numery telefonów są wybierane przez konto domyślne albo pierwsze konto z serwerem rejestracji.</translation>
    </message>
    <message>
        <source>SIP accounts:</source>
        <translation>Konta SIP:</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatycznie</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcjonalne</translation>
    </message>
    <message>
        <source>mandatory</source>
        <translation>obowiązkowe</translation>
    </message>
    <message>
        <source>local, no registrar</source>
        <translation>lokalne, bez serwera rejestracji</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(domyślne)</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Usuń konto</translation>
    </message>
    <message>
        <source>Remove the account %s? Its password is deleted from the keyring.</source>
        <translation>Usunąć konto %s? Jego hasło zostanie usunięte z pęku kluczy.</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konta</translation>
    </message>
    <message>
        <source>No system keyring is available: the password is kept for this session only and must be entered again after a restart.</source>
        <translation>Systemowy pęk kluczy jest niedostępny: hasło zostanie zapamiętane tylko na tę sesję i po ponownym uruchomieniu trzeba je wpisać jeszcze raz.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>Dodaj użytkownika</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Hasło</translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation>Potwierdź hasło</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Dodaj użytkownika</translation>
    </message>
    <message>
        <source>Enter the user&apos;s name.</source>
        <translation>Wpisz imię i nazwisko użytkownika.</translation>
    </message>
    <message>
        <source>Enter the user&apos;s e-mail address.</source>
        <translation>Wpisz adres e-mail użytkownika.</translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation>Hasło musi mieć co najmniej 8 znaków.</translation>
    </message>
    <message>
        <source>The password and its confirmation differ.</source>
        <translation>Hasło i jego potwierdzenie się różnią.</translation>
    </message>
</context>
<context>
    <name>AdvancedSearchDialog</name>
    <message>
        <source>Search by field</source>
        <translation>Szukaj według pola</translation>
    </message>
    <message>
        <source>&amp;Add condition</source>
        <translation>&amp;Dodaj warunek</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Szukaj</translation>
    </message>
    <message>
        <source>&lt;b&gt;=&lt;/b&gt; exact match (any case). &lt;b&gt;Like&lt;/b&gt;: &lt;tt&gt;Ma%&lt;/tt&gt; starts with, &lt;tt&gt;%ria&lt;/tt&gt; ends with, &lt;tt&gt;%ari%&lt;/tt&gt; contains; without % it means starts with. &lt;tt&gt;\%&lt;/tt&gt; is a percent sign itself.</source>
        <translation>&lt;b&gt;=&lt;/b&gt; dokładne dopasowanie (bez względu na wielkość liter). &lt;b&gt;Pasuje do&lt;/b&gt;: &lt;tt&gt;Ma%&lt;/tt&gt; zaczyna się od, &lt;tt&gt;%ria&lt;/tt&gt; kończy się na, &lt;tt&gt;%ari%&lt;/tt&gt; zawiera; bez % oznacza „zaczyna się od”. &lt;tt&gt;\%&lt;/tt&gt; to sam znak procentu.</translation>
    </message>
    <message>
        <source>Contacts found</source>
        <translation>Znalezione kontakty</translation>
    </message>
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
        <source>Choose a field, = or Like, type a value and press Enter.</source>
        <translation>Wybierz pole, = lub Pasuje do, wpisz wartość i naciśnij Enter.</translation>
    </message>
    <message>
        <source>Cannot search: %s</source>
        <translation>Nie można wyszukać: %s</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Wyszukiwanie…</translation>
    </message>
    <message>
        <source>No contacts match.</source>
        <translation>Brak pasujących kontaktów.</translation>
    </message>
    <message numerus="yes">
        <source>The first %n contacts; narrow the search to see others.</source>
        <translation>
            <numerusform>Pierwszy %n kontakt; zawęź wyszukiwanie, aby zobaczyć pozostałe.</numerusform>
            <numerusform>Pierwsze %n kontakty; zawęź wyszukiwanie, aby zobaczyć pozostałe.</numerusform>
            <numerusform>Pierwszych %n kontaktów; zawęź wyszukiwanie, aby zobaczyć pozostałe.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n contacts. Enter or double-click opens one.</source>
        <translation>
            <numerusform>%n kontakt. Enter lub dwukrotne kliknięcie go otwiera.</numerusform>
            <numerusform>%n kontakty. Enter lub dwukrotne kliknięcie otwiera kontakt.</numerusform>
            <numerusform>%n kontaktów. Enter lub dwukrotne kliknięcie otwiera kontakt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The search failed: %s</source>
        <translation>Wyszukiwanie nie powiodło się: %s</translation>
    </message>
</context>
<context>
    <name>AnnounceDialog</name>
    <message>
        <source>Posting announcements needs the Announcements permission; ask your administrator (User Admin) to give it to you.</source>
        <translation>Publikowanie ogłoszeń wymaga uprawnienia Ogłoszenia; poproś administratora (Administracja użytkownikami), aby Ci je nadał.</translation>
    </message>
    <message>
        <source>New announcement</source>
        <translation>Nowe ogłoszenie</translation>
    </message>
    <message>
        <source>The whole company</source>
        <translation>Cała firma</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Ogłoszenie</translation>
    </message>
    <message>
        <source>What everyone should know</source>
        <translation>Co wszyscy powinni wiedzieć</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Do:</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Opublikuj</translation>
    </message>
    <message>
        <source>Markets could not be listed: %s</source>
        <translation>Nie udało się pobrać listy rynków: %s</translation>
    </message>
    <message numerus="yes">
        <source>Market: %s (%n member(s))</source>
        <translation>
            <numerusform>Rynek: %s (%n członek)</numerusform>
            <numerusform>Rynek: %s (%n członków)</numerusform>
            <numerusform>Rynek: %s (%n członków)</numerusform>
        </translation>
    </message>
    <message>
        <source>Write the announcement first.</source>
        <translation>Najpierw napisz ogłoszenie.</translation>
    </message>
    <message>
        <source>Not posted: %s</source>
        <translation>Nie opublikowano: %s</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <source>Follow the system</source>
        <translation>Jak w systemie</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Jasny</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Ciemny</translation>
    </message>
    <message>
        <source>Light or dark colours; following the system changes them when the desktop&apos;s setting changes</source>
        <translation>Jasne lub ciemne kolory; ustawienie „Jak w systemie” zmienia je razem z ustawieniem pulpitu</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Motyw</translation>
    </message>
    <message>
        <source>When the desktop does not say whether it is light or dark, the light theme is used.</source>
        <translation>Gdy pulpit nie podaje, czy jest jasny, czy ciemny, używany jest motyw jasny.</translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <source>System default</source>
        <translation>Domyślne systemowe</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <source>Look again for devices plugged in since</source>
        <translation>Wyszukaj ponownie urządzenia podłączone w międzyczasie</translation>
    </message>
    <message>
        <source>Echo cancellation (recommended without a headset)</source>
        <translation>Usuwanie echa (zalecane bez zestawu słuchawkowego)</translation>
    </message>
    <message>
        <source>Low latency from the first second (calls inside one office network)</source>
        <translation>Małe opóźnienie od pierwszej sekundy (połączenia w jednej sieci biurowej)</translation>
    </message>
    <message>
        <source>Every call starts with 120 ms of buffered audio and gives up what the network does not need in the first pauses (down to 40 ms once the network proves steady). This starts at 40 ms at once instead; on the internet the first burst of jitter then costs a short gap. Applied when no call is up.</source>
        <translation>Każde połączenie zaczyna się od 120 ms buforowanego dźwięku i w pierwszych przerwach oddaje to, czego sieć nie potrzebuje (do 40 ms, gdy sieć okaże się stabilna). Ta opcja zaczyna od razu od 40 ms; w internecie pierwszy skok opóźnień kosztuje wtedy krótką przerwę w dźwięku. Stosowane, gdy nie trwa żadne połączenie.</translation>
    </message>
    <message>
        <source>Test my audio</source>
        <translation>Testuj dźwięk</translation>
    </message>
    <message>
        <source>Records three seconds from the microphone, then plays them back</source>
        <translation>Nagrywa trzy sekundy z mikrofonu, a potem je odtwarza</translation>
    </message>
    <message>
        <source>Codecs, preferred first</source>
        <translation>Kodeki, od najbardziej preferowanego</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>W górę</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>W dół</translation>
    </message>
    <message>
        <source>Move the selected codec down: preferred later</source>
        <translation>Przesuń wybrany kodek w dół: używany w dalszej kolejności</translation>
    </message>
    <message>
        <source>Move the selected codec up: preferred earlier</source>
        <translation>Przesuń wybrany kodek w górę: używany w pierwszej kolejności</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Poziom</translation>
    </message>
    <message>
        <source>Microphone volume</source>
        <translation>Głośność mikrofonu</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Głośnik</translation>
    </message>
    <message>
        <source>Speaker volume</source>
        <translation>Głośność głośnika</translation>
    </message>
    <message>
        <source>Ringer</source>
        <translation>Dzwonek</translation>
    </message>
    <message>
        <source>Codecs, first preferred</source>
        <translation>Kodeki, pierwszy preferowany</translation>
    </message>
    <message>
        <source>The call engine is not running; the devices appear once it is.</source>
        <translation>Silnik połączeń nie działa; urządzenia pojawią się, gdy zostanie uruchomiony.</translation>
    </message>
    <message>
        <source>100 % leaves the level as it is</source>
        <translation>100 % pozostawia poziom bez zmian</translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation>Otwieranie mikrofonu…</translation>
    </message>
    <message>
        <source>No sound devices: %s</source>
        <translation>Brak urządzeń dźwiękowych: %s</translation>
    </message>
    <message>
        <source>Sound devices: %s</source>
        <translation>Urządzenia dźwiękowe: %s</translation>
    </message>
    <message>
        <source>Sound devices ready.</source>
        <translation>Urządzenia dźwiękowe są gotowe.</translation>
    </message>
    <message>
        <source>Echo cancellation is unavailable: %s</source>
        <translation>Usuwanie echa jest niedostępne: %s</translation>
    </message>
    <message>
        <source>Speak now: recording three seconds…</source>
        <translation>Mów teraz: nagrywanie trzech sekund…</translation>
    </message>
    <message>
        <source>Playing back what the microphone heard…</source>
        <translation>Odtwarzanie tego, co usłyszał mikrofon…</translation>
    </message>
    <message>
        <source>Audio test finished.</source>
        <translation>Test dźwięku zakończony.</translation>
    </message>
    <message>
        <source>No sound came from the microphone: %s</source>
        <translation>Z mikrofonu nie dochodzi żaden dźwięk: %s</translation>
    </message>
    <message>
        <source>%s (not connected)</source>
        <translation>%s (niepodłączone)</translation>
    </message>
</context>
<context>
    <name>CallerPage</name>
    <message>
        <source>&amp;Create a contact for callers who are in no address book</source>
        <translation>&amp;Twórz kontakt dla dzwoniących, których nie ma w żadnej książce adresowej</translation>
    </message>
    <message>
        <source>The contact is named after the caller&apos;s name as their phone sends it, or the number, and goes to your default address book. Without this, the popup beside a ringing call offers &quot;Create contact&quot; with the number filled in.</source>
        <translation>Kontakt otrzymuje nazwę dzwoniącego przesłaną przez jego telefon albo numer i trafia do domyślnej książki adresowej. Bez tej opcji okienko obok dzwoniącego połączenia proponuje „Utwórz kontakt” z wpisanym numerem.</translation>
    </message>
</context>
<context>
    <name>CompanyProfileDialog</name>
    <message>
        <source>Company Profile</source>
        <translation>Profil firmy</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Brak logo</translation>
    </message>
    <message>
        <source>Choose logo…</source>
        <translation>Wybierz logo…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Usuń logo</translation>
    </message>
    <message>
        <source>Region to add</source>
        <translation>Region do dodania</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Dodaj</translation>
    </message>
    <message>
        <source>Add the region chosen on the left to the company&apos;s regions</source>
        <translation>Dodaj region wybrany po lewej do regionów firmy</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Remove the selected region from the company&apos;s regions</source>
        <translation>Usuń wybrany region z regionów firmy</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> s</translation>
    </message>
    <message>
        <source>The longest voice or video mail anyone in the company may send (%d seconds to %d minutes); recording stops there.</source>
        <translation>Najdłuższa wiadomość głosowa lub wideo, jaką może wysłać każdy w firmie (od %d sekund do %d minut); nagrywanie zatrzymuje się w tym miejscu.</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Nazwa firmy</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Regiony</translation>
    </message>
    <message>
        <source>Longest voice/video mail</source>
        <translation>Najdłuższa wiadomość głosowa/wideo</translation>
    </message>
    <message>
        <source>Loading the company profile…</source>
        <translation>Wczytywanie profilu firmy…</translation>
    </message>
    <message>
        <source>the logo needs the Logo permission</source>
        <translation>logo wymaga uprawnienia Logo</translation>
    </message>
    <message>
        <source>the name needs the Company permission</source>
        <translation>nazwa wymaga uprawnienia Firma</translation>
    </message>
    <message>
        <source>the regions need the Products permission</source>
        <translation>regiony wymagają uprawnienia Produkty</translation>
    </message>
    <message>
        <source>the longest voice mail is for company admins</source>
        <translation>najdłuższą wiadomość głosową ustalają administratorzy firmy</translation>
    </message>
    <message>
        <source>Read-only for you: </source>
        <translation>Tylko do odczytu dla Ciebie: </translation>
    </message>
    <message>
        <source>Choose the company logo</source>
        <translation>Wybierz logo firmy</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
        <translation>Obrazy (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <source>Enter the company&apos;s name.</source>
        <translation>Wpisz nazwę firmy.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>The company profile is saved.</source>
        <translation>Profil firmy został zapisany.</translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <source>New message</source>
        <translation>Nowa wiadomość</translation>
    </message>
    <message>
        <source>Find a colleague</source>
        <translation>Znajdź współpracownika</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>No colleagues known yet: sign in to your company&apos;s hub and let it sync.</source>
        <translation>Nie znamy jeszcze żadnych współpracowników: zaloguj się na serwer firmy i poczekaj na synchronizację.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Wiadomość</translation>
    </message>
    <message>
        <source>Write your message</source>
        <translation>Napisz wiadomość</translation>
    </message>
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
        <source>To:</source>
        <translation>Do:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Temat:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Wyślij</translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation>Wyślij (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Choose at least one colleague to send to.</source>
        <translation>Wybierz co najmniej jednego współpracownika jako odbiorcę.</translation>
    </message>
    <message>
        <source>Write something first.</source>
        <translation>Najpierw coś napisz.</translation>
    </message>
    <message>
        <source>Record your voice mail first (Record, then Stop).</source>
        <translation>Najpierw nagraj wiadomość głosową (Nagrywaj, potem Zatrzymaj).</translation>
    </message>
    <message>
        <source>Record your video mail first.</source>
        <translation>Najpierw nagraj wiadomość wideo.</translation>
    </message>
    <message>
        <source>Not sent: %s</source>
        <translation>Nie wysłano: %s</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Field</source>
        <translation>Pole</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Porównanie</translation>
    </message>
    <message>
        <source>Like</source>
        <translation>Pasuje do</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wartość</translation>
    </message>
    <message>
        <source>Value, e.g. Ma% or =exact</source>
        <translation>Wartość, np. Ma% lub =dokładnie</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Usuń ten warunek</translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Edit contact</source>
        <translation>Edytuj kontakt</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>Nowy kontakt</translation>
    </message>
    <message>
        <source>Photo…</source>
        <translation>Zdjęcie…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Usuń zdjęcie</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Osoba</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tytuł</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Imię</translation>
    </message>
    <message>
        <source>Middle name</source>
        <translation>Drugie imię</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>Sufiks</translation>
    </message>
    <message>
        <source>Shown as</source>
        <translation>Wyświetlane jako</translation>
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
        <source>YYYY-MM-DD</source>
        <translation>RRRR-MM-DD</translation>
    </message>
    <message>
        <source>(from the name parts)</source>
        <translation>(z części imienia i nazwiska)</translation>
    </message>
    <message>
        <source>Address book</source>
        <translation>Książka adresowa</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Stanowisko</translation>
    </message>
    <message>
        <source>Add company</source>
        <translation>Dodaj firmę</translation>
    </message>
    <message>
        <source>Remove company %d</source>
        <translation>Usuń firmę %d</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Firmy</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Numer</translation>
    </message>
    <message>
        <source>Add number</source>
        <translation>Dodaj numer</translation>
    </message>
    <message>
        <source>Remove number %d</source>
        <translation>Usuń numer %d</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>Numery telefonów</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>Adres e-mail</translation>
    </message>
    <message>
        <source>Add e-mail</source>
        <translation>Dodaj e-mail</translation>
    </message>
    <message>
        <source>Remove e-mail %d</source>
        <translation>Usuń e-mail %d</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Ulica</translation>
    </message>
    <message>
        <source>Street line 2</source>
        <translation>Ulica, wiersz 2</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Kod pocztowy</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Miejscowość</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Kraj</translation>
    </message>
    <message>
        <source>Add address</source>
        <translation>Dodaj adres</translation>
    </message>
    <message>
        <source>Remove address %d</source>
        <translation>Usuń adres %d</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresy</translation>
    </message>
    <message>
        <source>Add website</source>
        <translation>Dodaj stronę WWW</translation>
    </message>
    <message>
        <source>Remove website %d</source>
        <translation>Usuń stronę WWW %d</translation>
    </message>
    <message>
        <source>Websites</source>
        <translation>Strony WWW</translation>
    </message>
    <message>
        <source>comma-separated, e.g. customer, vip</source>
        <translation>oddzielone przecinkami, np. klient, vip</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Etykiety</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notatki</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Nazwa firmy</translation>
    </message>
    <message>
        <source>%s is not understood as a phone number. </source>
        <translation>Nie rozpoznano %s jako numeru telefonu. </translation>
    </message>
    <message>
        <source>%s are not understood as phone numbers. </source>
        <translation>Nie rozpoznano %s jako numerów telefonów. </translation>
    </message>
    <message numerus="yes">
        <source>%n more</source>
        <translation>
            <numerusform>%n inny</numerusform>
            <numerusform>%n inne</numerusform>
            <numerusform>%n innych</numerusform>
        </translation>
    </message>
    <message>
        <source>%s is not understood as a phone number, so it cannot be called or recognised when it rings.</source>
        <translation>Nie rozpoznano %s jako numeru telefonu, więc nie można pod niego zadzwonić ani rozpoznać go, gdy dzwoni.</translation>
    </message>
    <message>
        <source>%s are not understood as phone numbers, so they cannot be called or recognised when they ring.</source>
        <translation>Nie rozpoznano %s jako numerów telefonów, więc nie można pod nie zadzwonić ani rozpoznać ich, gdy dzwonią.</translation>
    </message>
    <message>
        <source>“%s”</source>
        <translation>„%s”</translation>
    </message>
    <message>
        <source>%s and %s</source>
        <translation>%s i %s</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Brak zdjęcia</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Wybierz zdjęcie</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
        <translation>Obrazy (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Zdjęcie</translation>
    </message>
    <message>
        <source>This file cannot be used as a photo: %s</source>
        <translation>Tego pliku nie można użyć jako zdjęcia: %s</translation>
    </message>
    <message>
        <source>Give the contact a name, a company, a number or an e-mail address.</source>
        <translation>Podaj nazwę kontaktu, firmę, numer lub adres e-mail.</translation>
    </message>
    <message>
        <source>Write the birthday as YYYY-MM-DD (or --MM-DD without the year).</source>
        <translation>Wpisz datę urodzin jako RRRR-MM-DD (lub --MM-DD bez roku).</translation>
    </message>
    <message>
        <source>“%s” must be a number.</source>
        <translation>„%s” musi być liczbą.</translation>
    </message>
    <message>
        <source>Write “%s” as YYYY-MM-DD.</source>
        <translation>Wpisz „%s” jako RRRR-MM-DD.</translation>
    </message>
    <message>
        <source>Keep as text</source>
        <translation>Zachowaj jako tekst</translation>
    </message>
    <message>
        <source>Correct it</source>
        <translation>Popraw</translation>
    </message>
</context>
<context>
    <name>ContactKind</name>
    <message>
        <source>Mobile</source>
        <translation>Komórkowy</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Domowy</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Służbowy</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Główny</translation>
    </message>
    <message>
        <source>Home fax</source>
        <translation>Faks domowy</translation>
    </message>
    <message>
        <source>Office fax</source>
        <translation>Faks służbowy</translation>
    </message>
    <message>
        <source>Pager</source>
        <translation>Pager</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Inny</translation>
    </message>
</context>
<context>
    <name>CrmTypesDialog</name>
    <message>
        <source>CRM record types</source>
        <translation>Typy kart CRM</translation>
    </message>
    <message>
        <source>Record types</source>
        <translation>Typy kart</translation>
    </message>
    <message>
        <source>New type</source>
        <translation>Nowy typ</translation>
    </message>
    <message>
        <source>A new type, e.g. Warranty claim</source>
        <translation>Nowy typ, np. Reklamacja gwarancyjna</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Dodaj</translation>
    </message>
    <message>
        <source>Add a record type</source>
        <translation>Dodaj typ karty</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Usuń</translation>
    </message>
    <message>
        <source>Remove the selected record type</source>
        <translation>Usuń wybrany typ karty</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>W górę</translation>
    </message>
    <message>
        <source>Move the selected record type up the list</source>
        <translation>Przesuń wybrany typ karty w górę listy</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>W dół</translation>
    </message>
    <message>
        <source>Move the selected record type down the list</source>
        <translation>Przesuń wybrany typ karty w dół listy</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Zapisz</translation>
    </message>
    <message>
        <source>Save the record types for the whole company</source>
        <translation>Zapisz typy kart dla całej firmy</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <source>Reading the types from the hub…</source>
        <translation>Odczytywanie typów z serwera firmy…</translation>
    </message>
    <message>
        <source>The types a new CRM record can have, in the order the Type lists show them.</source>
        <translation>Typy, jakie może mieć nowa karta CRM, w kolejności wyświetlania na listach Typ.</translation>
    </message>
    <message>
        <source>Only holders of the CRM admin permission can change the types.</source>
        <translation>Typy mogą zmieniać tylko osoby z uprawnieniem Administrator CRM.</translation>
    </message>
    <message>
        <source>“%s” is in the list already.</source>
        <translation>„%s” jest już na liście.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Zapisano.</translation>
    </message>
</context>
<context>
    <name>CustomFieldsPage</name>
    <message>
        <source>Contact fields</source>
        <translation>Pola kontaktu</translation>
    </message>
    <message>
        <source>Add field…</source>
        <translation>Dodaj pole…</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Usuń pole</translation>
    </message>
    <message>
        <source>Extra fields shown on every contact card:</source>
        <translation>Dodatkowe pola wyświetlane na każdej karcie kontaktu:</translation>
    </message>
    <message>
        <source>New field</source>
        <translation>Nowe pole</translation>
    </message>
    <message>
        <source>Field name:</source>
        <translation>Nazwa pola:</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Choices, comma-separated:</source>
        <translation>Opcje, oddzielone przecinkami:</translation>
    </message>
    <message>
        <source>Cannot add this field: %s</source>
        <translation>Nie można dodać tego pola: %s</translation>
    </message>
    <message>
        <source>Remove this field and its values from every contact?</source>
        <translation>Usunąć to pole i jego wartości ze wszystkich kontaktów?</translation>
    </message>
</context>
<context>
    <name>FieldType</name>
    <message>
        <source>text</source>
        <translation>tekst</translation>
    </message>
    <message>
        <source>number</source>
        <translation>liczba</translation>
    </message>
    <message>
        <source>date</source>
        <translation>data</translation>
    </message>
    <message>
        <source>choice</source>
        <translation>wybór</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Import contacts</source>
        <translation>Importuj kontakty</translation>
    </message>
    <message>
        <source>vCard (.vcf) and CSV files from Google, Outlook, Apple, Android, Thunderbird or a spreadsheet.</source>
        <translation>Pliki vCard (.vcf) i CSV z Google, Outlooka, Apple, Androida, Thunderbirda lub arkusza kalkulacyjnego.</translation>
    </message>
    <message>
        <source>Files to import</source>
        <translation>Pliki do zaimportowania</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Dodaj pliki…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Wyczyść</translation>
    </message>
    <message>
        <source>Empty the list of files to import</source>
        <translation>Wyczyść listę plików do importu</translation>
    </message>
    <message>
        <source>Into address book</source>
        <translation>Do książki adresowej</translation>
    </message>
    <message>
        <source>Contacts already there</source>
        <translation>Kontakty, które już są</translation>
    </message>
    <message>
        <source>Choose contact files</source>
        <translation>Wybierz pliki z kontaktami</translation>
    </message>
    <message>
        <source>Contacts (*.vcf *.vcard *.csv *.txt);;All files (*)</source>
        <translation>Kontakty (*.vcf *.vcard *.csv *.txt);;Wszystkie pliki (*)</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>System default</source>
        <translation>Domyślny systemowy</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Język</translation>
    </message>
    <message>
        <source>A new language applies at the next start of WhitePhone.</source>
        <translation>Nowy język zostanie użyty przy następnym uruchomieniu WhitePhone.</translation>
    </message>
</context>
<context>
    <name>HubDialog</name>
    <message>
        <source>Something went wrong (%s: %s).</source>
        <translation>Coś poszło nie tak (%s: %s).</translation>
    </message>
</context>
<context>
    <name>ImportPolicy</name>
    <message>
        <source>Merge them (keep both sets of numbers and e-mails)</source>
        <translation>Scal je (zachowaj numery i adresy e-mail z obu)</translation>
    </message>
    <message>
        <source>Skip them (keep what I have)</source>
        <translation>Pomiń je (zachowaj to, co mam)</translation>
    </message>
    <message>
        <source>Update mine with the imported values</source>
        <translation>Zaktualizuj moje importowanymi wartościami</translation>
    </message>
    <message>
        <source>Import them anyway as separate contacts</source>
        <translation>Mimo to importuj je jako osobne kontakty</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import contacts</source>
        <translation>Importuj kontakty</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Dalej</translation>
    </message>
    <message>
        <source>Use “Cancel import” to stop; what is imported stays.</source>
        <translation>Aby przerwać, użyj „Anuluj import”; to, co już zaimportowano, pozostanie.</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Answer and hang up with a global hotkey</source>
        <translation>Odbieraj i rozłączaj globalnym skrótem klawiszowym</translation>
    </message>
    <message>
        <source>The key answers a ringing call or hangs up the current one, also while another program is in front</source>
        <translation>Klawisz odbiera dzwoniące połączenie albo rozłącza bieżące, także gdy na wierzchu jest inny program</translation>
    </message>
    <message>
        <source>Global hotkey</source>
        <translation>Globalny skrót klawiszowy</translation>
    </message>
    <message>
        <source>Not active: %s</source>
        <translation>Nieaktywny: %s</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Klawisz</translation>
    </message>
    <message>
        <source>Use headset buttons</source>
        <translation>Używaj przycisków zestawu słuchawkowego</translation>
    </message>
    <message>
        <source>A USB headset&apos;s call button answers and hangs up, its mute button mutes; its lights show the call</source>
        <translation>Przycisk połączenia zestawu słuchawkowego USB odbiera i rozłącza, przycisk wyciszenia wycisza; lampki zestawu pokazują stan połączenia</translation>
    </message>
    <message>
        <source>Headset</source>
        <translation>Zestaw słuchawkowy</translation>
    </message>
    <message>
        <source>The first headset found</source>
        <translation>Pierwszy znaleziony zestaw słuchawkowy</translation>
    </message>
    <message>
        <source>%s (not plugged in)</source>
        <translation>%s (niepodłączony)</translation>
    </message>
    <message>
        <source>No USB headset with call buttons is plugged in.</source>
        <translation>Nie podłączono zestawu słuchawkowego USB z przyciskami połączeń.</translation>
    </message>
</context>
<context>
    <name>LeaveVoiceMailDialog</name>
    <message>
        <source>Voice mail for %s</source>
        <translation>Wiadomość głosowa dla: %s</translation>
    </message>
    <message>
        <source>Leave %s a voice mail: speak after Record, then Stop and Send.</source>
        <translation>Zostaw wiadomość głosową dla: %s. Mów po kliknięciu Nagrywaj, potem kliknij Zatrzymaj i Wyślij.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Wyślij</translation>
    </message>
    <message>
        <source>Record your voice mail first.</source>
        <translation>Najpierw nagraj wiadomość głosową.</translation>
    </message>
    <message>
        <source>Not sent: %s</source>
        <translation>Nie wysłano: %s</translation>
    </message>
</context>
<context>
    <name>LinkCall</name>
    <message>
        <source>the system (link)</source>
        <translation>System (odnośnik)</translation>
    </message>
    <message>
        <source>Another program</source>
        <translation>Inny program</translation>
    </message>
    <message>
        <source>Call from a link</source>
        <translation>Połączenie z odnośnika</translation>
    </message>
    <message>
        <source>%s asks WhitePhone to call:</source>
        <translation>%s prosi WhitePhone o połączenie z:</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Zadzwoń</translation>
    </message>
    <message>
        <source>Always allow calls from %s</source>
        <translation>Zawsze zezwalaj na połączenia z programu %s</translation>
    </message>
</context>
<context>
    <name>MarketsDialog</name>
    <message>
        <source>Markets</source>
        <translation>Rynki</translation>
    </message>
    <message>
        <source>Loading the markets…</source>
        <translation>Wczytywanie rynków…</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>Dołącz</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>Opuść</translation>
    </message>
    <message>
        <source>Announcements to a market reach its members. Join the markets you work in; leave the ones you do not.</source>
        <translation>Ogłoszenia do rynku docierają do jego członków. Dołącz do rynków, na których pracujesz; opuść pozostałe.</translation>
    </message>
    <message>
        <source>Sign in to your company&apos;s hub to see its markets.</source>
        <translation>Zaloguj się na serwer firmy, aby zobaczyć jej rynki.</translation>
    </message>
    <message>
        <source>Markets could not be listed: %s</source>
        <translation>Nie udało się pobrać listy rynków: %s</translation>
    </message>
    <message numerus="yes">
        <source>%s%s — %n member(s)</source>
        <translation>
            <numerusform>%s%s — %n członek</numerusform>
            <numerusform>%s%s — %n członków</numerusform>
            <numerusform>%s%s — %n członków</numerusform>
        </translation>
    </message>
    <message>
        <source>No markets yet: an administrator creates them.</source>
        <translation>Nie ma jeszcze rynków: tworzy je administrator.</translation>
    </message>
    <message>
        <source>You joined %s.</source>
        <translation>Dołączono do rynku %s.</translation>
    </message>
    <message>
        <source>You left %s.</source>
        <translation>Opuszczono rynek %s.</translation>
    </message>
</context>
<context>
    <name>MyProfile</name>
    <message>
        <source>“%s” is larger than %d MB; choose a smaller picture</source>
        <translation>„%s” jest większy niż %d MB; wybierz mniejszy obraz</translation>
    </message>
    <message>
        <source>“%s” is not a picture we can read; choose a JPEG or PNG file.</source>
        <translation>„%s” nie jest obrazem, który da się odczytać; wybierz plik JPEG lub PNG.</translation>
    </message>
</context>
<context>
    <name>MyProfileDialog</name>
    <message>
        <source>My Profile</source>
        <translation>Mój profil</translation>
    </message>
    <message>
        <source>No photo</source>
        <translation>Brak zdjęcia</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>Wybierz zdjęcie…</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Usuń zdjęcie</translation>
    </message>
    <message>
        <source>Up to 1 MB; larger pictures
are scaled down.</source>
        <translation>Do 1 MB; większe obrazy
są zmniejszane.</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Nie ustawiono</translation>
    </message>
    <message>
        <source>Shown beside your status in colleagues&apos; Online Monitor</source>
        <translation>Wyświetlana obok Twojego statusu w Monitorze obecności współpracowników</translation>
    </message>
    <message>
        <source>Hide me from searches by people outside my company</source>
        <translation>Ukryj mnie w wyszukiwaniach osób spoza mojej firmy</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Strefa czasowa</translation>
    </message>
    <message>
        <source>Presence note</source>
        <translation>Notatka o obecności</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Obecne hasło</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nowe hasło</translation>
    </message>
    <message>
        <source>Confirm new password</source>
        <translation>Potwierdź nowe hasło</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Zmień hasło</translation>
    </message>
    <message>
        <source>Loading your profile…</source>
        <translation>Wczytywanie profilu…</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Wpisz swoje imię i nazwisko.</translation>
    </message>
    <message>
        <source>“%s” is not a time zone; pick one from the list (e.g. Europe/London).</source>
        <translation>„%s” nie jest strefą czasową; wybierz ją z listy (np. Europe/Warsaw).</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <source>Your profile is saved.</source>
        <translation>Profil został zapisany.</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Wybierz zdjęcie</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
        <translation>Obrazy (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation>Wpisz obecne hasło.</translation>
    </message>
    <message>
        <source>The new password needs at least 8 characters.</source>
        <translation>Nowe hasło musi mieć co najmniej 8 znaków.</translation>
    </message>
    <message>
        <source>The new password and its confirmation differ.</source>
        <translation>Nowe hasło i jego potwierdzenie się różnią.</translation>
    </message>
    <message>
        <source>The new password is the same as the current one.</source>
        <translation>Nowe hasło jest takie samo jak obecne.</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Zmienianie hasła…</translation>
    </message>
    <message>
        <source>Your password is changed. Your other computers will ask for it again.</source>
        <translation>Hasło zostało zmienione. Twoje pozostałe komputery poproszą o nie ponownie.</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Any free port</source>
        <translation>Dowolny wolny port</translation>
    </message>
    <message>
        <source>Accept calls only through my accounts&apos; servers and from known peers</source>
        <translation>Przyjmuj połączenia tylko przez serwery moich kont i od znanych rozmówców</translation>
    </message>
    <message>
        <source>Other calls (internet SIP scanners, for one) are refused and logged. Known peers are the SIP addresses in your address book.</source>
        <translation>Inne połączenia (np. od internetowych skanerów SIP) są odrzucane i zapisywane w dzienniku. Znani rozmówcy to adresy SIP z Twojej książki adresowej.</translation>
    </message>
    <message>
        <source>Listening on port %d (%s).</source>
        <translation>Nasłuchiwanie na porcie %d (%s).</translation>
    </message>
    <message>
        <source>Listening port</source>
        <translation>Port nasłuchu</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>5060 is the usual SIP port. If another program uses it, WhitePhone listens on a free port meanwhile and takes it back once it is free.</source>
        <translation>5060 to typowy port SIP. Jeśli używa go inny program, WhitePhone w tym czasie nasłuchuje na wolnym porcie i wraca do niego, gdy się zwolni.</translation>
    </message>
    <message>
        <source>HTTP proxy</source>
        <translation>Serwer proxy HTTP</translation>
    </message>
    <message>
        <source>System settings</source>
        <translation>Ustawienia systemu</translation>
    </message>
    <message>
        <source>No proxy</source>
        <translation>Bez serwera proxy</translation>
    </message>
    <message>
        <source>This proxy:</source>
        <translation>Ten serwer proxy:</translation>
    </message>
    <message>
        <source>empty: my Windows/Kerberos login</source>
        <translation>puste: moje logowanie Windows/Kerberos</translation>
    </message>
    <message>
        <source>unchanged (kept in the keyring)</source>
        <translation>bez zmian (zapisane w pęku kluczy)</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>zapisywane w systemowym pęku kluczy</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nazwa użytkownika</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Hasło</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testuj</translation>
    </message>
    <message>
        <source>Try the proxy settings above now</source>
        <translation>Wypróbuj teraz powyższe ustawienia serwera proxy</translation>
    </message>
    <message>
        <source>Give the proxy&apos;s address, such as proxy.example.com:3128.</source>
        <translation>Podaj adres serwera proxy, np. proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>“%s” has no port: write it as host:port, such as proxy.example.com:3128.</source>
        <translation>„%s” nie ma portu: wpisz go jako host:port, np. proxy.example.com:3128.</translation>
    </message>
    <message>
        <source>The proxy&apos;s port must be between 1 and 65535.</source>
        <translation>Port serwera proxy musi mieścić się w zakresie od 1 do 65535.</translation>
    </message>
    <message>
        <source>“%s” is not an HTTP proxy address: write it as host:port or http://host:port (the user name and password have their own fields).</source>
        <translation>„%s” nie jest adresem serwera proxy HTTP: wpisz go jako host:port lub http://host:port (nazwa użytkownika i hasło mają własne pola).</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Testowanie…</translation>
    </message>
    <message>
        <source>There is nothing to reach yet: sign in to a hub or add a SIP account with a registrar, then test again.</source>
        <translation>Nie ma jeszcze czego sprawdzić: zaloguj się do serwera firmy lub dodaj konto SIP z serwerem rejestracji, a potem przetestuj ponownie.</translation>
    </message>
    <message>
        <source>The proxy setting cannot be used: %1.</source>
        <translation>Nie można użyć ustawienia serwera proxy: %1.</translation>
    </message>
    <message>
        <source>It works: %1 answered through the proxy %2 (%3).</source>
        <translation>Działa: %1 odpowiedział przez serwer proxy %2 (%3).</translation>
    </message>
    <message>
        <source>No proxy is used for %1, and it answered directly (%2).</source>
        <translation>Dla %1 serwer proxy nie jest używany; odpowiedział bezpośrednio (%2).</translation>
    </message>
    <message>
        <source>%1 could not be reached through the proxy %2: %3.</source>
        <translation>Nie udało się połączyć z %1 przez serwer proxy %2: %3.</translation>
    </message>
    <message>
        <source>%1 could not be reached (no proxy is used for it): %2.</source>
        <translation>Nie udało się połączyć z %1 (bez serwera proxy): %2.</translation>
    </message>
    <message>
        <source>The test could not run: %s</source>
        <translation>Nie udało się przeprowadzić testu: %s</translation>
    </message>
    <message>
        <source>No system keyring is available: the proxy&apos;s password is kept for this session only and must be typed again after a restart.</source>
        <translation>Systemowy pęk kluczy jest niedostępny: hasło serwera proxy zostanie zapamiętane tylko do końca tej sesji i po ponownym uruchomieniu trzeba je wpisać znowu.</translation>
    </message>
</context>
<context>
    <name>NetworkTestDialog</name>
    <message>
        <source>Network Test</source>
        <translation>Test sieci</translation>
    </message>
    <message>
        <source>Checks whether this network lets WhitePhone reach the hub, the registrar and the media relay, and says what to ask IT to open.</source>
        <translation>Sprawdza, czy ta sieć pozwala WhitePhone połączyć się z serwerem firmy, serwerem rejestracji i przekaźnikiem mediów, oraz podpowiada, o odblokowanie czego poprosić dział IT.</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>Adres serwera firmy</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testuj</translation>
    </message>
    <message>
        <source>Test the network: the hub, the SIP servers and the ports calls use</source>
        <translation>Sprawdź sieć: serwer firmy, serwery SIP i porty używane przez połączenia</translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation>Serwer firmy:</translation>
    </message>
    <message>
        <source>Test results</source>
        <translation>Wyniki testu</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Kopiuj raport</translation>
    </message>
    <message>
        <source>Give the hub&apos;s address.</source>
        <translation>Podaj adres serwera firmy.</translation>
    </message>
    <message>
        <source>Testing… (a few seconds)</source>
        <translation>Testowanie… (kilka sekund)</translation>
    </message>
    <message>
        <source>The test could not run: %s</source>
        <translation>Nie udało się przeprowadzić testu: %s</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Let other computers in my office connect</source>
        <translation>Pozwól łączyć się innym komputerom w moim biurze</translation>
    </message>
    <message>
        <source>This computer signs in to a company hub; its administrator decides who can connect.</source>
        <translation>Ten komputer loguje się na serwer firmy; o tym, kto może się łączyć, decyduje jego administrator.</translation>
    </message>
    <message>
        <source>Colleagues sign in to &lt;b&gt;%s&lt;/b&gt; (“Sign in to my company&apos;s hub”).</source>
        <translation>Współpracownicy logują się na &lt;b&gt;%s&lt;/b&gt; („Zaloguj się na serwer mojej firmy”).</translation>
    </message>
    <message>
        <source>Only this computer uses your office hub. Switch this on to give colleagues an address to sign in to (secured with TLS).</source>
        <translation>Z serwera Twojego biura korzysta tylko ten komputer. Włącz tę opcję, aby dać współpracownikom adres do logowania (zabezpieczony TLS).</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nigdy</translation>
    </message>
    <message>
        <source>Set me Away after this long without activity:</source>
        <translation>Ustaw mnie jako Nieobecny po takim czasie bez aktywności:</translation>
    </message>
</context>
<context>
    <name>Permission</name>
    <message>
        <source>Upload the company logo</source>
        <translation>Przesyłanie logo firmy</translation>
    </message>
    <message>
        <source>Edit the company profile</source>
        <translation>Edycja profilu firmy</translation>
    </message>
    <message>
        <source>Company regions and products</source>
        <translation>Regiony i produkty firmy</translation>
    </message>
    <message>
        <source>User admin (add, disable, remove users)</source>
        <translation>Administracja użytkownikami (dodawanie, wyłączanie, usuwanie)</translation>
    </message>
    <message>
        <source>Calls to phone numbers</source>
        <translation>Połączenia na numery telefonów</translation>
    </message>
    <message>
        <source>Send announcements</source>
        <translation>Wysyłanie ogłoszeń</translation>
    </message>
    <message>
        <source>CRM admin and call groups</source>
        <translation>Administracja CRM i grupy połączeń</translation>
    </message>
    <message>
        <source>Team reports (everyone&apos;s calls per day)</source>
        <translation>Raporty zespołu (połączenia wszystkich w podziale na dni)</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkty</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Użytkownicy</translation>
    </message>
    <message>
        <source>Phone calls</source>
        <translation>Połączenia telefoniczne</translation>
    </message>
    <message>
        <source>Announcements</source>
        <translation>Ogłoszenia</translation>
    </message>
    <message>
        <source>CRM admin</source>
        <translation>Administrator CRM</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Raporty</translation>
    </message>
    <message>
        <source>All (admin)</source>
        <translation>Wszystkie (administrator)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Brak</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Wyłączony</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktywny</translation>
    </message>
</context>
<context>
    <name>PermissionBoxes</name>
    <message>
        <source>Permissions</source>
        <translation>Uprawnienia</translation>
    </message>
    <message>
        <source>You do not hold this permission, so you cannot grant or remove it.</source>
        <translation>Nie masz tego uprawnienia, więc nie możesz go nadać ani odebrać.</translation>
    </message>
    <message>
        <source>Greyed permissions are ones you do not hold, so you cannot change them.</source>
        <translation>Wyszarzone uprawnienia to te, których nie masz, więc nie możesz ich zmienić.</translation>
    </message>
</context>
<context>
    <name>PermissionsDialog</name>
    <message>
        <source>Permissions of %s</source>
        <translation>Uprawnienia użytkownika %s</translation>
    </message>
</context>
<context>
    <name>PinCert</name>
    <message>
        <source>The server&apos;s certificate is self-signed.</source>
        <translation>Certyfikat serwera jest podpisany przez niego samego.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by an authority this computer trusts.</source>
        <translation>Certyfikat serwera nie jest podpisany przez urząd certyfikacji zaufany na tym komputerze.</translation>
    </message>
    <message>
        <source>Trust this certificate?</source>
        <translation>Zaufać temu certyfikatowi?</translation>
    </message>
    <message>
        <source>%1

Server: %2
SHA-256:
%3

Trust it only if this fingerprint is the one your administrator gave you. WhitePhone will then accept this certificate, and only this one, for this server.</source>
        <translation>%1

Serwer: %2
SHA-256:
%3

Zaufaj mu tylko wtedy, gdy ten odcisk jest taki sam jak podany przez administratora. WhitePhone będzie wtedy akceptować dla tego serwera ten certyfikat i tylko ten.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencje</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Ogólne</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Regiony</translation>
    </message>
    <message>
        <source>Contact fields</source>
        <translation>Pola kontaktów</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Konta</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Dźwięk</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Sieć</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Dzwoniący</translation>
    </message>
    <message>
        <source>Keys and headset</source>
        <translation>Klawisze i zestaw słuchawkowy</translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation>Uruchamianie</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Wygląd</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Podgląd</translation>
    </message>
    <message>
        <source>The first contacts of each file, as WhitePhone reads them.</source>
        <translation>Pierwsze kontakty z każdego pliku, tak jak odczytuje je WhitePhone.</translation>
    </message>
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
    <message numerus="yes">
        <source>%s: %n problem(s) in the first cards, e.g. item %d: %s</source>
        <translation>
            <numerusform>%s: %n problem w pierwszych kartach, np. pozycja %d: %s</numerusform>
            <numerusform>%s: %n problemy w pierwszych kartach, np. pozycja %d: %s</numerusform>
            <numerusform>%s: %n problemów w pierwszych kartach, np. pozycja %d: %s</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegionsPage</name>
    <message>
        <source>My region</source>
        <translation>Mój region</translation>
    </message>
    <message>
        <source>Numbers you type without a country code are read with this region&apos;s dialling rules, and numbers are shown the way people here write them.</source>
        <translation>Numery wpisane bez kodu kraju są odczytywane według zasad wybierania tego regionu, a numery są wyświetlane tak, jak zapisuje się je w tym regionie.</translation>
    </message>
</context>
<context>
    <name>RowList</name>
    <message>
        <source>Remove row %d</source>
        <translation>Usuń wiersz %d</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Dodaj</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Rodzaj</translation>
    </message>
    <message>
        <source>Kind %d</source>
        <translation>Rodzaj %d</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Importing</source>
        <translation>Importowanie</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Uruchamianie…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Anuluj import</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemy</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts so far…</source>
        <translation>
            <numerusform>Dotąd %n kontakt…</numerusform>
            <numerusform>Dotąd %n kontakty…</numerusform>
            <numerusform>Dotąd %n kontaktów…</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Zatrzymywanie po bieżącej partii…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import cancelled.&lt;/b&gt; The contacts imported before you cancelled are kept.</source>
        <translation>&lt;b&gt;Import anulowany.&lt;/b&gt; Kontakty zaimportowane przed anulowaniem zostają zachowane.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Import zakończony.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Imported: %d &amp;nbsp; Updated: %d &amp;nbsp; Merged: %d &amp;nbsp; Skipped: %d &amp;nbsp; Problems: %d</source>
        <translation>Zaimportowano: %d &amp;nbsp; Zaktualizowano: %d &amp;nbsp; Scalono: %d &amp;nbsp; Pominięto: %d &amp;nbsp; Problemy: %d</translation>
    </message>
    <message>
        <source>Companies added for the people who work there: %d</source>
        <translation>Firmy dodane dla osób, które w nich pracują: %d</translation>
    </message>
    <message>
        <source>%s — item %s, line %s: %s</source>
        <translation>%s — pozycja %s, wiersz %s: %s</translation>
    </message>
    <message>
        <source>&lt;b&gt;The import stopped:&lt;/b&gt; %s&lt;br&gt;Contacts stored before this are kept.</source>
        <translation>&lt;b&gt;Import został przerwany:&lt;/b&gt; %s&lt;br&gt;Kontakty zapisane wcześniej zostają zachowane.</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Name</source>
        <translation>Nazwa</translation>
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
        <source>Nickname</source>
        <translation>Pseudonim</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Numer telefonu</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Etykieta</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notatki</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Urodziny</translation>
    </message>
    <message>
        <source>Address (any part)</source>
        <translation>Adres (dowolna część)</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Ulica</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Kod pocztowy</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Miejscowość</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Kraj</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Strona WWW</translation>
    </message>
    <message>
        <source>CRM task id</source>
        <translation>Numer zadania CRM</translation>
    </message>
    <message>
        <source>CRM subject</source>
        <translation>Temat CRM</translation>
    </message>
    <message>
        <source>CRM type</source>
        <translation>Typ CRM</translation>
    </message>
    <message>
        <source>CRM status</source>
        <translation>Status CRM</translation>
    </message>
    <message>
        <source>CRM priority</source>
        <translation>Priorytet CRM</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <source>Cannot reach the hub at %s. Check the address and your network, or ask your administrator whether the hub is running.</source>
        <translation>Nie można połączyć się z serwerem firmy pod adresem %s. Sprawdź adres i połączenie z siecią albo zapytaj administratora, czy serwer firmy działa.</translation>
    </message>
    <message>
        <source>Cannot reach the hub. Check the address and your network, or ask your administrator whether the hub is running.</source>
        <translation>Nie można połączyć się z serwerem firmy. Sprawdź adres i połączenie z siecią albo zapytaj administratora, czy serwer firmy działa.</translation>
    </message>
    <message>
        <source>%s Check the HTTP proxy&apos;s address, user name and password (Preferences → Network → HTTP proxy, or the system&apos;s proxy settings), or ask your administrator.</source>
        <translation>%s Sprawdź adres, nazwę użytkownika i hasło serwera proxy HTTP (Preferencje → Sieć → Serwer proxy HTTP lub ustawienia proxy systemu) albo zapytaj administratora.</translation>
    </message>
    <message>
        <source>Wrong e-mail or password. Check them, or use “Forgotten password?”.</source>
        <translation>Nieprawidłowy e-mail lub hasło. Sprawdź je albo użyj opcji „Nie pamiętasz hasła?”.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask your company&apos;s administrator to enable it.</source>
        <translation>To konto jest wyłączone. Poproś administratora firmy o jego włączenie.</translation>
    </message>
    <message>
        <source>The hub&apos;s certificate is not trusted, so WhitePhone did not send your password. Check the address; if your office uses its own certificate, ask your administrator.</source>
        <translation>Certyfikat serwera firmy nie jest zaufany, więc WhitePhone nie wysłał Twojego hasła. Sprawdź adres; jeśli Twoje biuro używa własnego certyfikatu, zapytaj administratora.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a few minutes and try again.</source>
        <translation>Zbyt wiele prób. Odczekaj kilka minut i spróbuj ponownie.</translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>Welcome to WhitePhone</source>
        <translation>Witamy w WhitePhone</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to WhitePhone&lt;/h2&gt;&lt;p&gt;How will you use it?&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Witamy w WhitePhone&lt;/h2&gt;&lt;p&gt;Jak chcesz z niego korzystać?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Just this computer / my office</source>
        <translation>Tylko ten komputer / moje biuro</translation>
    </message>
    <message>
        <source>Start at once. Your data stays on this computer; later you can let other computers in your office connect to it.</source>
        <translation>Zacznij od razu. Twoje dane zostają na tym komputerze; później możesz pozwolić innym komputerom w biurze łączyć się z nim.</translation>
    </message>
    <message>
        <source>Sign in to my company&apos;s hub</source>
        <translation>Zaloguj się na serwer mojej firmy</translation>
    </message>
    <message>
        <source>Your company already uses WhitePhone: sign in with your e-mail and password.</source>
        <translation>Twoja firma już używa WhitePhone: zaloguj się swoim adresem e-mail i hasłem.</translation>
    </message>
    <message>
        <source>Register a new company on a hub</source>
        <translation>Zarejestruj nową firmę na serwerze</translation>
    </message>
    <message>
        <source>Set up your company on a WhitePhone hub; you become its administrator.</source>
        <translation>Załóż swoją firmę na serwerze WhitePhone; zostaniesz jej administratorem.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Wstecz</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Just this computer / my office&lt;/h3&gt;&lt;p&gt;WhitePhone keeps your contacts, calls and messages on this computer. Tell us who you are:&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tylko ten komputer / moje biuro&lt;/h3&gt;&lt;p&gt;WhitePhone przechowuje Twoje kontakty, połączenia i wiadomości na tym komputerze. Powiedz nam, kim jesteś:&lt;/p&gt;</translation>
    </message>
    <message>
        <source>My office</source>
        <translation>Moje biuro</translation>
    </message>
    <message>
        <source>Used to sign in from another computer; it need not be real.</source>
        <translation>Służy do logowania z innego komputera; nie musi być prawdziwy.</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Imię i nazwisko:</translation>
    </message>
    <message>
        <source>Office or company:</source>
        <translation>Biuro lub firma:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Rozpocznij</translation>
    </message>
    <message>
        <source>Start WhitePhone on this computer alone, with the name and e-mail above</source>
        <translation>Uruchom WhitePhone tylko na tym komputerze, z powyższą nazwą i adresem e-mail</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sign in to your company&apos;s hub&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Zaloguj się na serwer swojej firmy&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Zapamiętaj mnie na tym komputerze</translation>
    </message>
    <message>
        <source>Hub address:</source>
        <translation>Adres serwera firmy:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Hasło:</translation>
    </message>
    <message>
        <source>Forgotten password?</source>
        <translation>Nie pamiętasz hasła?</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Zaloguj się</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Register a new company&lt;/h3&gt;&lt;p&gt;You become the company&apos;s administrator and can add your colleagues afterwards.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Zarejestruj nową firmę&lt;/h3&gt;&lt;p&gt;Zostaniesz administratorem firmy i później dodasz swoich współpracowników.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>co najmniej 8 znaków</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>Firma:</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Zarejestruj</translation>
    </message>
    <message>
        <source>Another account&apos;s data</source>
        <translation>Dane innego konta</translation>
    </message>
    <message>
        <source>Remove that data from this computer and sign in as %s? Changes of that account not yet on the hub are lost.</source>
        <translation>Usunąć te dane z tego komputera i zalogować się jako %s? Zmiany tamtego konta, których nie ma jeszcze na serwerze firmy, zostaną utracone.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Logowanie…</translation>
    </message>
    <message>
        <source>Enter your name, your office&apos;s name and an e-mail address.</source>
        <translation>Wpisz swoje imię i nazwisko, nazwę biura i adres e-mail.</translation>
    </message>
    <message>
        <source>Starting your office hub…</source>
        <translation>Uruchamianie serwera biura…</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address, your e-mail and your password.</source>
        <translation>Wpisz adres serwera firmy, swój e-mail i hasło.</translation>
    </message>
    <message>
        <source>Fill in every field; the password needs at least 8 characters.</source>
        <translation>Wypełnij wszystkie pola; hasło musi mieć co najmniej 8 znaków.</translation>
    </message>
    <message>
        <source>Registering your company…</source>
        <translation>Rejestrowanie firmy…</translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address and your e-mail, then click “Forgotten password?” again.</source>
        <translation>Wpisz adres serwera firmy i swój e-mail, a potem ponownie kliknij „Nie pamiętasz hasła?”.</translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation>Wysyłanie zapytania do serwera firmy…</translation>
    </message>
    <message>
        <source>If %s has an account there, a link to set a new password is on its way by e-mail.</source>
        <translation>Jeśli %s ma tam konto, link do ustawienia nowego hasła jest już wysyłany e-mailem.</translation>
    </message>
</context>
<context>
    <name>StartupPage</name>
    <message>
        <source>Start minimised to the tray</source>
        <translation>Uruchamiaj zminimalizowany do zasobnika</translation>
    </message>
    <message>
        <source>WhitePhone starts with its window hidden; click the tray icon to show it</source>
        <translation>WhitePhone uruchamia się z ukrytym oknem; kliknij ikonę w zasobniku, aby je pokazać</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Uruchamiaj po zalogowaniu</translation>
    </message>
    <message>
        <source>This desktop shows no tray icons: the window starts minimised instead.</source>
        <translation>Ten pulpit nie wyświetla ikon w zasobniku: zamiast tego okno uruchamia się zminimalizowane.</translation>
    </message>
</context>
<context>
    <name>UserAdminDialog</name>
    <message>
        <source>User Admin</source>
        <translation>Administracja użytkownikami</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Imię i nazwisko</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>Uprawnienia</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>Dodaj użytkownika…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Wyłącz</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Włącz</translation>
    </message>
    <message>
        <source>Permissions…</source>
        <translation>Uprawnienia…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Usuń…</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>Nowa grupa…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Zmień nazwę…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Usuń…</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>Dodaj członka</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>Usuń członka</translation>
    </message>
    <message>
        <source>Call groups</source>
        <translation>Grupy połączeń</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Członkowie</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Użytkownicy</translation>
    </message>
    <message>
        <source>Remove the selected user from the company</source>
        <translation>Usuń wybranego użytkownika z firmy</translation>
    </message>
    <message>
        <source>Colleague to add</source>
        <translation>Współpracownik do dodania</translation>
    </message>
    <message>
        <source>Rename the selected call group</source>
        <translation>Zmień nazwę wybranej grupy połączeń</translation>
    </message>
    <message>
        <source>Delete the selected call group</source>
        <translation>Usuń wybraną grupę połączeń</translation>
    </message>
    <message>
        <source>User Admin needs the Users permission; ask your administrator.</source>
        <translation>Administracja użytkownikami wymaga uprawnienia Użytkownicy; poproś o nie administratora.</translation>
    </message>
    <message>
        <source>Only holders of the CRM admin permission can change call groups.</source>
        <translation>Grupy połączeń mogą zmieniać tylko osoby z uprawnieniem Administrator CRM.</translation>
    </message>
    <message>
        <source>%s was added; their login details were e-mailed to %s.</source>
        <translation>Dodano użytkownika %s; dane logowania wysłano e-mailem na adres %s.</translation>
    </message>
    <message>
        <source>The permissions of %s are changed.</source>
        <translation>Zmieniono uprawnienia użytkownika %s.</translation>
    </message>
    <message>
        <source>%s is disabled and signed out everywhere.</source>
        <translation>Konto %s jest wyłączone i wylogowane ze wszystkich urządzeń.</translation>
    </message>
    <message>
        <source>%s can sign in again.</source>
        <translation>%s może znów się zalogować.</translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation>Usuń użytkownika</translation>
    </message>
    <message>
        <source>Remove %s from the company? Their account and private data are deleted; this cannot be undone.</source>
        <translation>Usunąć użytkownika %s z firmy? Jego konto i prywatne dane zostaną usunięte; tej operacji nie można cofnąć.</translation>
    </message>
    <message>
        <source>%s was removed.</source>
        <translation>Usunięto użytkownika %s.</translation>
    </message>
    <message>
        <source>New call group</source>
        <translation>Nowa grupa połączeń</translation>
    </message>
    <message>
        <source>Name of the call group:</source>
        <translation>Nazwa grupy połączeń:</translation>
    </message>
    <message>
        <source>Call group “%s” created.</source>
        <translation>Utworzono grupę połączeń „%s”.</translation>
    </message>
    <message>
        <source>Rename call group</source>
        <translation>Zmień nazwę grupy połączeń</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nowa nazwa:</translation>
    </message>
    <message>
        <source>Call group renamed to “%s”.</source>
        <translation>Zmieniono nazwę grupy połączeń na „%s”.</translation>
    </message>
    <message>
        <source>Delete call group</source>
        <translation>Usuń grupę połączeń</translation>
    </message>
    <message>
        <source>Delete the call group “%s”?</source>
        <translation>Usunąć grupę połączeń „%s”?</translation>
    </message>
    <message>
        <source>Call group deleted.</source>
        <translation>Usunięto grupę połączeń.</translation>
    </message>
    <message>
        <source>%s joined the call group.</source>
        <translation>Dodano %s do grupy połączeń.</translation>
    </message>
    <message>
        <source>%s left the call group.</source>
        <translation>Usunięto %s z grupy połączeń.</translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <source>No camera was found on this computer. Connect one (and allow WhitePhone to use it) to record a video mail; you can send a voice mail or a text instead.</source>
        <translation>Na tym komputerze nie znaleziono kamery. Podłącz ją (i pozwól WhitePhone z niej korzystać), aby nagrać wiadomość wideo; zamiast tego możesz wysłać wiadomość głosową lub tekstową.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Nagrywaj</translation>
    </message>
    <message>
        <source>Not recorded: %s</source>
        <translation>Nie nagrano: %s</translation>
    </message>
    <message>
        <source>Recording… %s</source>
        <translation>Nagrywanie… %s</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Zatrzymaj</translation>
    </message>
    <message>
        <source>Recorded. Play it back, record again, or send it.</source>
        <translation>Nagrano. Odtwórz nagranie, nagraj ponownie lub je wyślij.</translation>
    </message>
    <message>
        <source>Record again</source>
        <translation>Nagraj ponownie</translation>
    </message>
</context>
</TS>
