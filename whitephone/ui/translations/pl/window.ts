<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl">
<context>
    <name>AccountStatus</name>
    <message>
        <source>calls off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local, no registrar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s transport not running in the engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: the server&apos;s certificate has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: the server&apos;s certificate is for another name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: self-signed certificate, not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: certificate not from a trusted authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: the certificate is not the pinned one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP proxy refused the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: cannot reach the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DNS: the registrar&apos;s name was not found (%d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d: wrong user name or password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>403: refused by the provider (forbidden)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>404: the registrar does not know this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout: no answer from the registrar (408)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d: cannot reach the registrar</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>Applying the new audio settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP: restarting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP: starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To call phone numbers, add your provider&apos;s SIP account (Preferences → Accounts). SIP addresses (sip:name@host) can be called directly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (%d); it takes port %d back once that is free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot call %s: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIP: not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused a call from %s: %s (Preferences → Network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound: %s. Calls connect, but you will not hear or be heard (Preferences → Audio).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine stopped; restarting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine stopped; calls are off until WhitePhone is restarted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exit code %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine stopped unexpectedly (%s); %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restarting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>calls are off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine stopped, and these calls were cut off:
%s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred here by the other side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by the transferred call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallKeys</name>
    <message>
        <source>Answer the ringing call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up (or decline the ringing call)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute / unmute the current call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold / resume the current call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up (in a call&apos;s window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0-9, * and #</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial-pad tones (in a call&apos;s window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call / Play-Pause key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer, or hang up (keyboards and headsets with media keys)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang-up / Stop key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the %s tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they do</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallWindow</name>
    <message>
        <source>Call — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial pad: click or type 0-9, * and #</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller&apos;s CRM records; a new one links this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talk to the call on hold; this one goes on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge into conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone in your calls hears everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up (%s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave a voice mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec: %s (%d kHz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by the other side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other side transferred you to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conference: %d calls merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s is busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s declined the call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s is offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not hold: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resume: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the other call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferring to %s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transferred to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer to %s failed: %d %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the other side did not accept it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To an address…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To %s (after talking to them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer this call to (SIP address):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete transfer to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang up the call with %s?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallerPopup</name>
    <message>
        <source>Caller — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the full card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up the caller…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;CRM records&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Latest&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New record for this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in your address books or the company&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact made for this caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the company&apos;s address book.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d more contacts have this number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No earlier calls or notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caller could not be looked up: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Review conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These fields were changed here and elsewhere at the same time. The other change is in use now; choose, field by field, which one to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (in use)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep all mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep all theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactCard</name>
    <message>
        <source>Select a contact to see the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact&apos;s CRM records, or a new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls, records, notes and every change to this contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Website</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
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
        <source>Address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(company)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactProfileWindow</name>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashReports</name>
    <message>
        <source>WhitePhone closed unexpectedly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhitePhone ran into a problem last time ({when}) and wrote a report.

The report has no passwords in it. You can open it, or send it with Help → Report a problem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save problem report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zip archives (*.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report a problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report could not be saved to {path}:
{reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was saved to {path}.

Passwords, tokens and sign-in headers were removed. Attach it to an e-mail to your support.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrmListModel</name>
    <message>
        <source>Task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub gives this record its task id at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrmRecords</name>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>me</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrmReportTexts</name>
    <message>
        <source>Open records by type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open records by priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open records by owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open records by group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records closed per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records closed per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records closed per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls per user per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>me (not synced yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s call log only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s call log only (not signed in to a hub: the team&apos;s calls come from the hub)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team&apos;s calls from the hub, %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s call log only: the hub&apos;s team report is not available (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrmWindow</name>
    <message>
        <source>CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note (what was said, what was done)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private (only I see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set Reminder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the record: no action or follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-Open Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who changed the record, when, from what to what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Notes&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Myself (the whole company sees it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s (call group: only its members see it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only you: you are in no call group.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What it is about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer&apos;s number or SIP address (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened As:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;New CRM record&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new record for %s (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;CRM&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CRM store could not be read or written: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;color:#445&apos;&gt;No earlier records&lt;/h3&gt;&lt;p style=&apos;color:#666&apos;&gt;%s has no CRM records yet. Press &lt;b&gt;New&lt;/b&gt; to open one.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;color:#445&apos;&gt;No record&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;Choose a record on the left, or press &lt;b&gt;New&lt;/b&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Task %s&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:14pt&apos;&gt;Task &lt;span style=&apos;color:#8a6d00&apos;&gt;pending&lt;/span&gt;&lt;/b&gt; &lt;span style=&apos;color:#666&apos;&gt;(the hub gives its task id at the next sync)&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is closed: re-open it to add notes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the note (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>call group %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a call not in this computer&apos;s call log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incoming, %s, %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outgoing, %s, %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#888&apos;&gt;No notes yet.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opened it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not saved: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is still being saved…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the note first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Linked to this call.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the record a subject.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no record types: a CRM admin adds them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncomingCallWindow</name>
    <message>
        <source>Incoming call — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Recent calls:&lt;/i&gt;&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;No earlier calls with this caller.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send busy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Number, SIP address or name to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine is starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address Books</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repaired %d call recording(s) cut short by a crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine is starting; a call asked for now is placed as soon as it is up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call Logs (%d missed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call Logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online Monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one to show yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colleagues and contacts you share presence with appear here, with their status, once you sign in to your company&apos;s WhitePhone hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text messages, voice mail, video mail, announcements, reminders and contact requests from your hub will appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CRM records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer records (enquiries, support calls, sales leads) with their notes and reminders will be listed here, shared with your team through the hub.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every call you make or receive will be logged here, in “PC to PC” and “Phone” views.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export contacts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;appointments (.ics)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export a&amp;ppointments (.ics)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by &amp;field…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent communications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Network Test…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report a problem…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About WhitePhone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call the number or address in the dial bar (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call (starting…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call (unavailable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling %s as soon as WhitePhone has started…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling %s%s as soon as the call engine is up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot call %s%s: the call engine is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %s to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About WhitePhone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;%s %s&lt;/h3&gt;&lt;p&gt;A desktop softphone with a built-in CRM for small businesses.&lt;/p&gt;&lt;p&gt;Licence: %s. This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License, version 2 or any later version. It comes with ABSOLUTELY NO WARRANTY.&lt;/p&gt;&lt;p&gt;Calls use PJSIP (pjsua2), © Teluu Inc., GPL. Built with Qt for Python (LGPL), SQLAlchemy, phonenumbers and Pillow.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quitting hangs up %s. Quit anyway?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaPane</name>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot play: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MediaPath</name>
    <message>
        <source>Audio: direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio: direct through the NAT (STUN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio: relayed by the server over %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageKinds</name>
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
        <source>Announcement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagesModel</name>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(voice mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(video mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagesParts</name>
    <message>
        <source>Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New message from %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s, and %d more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages (%d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post to the company or a market</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message to %d colleague(s) in the outbox: it goes as soon as the hub is reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That appointment is no longer in your diary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to your hub to snooze reminders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed for %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This contact request has no number from the hub yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You accepted %s&apos;s contact request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined %s&apos;s contact request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you are not signed in to the hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice mail to %s in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecentCommunications</name>
    <message>
        <source>Recent communications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read them: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no contact)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing yet: your calls and records will be listed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or double-click loads the contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That contact was deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordingPlayer</name>
    <message>
        <source>Recording — %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RelativeDates</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderDialog</name>
    <message>
        <source>Set Reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That time has passed: choose a later one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderWatch</name>
    <message>
        <source>CRM reminder: task %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d CRM reminders are due</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>CRM reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The days of the calls report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s calls, while the hub is asked for the team&apos;s…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s call log only: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reports could not be made: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d row(s), listed below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CRM reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartUp</name>
    <message>
        <source>WhitePhone cannot use its database in %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhitePhone could not open its data folder:
%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message>
        <source>Sync details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Changes the hub refused&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hub has accepted every change made on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes waiting to be sent: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review %d conflict(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts to review</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <source>Sync details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Team</name>
    <message>
        <source>Sound Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call to hear yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A WhitePhone user (no. %s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamMenu</name>
    <message>
        <source>&amp;Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;My Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Company Profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User Admin…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to a hub first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamParts</name>
    <message>
        <source>Sign &amp;in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online Monitor &amp;icons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out. Your contacts stay on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 change made here could not reach the hub yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d changes made here could not reach the hub yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are kept on this computer and sent when %s signs in here again; nobody else can sign in on this profile until then. Sign out anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working offline: %s WhitePhone keeps trying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other computers in your office can now connect.&lt;br&gt;Give colleagues this address: &lt;b&gt;%s&lt;/b&gt;&lt;br&gt;They choose “Sign in to my company&apos;s hub”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your office hub now serves this computer only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Office hub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s has no computer online to take calls; leave a message instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s is offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot call %s: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes to the contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between dates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a private note (only you see it) and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a contact to see its timeline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing on this timeline yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeline could not be read: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note was not saved: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Hide WhitePhone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show WhitePhone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n missed call(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unread message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registering…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not registered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VideoMail</name>
    <message>
        <source>No camera was found on this computer. Connect one (and allow WhitePhone to use it) to record a video mail; you can send a voice mail or a text instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoiceRecorderPanel</name>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record from the microphone (at most %s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call engine is not running: voice mail is recorded through it. It starts with the window; see the status bar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finishing the recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot record: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording… speak now. Stop when you are done (it stops by itself after %s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded %s. Listen back, record again, or send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded %s: the most your company allows, so it stopped there. Listen back, record again, or send it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound came from the microphone: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
