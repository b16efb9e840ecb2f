<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl">
<context>
    <name>AccountEditor</name>
    <message>
        <source>Edit SIP account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add SIP account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Office line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No registrar (local account: calls and is called by direct SIP address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. sip:proxy.example.com;lr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty = the user part of the SIP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged (kept in the keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (finds a way through the firewall)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional (encrypt when the other side can)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mandatory (refuse unencrypted calls)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default account for outgoing calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption (SRTP)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No SIP account yet. Without one, WhitePhone still calls and answers SIP addresses directly; to call phone numbers, add the account your provider gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passwords are kept in the system keyring, never in the settings file. The default account places outgoing calls; phone numbers go through the default account, or the first one with a registrar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP accounts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local, no registrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the account %s? Its password is deleted from the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keyring is available: the password is kept for this session only and must be entered again after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user&apos;s e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password needs at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password and its confirmation differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdvancedSearchDialog</name>
    <message>
        <source>Search by field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a field, = or Like, type a value and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot search: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contacts match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %d contacts; narrow the search to see others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d contacts. Enter or double-click opens one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnnounceDialog</name>
    <message>
        <source>New announcement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What everyone should know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markets could not be listed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Market: %s (%d members)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the announcement first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not posted: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AudioPage</name>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look again for devices plugged in since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Echo cancellation (recommended without a headset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low latency from the first second (calls inside one office network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every call starts with 80 ms of buffered audio and gives up half of it in the first pauses once the network proves steady. This starts at 40 ms at once instead; on the internet the first burst of jitter then costs a short gap. Applied when no call is up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test my audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records three seconds from the microphone, then plays them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codecs, first preferred</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine is not running; the devices appear once it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>100 % leaves the level as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound devices: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound devices: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound devices ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Echo cancellation is unavailable: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak now: recording three seconds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing back what the microphone heard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio test finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound came from the microphone: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallerPage</name>
    <message>
        <source>&amp;Create a contact for callers who are in no address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact is named after the caller&apos;s name as their phone sends it, or the number, and goes to your default address book. Without this, the popup beside a ringing call offers &quot;Create contact&quot; with the number filled in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompanyProfileDialog</name>
    <message>
        <source>Company Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose logo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest voice or video mail anyone in the company may send (%d seconds to %d minutes); recording stops there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest voice/video mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the company profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the logo needs the Logo permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name needs the Company permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the regions need the Products permission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the longest voice mail is for company admins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only for you: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the company logo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the company&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company profile is saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposeDialog</name>
    <message>
        <source>New message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No colleagues known yet: sign in to your company&apos;s hub and let it sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Video mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one colleague to send to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write something first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record your voice mail first (Record, then Stop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record your video mail first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Like</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value, e.g. Ma% or =exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactEditor</name>
    <message>
        <source>Edit contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(from the name parts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Companies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Websites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated, e.g. customer, vip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s not understood as a phone number. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file cannot be used as a photo: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the contact a name, a company, a number or an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the birthday as YYYY-MM-DD (or --MM-DD without the year).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%s” must be a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write “%s” as YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s not understood as a phone number, so it cannot be called or recognised when it rings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep as text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrmTypesDialog</name>
    <message>
        <source>CRM record types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new type, e.g. Warranty claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the types from the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The types a new CRM record can have, in the order the Type lists show them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only holders of the CRM admin permission can change the types.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%s” is in the list already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomFieldsPage</name>
    <message>
        <source>Add field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra fields shown on every contact card:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices, comma-separated:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add this field: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this field and its values from every contact?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Import contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>vCard (.vcf) and CSV files from Google, Outlook, Apple, Android, Thunderbird or a spreadsheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Into address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts already there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose contact files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts (*.vcf *.vcard *.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use “Cancel import” to stop; what is imported stays.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaveVoiceMailDialog</name>
    <message>
        <source>Voice mail for %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %s a voice mail: speak after Record, then Stop and Send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record your voice mail first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarketsDialog</name>
    <message>
        <source>Markets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the markets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announcements to a market reach its members. Join the markets you work in; leave the ones you do not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to your company&apos;s hub to see its markets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markets could not be listed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s%s — %d member(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No markets yet: an administrator creates them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You joined %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left %s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MyProfileDialog</name>
    <message>
        <source>My Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to 1 MB; larger pictures
are scaled down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown beside your status in colleagues&apos; Online Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide me from searches by people outside my company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%s” is not a time zone; pick one from the list (e.g. Europe/London).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your profile is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png *.gif *.bmp *.webp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your current password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new password needs at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new password and its confirmation differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new password is the same as the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your password is changed. Your other computers will ask for it again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept calls only through my accounts&apos; servers and from known peers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other calls (internet SIP scanners, for one) are refused and logged. Known peers are the SIP addresses in your address book.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening on port %d (%s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listening port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5060 is the usual SIP port. If another program uses it, WhitePhone listens on a free port meanwhile and takes it back once it is free.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkTestDialog</name>
    <message>
        <source>Network Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks whether this network lets WhitePhone reach the hub, the registrar and the media relay, and says what to ask IT to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the hub&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing… (a few seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test could not run: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Let other computers in my office connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer signs in to a company hub; its administrator decides who can connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colleagues sign in to &lt;b&gt;%s&lt;/b&gt; (“Sign in to my company&apos;s hub”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer uses your office hub. Switch this on to give colleagues an address to sign in to (secured with TLS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set me Away after this long without activity:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermissionBoxes</name>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You do not hold this permission, so you cannot grant or remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greyed permissions are ones you do not hold, so you cannot change them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PermissionsDialog</name>
    <message>
        <source>Permissions of %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first contacts of each file, as WhitePhone reads them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s: %d problem(s) in the first cards, e.g. item %d: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>The server&apos;s certificate is self-signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by an authority this computer trusts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this certificate?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Server: %2
SHA-256:
%3

Trust it only if this fingerprint is the one your administrator gave you. WhitePhone will then accept this certificate, and only this one, for this server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionsPage</name>
    <message>
        <source>My region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers you type without a country code are read with this region&apos;s dialling rules, and numbers are shown the way people here write them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RowList</name>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Importing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d contacts so far…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Import cancelled.&lt;/b&gt; The contacts imported before you cancelled are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %d &amp;nbsp; Updated: %d &amp;nbsp; Merged: %d &amp;nbsp; Skipped: %d &amp;nbsp; Problems: %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Companies added for the people who work there: %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The import stopped:&lt;/b&gt; %s&lt;br&gt;Contacts stored before this are kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInWindow</name>
    <message>
        <source>Welcome to WhitePhone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to WhitePhone&lt;/h2&gt;&lt;p&gt;How will you use it?&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just this computer / my office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at once. Your data stays on this computer; later you can let other computers in your office connect to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to my company&apos;s hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your company already uses WhitePhone: sign in with your e-mail and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new company on a hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up your company on a WhitePhone hub; you become its administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Just this computer / my office&lt;/h3&gt;&lt;p&gt;WhitePhone keeps your contacts, calls and messages on this computer. Tell us who you are:&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used to sign in from another computer; it need not be real.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office or company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sign in to your company&apos;s hub&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hub address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgotten password?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Register a new company&lt;/h3&gt;&lt;p&gt;You become the company&apos;s administrator and can add your colleagues afterwards.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another account&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove that data from this computer and sign in as %s? Changes of that account not yet on the hub are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your name, your office&apos;s name and an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting your office hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address, your e-mail and your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in every field; the password needs at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering your company…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the hub&apos;s address and your e-mail, then click “Forgotten password?” again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If %s has an account there, a link to set a new password is on its way by e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartupPage</name>
    <message>
        <source>Start minimised to the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhitePhone starts with its window hidden; click the tray icon to show it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop shows no tray icons: the window starts minimised instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserAdminDialog</name>
    <message>
        <source>User Admin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Permissions…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New group…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User Admin needs the Users permission; ask your administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only holders of the CRM admin permission can change call groups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s was added; their login details were e-mailed to %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The permissions of %s are changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s is disabled and signed out everywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s can sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %s from the company? Their account and private data are deleted; this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New call group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the call group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call group “%s” created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename call group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call group renamed to “%s”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete call group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the call group “%s”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call group deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s joined the call group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s left the call group.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoPanel</name>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording… %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded. Play it back, record again, or send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>combo</name>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (not connected)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call from a link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s asks WhitePhone to call:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always allow calls from %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
