<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl">
<context>
    <name>AddressBooksTab</name>
    <message>
        <source>&lt;b&gt;Address books&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only contacts with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to show everyone again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Your address book is empty&lt;/h2&gt;&lt;p&gt;Import the contacts you already have (vCard or CSV from Google, Outlook, Apple, Android or Thunderbird), or add one by hand.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import your address book…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact matches your search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge the two selected contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address book file was replaced by another program; showing the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address books</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address book file was replaced by another program and the new one cannot be used (%s). Restart WhitePhone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All contacts (%d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address book removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “%s” and its %s?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove with its contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move contacts to “%s”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New address book…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company: %s  ✕</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s has no number to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WhitePhone is still opening the address book; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show people of this company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That did not work: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %s — press Ctrl+Z to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The deleted contacts could not be put back (%s). Nothing is lost: press Ctrl+Z to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored %s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select exactly two contacts to merge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge “%s” into “%s”? Numbers, e-mails and addresses of both are kept; “%s” is removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppointmentEditor</name>
    <message>
        <source>Appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is it about?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a contact or colleague: type a name or an e-mail</source>
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
        <source>CRM record (task id), optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private (colleagues see only that I am busy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for ever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone meeting: at the start WhitePhone asks to call, or calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number or SIP address to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask me first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who (name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM record:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reminder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat:</source>
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
        <source>%s invited you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are invited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %s can change this private appointment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the organiser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search for people failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact or colleague called “%s”: type their name or an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Just you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats as set elsewhere: %s (kept unless you change it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the appointment a subject.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone meeting needs the number to call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repeat ends before the first time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallLogsTab</name>
    <message>
        <source>Any result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;No calls yet&lt;/h3&gt;&lt;p&gt;Every call you make or receive is logged here.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call has no recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The recording file is missing: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactRequestsDialog</name>
    <message>
        <source>Contact requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s wants to see your status and call you.</source>
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
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrmTab</name>
    <message>
        <source>Task ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new CRM record (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list as it is now, in a window that stays open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The company&apos;s record types (CRM admins change them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync with the hub now and show the records as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the CRM records: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d record(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;color:#445&apos;&gt;No CRM records&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Customer records (enquiries, support calls, sales leads) with their notes and reminders are listed here, shared with your team through the hub.&lt;/p&gt;&lt;p style=&apos;color:#666&apos;&gt;Press &lt;b&gt;New record…&lt;/b&gt; (Ctrl+N), or the CRM button in a call or on a contact.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3 style=&apos;color:#445&apos;&gt;No records match&lt;/h3&gt;&lt;p style=&apos;color:#666&apos;&gt;No %s. Choose other filters above.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a task id, then View Task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No CRM record with task id %s (a record made elsewhere appears after a sync: Refresh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to your company&apos;s hub to see and change the record types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing CRM records with the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM snapshot — %s — %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiaryTab</name>
    <message>
        <source>Previous (PgUp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to today (T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next (PgDn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%s view (%d)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import appointments from .ics files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export appointments to an .ics file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diary: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added “%s”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appointment (repeating)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer sent: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%s”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change a repeating appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%s” repeats. Change this occurrence only, this and the following ones, or all of them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: say which occurrences the change is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This occurrence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This and the following</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All occurrences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a repeating appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%s” repeats. Move this occurrence only, this and the following ones, or all of them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved “%s” from this occurrence on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved this occurrence of “%s”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved every “%s”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved “%s”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete a repeating appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%s” repeats. Delete this occurrence only, or all of them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete “%s”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%s”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iCalendar (*.ics *.ical *.ifb);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing appointments…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing imported: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Import finished.&lt;/b&gt;&lt;br&gt;Added: %d &amp;nbsp; Updated: %d &amp;nbsp; Skipped: %d &amp;nbsp; Problems: %d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These items were left out (the others were imported):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %d appointment(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>iCalendar (*.ics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the appointments shown (%s) or all of them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %d appointment(s) to %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindPeopleDialog</name>
    <message>
        <source>Find people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search your company and other WhitePhone users who can be found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send contact request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d found. Select someone and send a contact request; once they accept, you see each other&apos;s status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No one matches that search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select someone in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact request sent to %s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LegendDialog</name>
    <message>
        <source>Online Monitor icons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply by text (Ctrl+R); the arrow offers voice and video mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender&apos;s CRM records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the record</source>
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
        <source>The recording could not be fetched: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;Select a message to read it here.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>market %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the recording from the hub…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the hub refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting in the outbox: it goes when the hub is reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the trash: restorable for %d more day(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the appointment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You accepted this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined this request.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagesTab</name>
    <message>
        <source>New message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text, voice mail or video mail to colleagues (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Announce…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From (name or e-mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted messages; they can be restored for %d days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to the trash (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages could not be read: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d message(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trash is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted messages wait here for %d days, then they are gone for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing matches this filter; change or clear it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text messages, voice mail, video mail, announcements, reminders and contact requests appear here. Press Ctrl+N to write to a colleague.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;color:#666&apos;&gt;%d messages selected: mark them read or unread, or delete them together.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d message(s) moved to the trash (restorable for %d days).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d message(s) restored to the inbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply by text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply by voice mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply by video mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <source>+%d more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineMonitorTab</name>
    <message>
        <source>My status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note colleagues see (e.g. “In a meeting until 3”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from address book…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;color:#445&apos;&gt;You are not signed in&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Sign in to your company&apos;s WhitePhone hub, or start your own office hub, to see your colleagues and contacts here with their status.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2 style=&apos;color:#445&apos;&gt;No one to show yet&lt;/h2&gt;&lt;p style=&apos;color:#666&apos;&gt;Colleagues your administrator adds appear here with their status. Use “Find people…” to send a contact request to someone else.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 contact request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d contact requests…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show removed people again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages go to people on WhitePhone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%s&lt;/b&gt;&lt;br&gt;%s&lt;br&gt;Status: %s&lt;br&gt;Last seen: %s&lt;br&gt;%s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add from address book</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the contact to show on the monitor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No contact with a phone number matches “%s”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reminders</name>
    <message>
        <source>Diary reminders: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminder: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d reminders while WhitePhone was closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%d reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %d more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone meeting: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It starts now but cannot be dialled: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling %s now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%s” starts now.
Call %s now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was not dialled automatically: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SnapshotWindow</name>
    <message>
        <source>%d record(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first %d of %d records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_AgendaBody</name>
    <message>
        <source>No appointments from %s to %s.
Double-click or press Enter to add one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_GridHeader</name>
    <message>
        <source>all day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
