<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AbsenceDialog</name>
    <message>
        <source>Plan an absence</source>
        <translation>Abwesenheit planen</translation>
    </message>
    <message>
        <source>First day away</source>
        <translation>Erster Abwesenheitstag</translation>
    </message>
    <message>
        <source>Last day away</source>
        <translation>Letzter Abwesenheitstag</translation>
    </message>
    <message>
        <source>Deputy&apos;s name</source>
        <translation>Name der Vertretung</translation>
    </message>
    <message>
        <source>Who covers for you?</source>
        <translation>Wer vertritt Sie?</translation>
    </message>
    <message>
        <source>How to reach the deputy</source>
        <translation>So ist die Vertretung erreichbar</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telefon oder E-Mail</translation>
    </message>
    <message>
        <source>General note for the deputy</source>
        <translation>Allgemeiner Hinweis für die Vertretung</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>&amp;Deputy:</source>
        <translation>Ver&amp;tretung:</translation>
    </message>
    <message>
        <source>&amp;Contact:</source>
        <translation>&amp;Kontakt:</translation>
    </message>
    <message>
        <source>Deputy&apos;s &amp;role:</source>
        <translation>&amp;Rolle der Vertretung:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Every case that is not closed is handed over; you can add or drop cases afterwards.</source>
        <translation>Jeder nicht geschlossene Fall wird übergeben; Sie können danach Fälle hinzufügen oder entfernen.</translation>
    </message>
    <message>
        <source>Plan absence</source>
        <translation>Abwesenheit planen</translation>
    </message>
    <message>
        <source>The last day is before the first day.</source>
        <translation>Der letzte Tag liegt vor dem ersten Tag.</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Implicit TLS (usually port 993)</source>
        <translation>Implizites TLS (meist Port 993)</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 143)</source>
        <translation>STARTTLS (meist Port 143)</translation>
    </message>
    <message>
        <source>Mail account</source>
        <translation>Mailkonto</translation>
    </message>
    <message>
        <source>Add a mail account</source>
        <translation>Mailkonto hinzufügen</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>e.g. imap.example.org</source>
        <translation>z. B. imap.example.org</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>The folders to read, separated by commas. spocdesk only reads: nothing is moved, flagged or deleted.</source>
        <translation>Die zu lesenden Ordner, durch Kommas getrennt. spocdesk liest nur: nichts wird verschoben, markiert oder gelöscht.</translation>
    </message>
    <message>
        <source>Pinned certificate fingerprint</source>
        <translation>Festgelegter Zertifikat-Fingerabdruck</translation>
    </message>
    <message>
        <source>only for a server with a certificate of its own</source>
        <translation>nur für einen Server mit eigenem Zertifikat</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>&amp;Pin this fingerprint</source>
        <translation>Diesen Fingerabdruck fest&amp;legen</translation>
    </message>
    <message>
        <source>Pin this fingerprint</source>
        <translation>Diesen Fingerabdruck festlegen</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>&amp;Verschlüsselung:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;Folders:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>&amp;Certificate:</source>
        <translation>&amp;Zertifikat:</translation>
    </message>
    <message>
        <source>Enter the password to test the connection.</source>
        <translation>Geben Sie das Passwort ein, um die Verbindung zu testen.</translation>
    </message>
    <message>
        <source>Connecting to the mail server…</source>
        <translation>Verbindung zum Mailserver wird aufgebaut…</translation>
    </message>
    <message>
        <source>The connection works: spocdesk logged in and found every folder.</source>
        <translation>Die Verbindung funktioniert: spocdesk hat sich angemeldet und jeden Ordner gefunden.</translation>
    </message>
    <message>
        <source>The fingerprint is pinned; test the connection again.</source>
        <translation>Der Fingerabdruck ist festgelegt; testen Sie die Verbindung noch einmal.</translation>
    </message>
    <message>
        <source>Enter the password of the mail account.</source>
        <translation>Geben Sie das Passwort des Mailkontos ein.</translation>
    </message>
    <message>
        <source>Checking the account with its server…</source>
        <translation>Das Konto wird mit seinem Server geprüft…</translation>
    </message>
</context>
<context>
    <name>AddCasesDialog</name>
    <message>
        <source>Add cases to the handover</source>
        <translation>Fälle zur Übergabe hinzufügen</translation>
    </message>
    <message>
        <source>Filter cases</source>
        <translation>Fälle filtern</translation>
    </message>
    <message>
        <source>Type part of a reference or title…</source>
        <translation>Teil einer Fallnummer oder eines Titels eingeben…</translation>
    </message>
    <message>
        <source>Cases not handed over</source>
        <translation>Nicht übergebene Fälle</translation>
    </message>
    <message>
        <source>Every case is handed over already.</source>
        <translation>Alle Fälle sind bereits übergeben.</translation>
    </message>
    <message>
        <source>Tick all shown</source>
        <translation>Alle angezeigten ankreuzen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Stakeholder</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Wiederholt sich</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Morgen</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Diese Woche</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>No date</source>
        <translation>Ohne Datum</translation>
    </message>
    <message>
        <source>Cases with no follow-up planned</source>
        <translation>Fälle ohne geplante Wiedervorlage</translation>
    </message>
    <message>
        <source>no follow-up planned</source>
        <translation>keine Wiedervorlage geplant</translation>
    </message>
    <message numerus="yes">
        <source>every %n days</source>
        <translation>
            <numerusform>jeden Tag</numerusform>
            <numerusform>alle %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>Stakeholders due for contact</source>
        <translation>Fällige Kontakte zu Ansprechpartnern</translation>
    </message>
    <message>
        <source>{label}  ({n})</source>
        <translation>{label}  ({n})</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… und {n} weitere</translation>
    </message>
    <message>
        <source>last contact {when}</source>
        <translation>letzter Kontakt {when}</translation>
    </message>
    <message>
        <source>never contacted</source>
        <translation>nie kontaktiert</translation>
    </message>
    <message>
        <source>Get in touch with {name}</source>
        <translation>{name} kontaktieren</translation>
    </message>
    <message>
        <source>{when} (snoozed)</source>
        <translation>{when} (zurückgestellt)</translation>
    </message>
    <message>
        <source>overdue · {when}</source>
        <translation>überfällig · {when}</translation>
    </message>
    <message>
        <source>stay in touch</source>
        <translation>Kontakt halten</translation>
    </message>
    <message>
        <source>Overdue since {when}</source>
        <translation>Überfällig seit {when}</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Follow-up reminder</source>
        <translation>Erinnerung an Wiedervorlage</translation>
    </message>
    <message>
        <source>Reminder text</source>
        <translation>Text der Erinnerung</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>Show the follow-up</source>
        <translation>Wiedervorlage anzeigen</translation>
    </message>
    <message>
        <source>Dismiss the reminder</source>
        <translation>Erinnerung schließen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Briefing</name>
    <message>
        <source>Print the handover briefing</source>
        <translation>Übergabe-Briefing drucken</translation>
    </message>
</context>
<context>
    <name>CallTimer</name>
    <message>
        <source>Call duration</source>
        <translation>Gesprächsdauer</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>End call</source>
        <translation>Anruf beenden</translation>
    </message>
    <message>
        <source>Stop the timer: its minutes go into the entry (Ctrl+Shift+L)</source>
        <translation>Zeitmessung anhalten: die Minuten kommen in den Eintrag (Strg+Umschalt+L)</translation>
    </message>
    <message>
        <source>Log a call</source>
        <translation>Anruf erfassen</translation>
    </message>
    <message>
        <source>Start a timer as the call starts; the entry gets the call&apos;s time and minutes (Ctrl+Shift+L)</source>
        <translation>Zeitmessung zu Beginn des Anrufs starten; der Eintrag erhält Zeitpunkt und Minuten des Anrufs (Strg+Umschalt+L)</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <source>&amp;Details</source>
        <translation>Detail&amp;s</translation>
    </message>
    <message>
        <source>&amp;People</source>
        <translation>&amp;Beteiligte</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>Änderungsprotokoll</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Save state</source>
        <translation>Speicherstand</translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation>Änderungs&amp;protokoll</translation>
    </message>
    <message>
        <source>Fields save when you leave them; Ctrl+S saves now, Ctrl+Z undoes the last change</source>
        <translation>Felder werden beim Verlassen gespeichert; Strg+S speichert sofort, Strg+Z macht die letzte Änderung rückgängig</translation>
    </message>
    <message>
        <source>Escalate…</source>
        <translation>Eskalieren…</translation>
    </message>
    <message>
        <source>Record outcome…</source>
        <translation>Ergebnis erfassen…</translation>
    </message>
    <message>
        <source>Share with…</source>
        <translation>Teilen mit…</translation>
    </message>
    <message>
        <source>Let a colleague see and work this case</source>
        <translation>Eine Kollegin oder einen Kollegen diesen Fall sehen und bearbeiten lassen</translation>
    </message>
    <message>
        <source>Case fields</source>
        <translation>Felder des Falls</translation>
    </message>
    <message>
        <source>Stakeholders involved</source>
        <translation>Beteiligte</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Make main</source>
        <translation>Zum Hauptansprechpartner machen</translation>
    </message>
    <message>
        <source>Role of the selected stakeholder</source>
        <translation>Rolle des ausgewählten Beteiligten</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Rolle:</translation>
    </message>
    <message>
        <source>These changes could not be saved before the lock; Ctrl+S saves them.</source>
        <translation>Diese Änderungen konnten vor dem Sperren nicht gespeichert werden; Strg+S speichert sie.</translation>
    </message>
    <message>
        <source>{ref} is no longer in this view.</source>
        <translation>{ref} ist nicht mehr in dieser Ansicht.</translation>
    </message>
    <message>
        <source>Show it among all cases</source>
        <translation>Unter allen Fällen zeigen</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>Kein Fall ausgewählt</translation>
    </message>
    <message>
        <source>Choose a case in the list, or press Ctrl+N for a new one.</source>
        <translation>Wählen Sie einen Fall in der Liste oder drücken Sie Strg+N für einen neuen.</translation>
    </message>
    <message>
        <source>⚑ Escalated, waiting for an outcome</source>
        <translation>⚑ Eskaliert, Ergebnis steht aus</translation>
    </message>
    <message>
        <source>SLA: {state}</source>
        <translation>SLA: {state}</translation>
    </message>
    <message>
        <source>— no follow-up planned</source>
        <translation>— keine Wiedervorlage geplant</translation>
    </message>
    <message>
        <source>Next follow-up {when}</source>
        <translation>Nächste Wiedervorlage {when}</translation>
    </message>
    <message>
        <source>{minutes} min logged</source>
        <translation>{minutes} Min. erfasst</translation>
    </message>
    <message>
        <source>No changes recorded yet.</source>
        <translation>Noch keine Änderungen erfasst.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
    <message>
        <source>Not saved yet: fields save when you leave them (Ctrl+S).</source>
        <translation>Noch nicht gespeichert: Felder werden beim Verlassen gespeichert (Strg+S).</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Nicht gespeichert: {reason}</translation>
    </message>
    <message>
        <source>Saved. Ctrl+Z undoes it.</source>
        <translation>Gespeichert. Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Showing the saved case; your changes were dropped.</source>
        <translation>Der gespeicherte Fall wird angezeigt; Ihre Änderungen wurden verworfen.</translation>
    </message>
    <message>
        <source>All changes are saved.</source>
        <translation>Alle Änderungen sind gespeichert.</translation>
    </message>
    <message>
        <source>Not undone: {reason}</source>
        <translation>Nicht rückgängig gemacht: {reason}</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>Rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Satisfaction not recorded</source>
        <translation>Zufriedenheit nicht erfasst</translation>
    </message>
    <message>
        <source>Not escalated</source>
        <translation>Nicht eskaliert</translation>
    </message>
    <message>
        <source>Outcome not recorded</source>
        <translation>Ergebnis nicht erfasst</translation>
    </message>
    <message>
        <source>Stakeholder not added</source>
        <translation>Ansprechpartner nicht hinzugefügt</translation>
    </message>
    <message>
        <source>Stakeholder not removed</source>
        <translation>Ansprechpartner nicht entfernt</translation>
    </message>
    <message>
        <source>Main stakeholder not changed</source>
        <translation>Hauptansprechpartner nicht geändert</translation>
    </message>
    <message>
        <source>Role not changed</source>
        <translation>Rolle nicht geändert</translation>
    </message>
</context>
<context>
    <name>CaseFields</name>
    <message>
        <source>comma-separated</source>
        <translation>durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>One line: what happens next?</source>
        <translation>Eine Zeile: Was passiert als Nächstes?</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Priorität:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Kategorie:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>Schlagwörter:</translation>
    </message>
    <message>
        <source>Due:</source>
        <translation>Fällig:</translation>
    </message>
    <message>
        <source>Next step:</source>
        <translation>Nächster Schritt:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Beschreibung:</translation>
    </message>
</context>
<context>
    <name>CaseRefDialog</name>
    <message>
        <source>Add to case</source>
        <translation>Zu einem Fall hinzufügen</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Fallnummer</translation>
    </message>
    <message>
        <source>e.g. 42 or C-0042</source>
        <translation>z. B. 42 oder C-0042</translation>
    </message>
    <message>
        <source>&amp;Case:</source>
        <translation>&amp;Fall:</translation>
    </message>
    <message>
        <source>No case {ref}</source>
        <translation>Kein Fall {ref}</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Ref</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Main stakeholder</source>
        <translation>Hauptansprechpartner</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Nächste Wiedervorlage</translation>
    </message>
    <message>
        <source>Last interaction</source>
        <translation>Letzte Interaktion</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>{s} · escalated</source>
        <translation>{s} · eskaliert</translation>
    </message>
    <message>
        <source>— no follow-up planned</source>
        <translation>— keine Wiedervorlage geplant</translation>
    </message>
    <message>
        <source>{title}
Next step: {step}</source>
        <translation>{title}
Nächster Schritt: {step}</translation>
    </message>
    <message>
        <source>Opened {when}</source>
        <translation>Eröffnet am {when}</translation>
    </message>
    <message>
        <source>Overdue since {when}</source>
        <translation>Überfällig seit {when}</translation>
    </message>
</context>
<context>
    <name>CaseWords</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Your stand-in</source>
        <translation>Ihre Vertretung</translation>
    </message>
    <message>
        <source>The regular contact</source>
        <translation>Die reguläre Ansprechperson</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>{when} · {who}: {value} added to {field}</source>
        <translation>{when} · {who}: {value} zu {field} hinzugefügt</translation>
    </message>
    <message>
        <source>{when} · {who}: {value} removed from {field}</source>
        <translation>{when} · {who}: {value} aus {field} entfernt</translation>
    </message>
    <message>
        <source>{when} · {who}: {field} “{before}” → “{after}”</source>
        <translation>{when} · {who}: {field} „{before}“ → „{after}“</translation>
    </message>
    <message>
        <source>{when} · {who}: {action}</source>
        <translation>{when} · {who}: {action}</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>Filter cases by text</source>
        <translation>Fälle nach Text filtern</translation>
    </message>
    <message>
        <source>Filter: title, reference, description (Ctrl+F)</source>
        <translation>Filter: Titel, Fallnummer, Beschreibung (Strg+F)</translation>
    </message>
    <message>
        <source>Down or Enter goes on to the list</source>
        <translation>Pfeil nach unten oder Eingabe führt weiter in die Liste</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Alle Prioritäten</translation>
    </message>
    <message>
        <source>Any category</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>Nach Schlagwort filtern</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Neuer Fall</translation>
    </message>
    <message>
        <source>Open a new case (Ctrl+N)</source>
        <translation>Neuen Fall eröffnen (Strg+N)</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Show or hide the views (F9)</source>
        <translation>Ansichten ein- oder ausblenden (F9)</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>Falldetails</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>Ansichten</translation>
    </message>
    <message>
        <source>Show the views</source>
        <translation>Ansichten einblenden</translation>
    </message>
    <message>
        <source>Hide the views</source>
        <translation>Ansichten ausblenden</translation>
    </message>
    <message>
        <source>No cases yet</source>
        <translation>Noch keine Fälle</translation>
    </message>
    <message>
        <source>Press Ctrl+N to open your first case.</source>
        <translation>Drücken Sie Strg+N, um Ihren ersten Fall zu eröffnen.</translation>
    </message>
    <message>
        <source>No cases match</source>
        <translation>Keine passenden Fälle</translation>
    </message>
    <message>
        <source>Try another view or clear the filters.</source>
        <translation>Versuchen Sie eine andere Ansicht oder setzen Sie die Filter zurück.</translation>
    </message>
    <message numerus="yes">
        <source>%n+ cases, counting…</source>
        <translation>
            <numerusform>%n+ Fall, wird gezählt …</numerusform>
            <numerusform>%n+ Fälle, wird gezählt …</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message>
        <source>Case not created</source>
        <translation>Fall nicht angelegt</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change the passphrase</source>
        <translation>Passphrase ändern</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Aktuelle Passphrase</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Neue Passphrase wiederholen</translation>
    </message>
    <message>
        <source>&amp;Current:</source>
        <translation>&amp;Aktuell:</translation>
    </message>
    <message>
        <source>&amp;New:</source>
        <translation>&amp;Neu:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>The store is re-encrypted; the old file is kept until the new one is verified. Existing backups keep the old passphrase.</source>
        <translation>Der Datenspeicher wird neu verschlüsselt; die alte Datei bleibt erhalten, bis die neue geprüft ist. Vorhandene Sicherungen behalten die alte Passphrase.</translation>
    </message>
    <message>
        <source>The two new passphrases are not the same yet.</source>
        <translation>Die beiden neuen Passphrasen stimmen noch nicht überein.</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>Full name</source>
        <translation>Vollständiger Name</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Title / role</source>
        <translation>Funktion / Rolle</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Second e-mail</source>
        <translation>Zweite E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Mobiltelefon</translation>
    </message>
    <message>
        <source>Second phone</source>
        <translation>Zweites Telefon</translation>
    </message>
    <message>
        <source>Address (one line)</source>
        <translation>Adresse (eine Zeile)</translation>
    </message>
    <message>
        <source>Web site</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straße</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Region / state</source>
        <translation>Region / Bundesland</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Geburtstag</translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation>Jahrestag</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Which column holds what?</source>
        <translation>Welche Spalte enthält was?</translation>
    </message>
    <message>
        <source>spocdesk does not know this CSV layout. Choose the column for each field; a name, e-mail or phone column is needed. Columns you leave out are kept in the notes.</source>
        <translation>spocdesk kennt diesen CSV-Aufbau nicht. Wählen Sie für jedes Feld die Spalte; eine Spalte mit Name, E-Mail oder Telefon wird gebraucht. Spalten, die Sie nicht zuordnen, bleiben in den Notizen erhalten.</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(nicht verwendet)</translation>
    </message>
    <message>
        <source>Fields and their columns</source>
        <translation>Felder und ihre Spalten</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
</context>
<context>
    <name>ConfirmMerge</name>
    <message>
        <source>Merge stakeholders</source>
        <translation>Ansprechpartner zusammenführen</translation>
    </message>
    <message>
        <source>Merge {others} into {keep}? Every contact point, note, tag and case link is kept on {keep}; the others are removed.</source>
        <translation>{others} in {keep} zusammenführen? Alle Kontaktdaten, Notizen, Schlagwörter und Fallzuordnungen bleiben bei {keep} erhalten; die anderen werden entfernt.</translation>
    </message>
</context>
<context>
    <name>ConflictBar</name>
    <message>
        <source>Edit conflict</source>
        <translation>Bearbeitungskonflikt</translation>
    </message>
    <message>
        <source>&amp;Keep mine</source>
        <translation>&amp;Meine behalten</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Meine behalten</translation>
    </message>
    <message>
        <source>Save what you typed over the other change</source>
        <translation>Ihre Eingabe über die andere Änderung speichern</translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation>&amp;Deren übernehmen</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Deren übernehmen</translation>
    </message>
    <message>
        <source>Show the saved case and drop what you typed</source>
        <translation>Den gespeicherten Fall anzeigen und Ihre Eingabe verwerfen</translation>
    </message>
    <message>
        <source>{what} was changed meanwhile ({fields}); your text is still here: keep yours, or take theirs?</source>
        <translation>{what} wurde zwischenzeitlich geändert ({fields}); Ihr Text ist noch da: Ihren behalten oder den anderen übernehmen?</translation>
    </message>
    <message>
        <source>{what} was changed meanwhile; your text is still here: keep yours, or take theirs?</source>
        <translation>{what} wurde zwischenzeitlich geändert; Ihr Text ist noch da: Ihren behalten oder den anderen übernehmen?</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to a team server</source>
        <translation>Mit einem Team-Server verbinden</translation>
    </message>
    <message>
        <source>Log in to your team&apos;s PostgreSQL server with your own role. Cases, people and follow-ups are then the team&apos;s, and colleagues&apos; changes show as they happen.</source>
        <translation>Melden Sie sich mit Ihrer eigenen Rolle am PostgreSQL-Server Ihres Teams an. Fälle, Ansprechpartner und Wiedervorlagen gehören dann dem Team, und Änderungen von Kolleginnen und Kollegen erscheinen, sobald sie geschehen.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Your role (user name)</source>
        <translation>Ihre Rolle (Benutzername)</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Remember the password in the system keyring</source>
        <translation>Passwort im Schlüsselbund des Systems &amp;merken</translation>
    </message>
    <message>
        <source>Certificate authority file</source>
        <translation>Datei der Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>the system&apos;s certificate authorities</source>
        <translation>die Zertifizierungsstellen des Systems</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>Dur&amp;chsuchen…</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Port:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>C&amp;A file:</source>
        <translation>C&amp;A-Datei:</translation>
    </message>
    <message>
        <source>A server on this computer needs no TLS.</source>
        <translation>Ein Server auf diesem Computer braucht kein TLS.</translation>
    </message>
    <message>
        <source>The connection is encrypted (TLS) and the server&apos;s certificate must match its name (verify-full).</source>
        <translation>Die Verbindung ist verschlüsselt (TLS), und das Zertifikat des Servers muss zu seinem Namen passen (verify-full).</translation>
    </message>
    <message>
        <source>remembered in the keyring</source>
        <translation>im Schlüsselbund gespeichert</translation>
    </message>
    <message>
        <source>Certificate authority of the team server</source>
        <translation>Zertifizierungsstelle des Team-Servers</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Enter the password of your role.</source>
        <translation>Geben Sie das Passwort Ihrer Rolle ein.</translation>
    </message>
    <message>
        <source>Connecting to %1… (Cancel stops waiting)</source>
        <translation>Verbindung zu %1 wird hergestellt… (Abbrechen beendet das Warten)</translation>
    </message>
    <message>
        <source>Not connected: you stopped waiting for the server.</source>
        <translation>Nicht verbunden: Sie haben das Warten auf den Server beendet.</translation>
    </message>
</context>
<context>
    <name>CountsModel</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
</context>
<context>
    <name>CreateStoreDialog</name>
    <message>
        <source>Create your spocdesk store</source>
        <translation>Ihren spocdesk-Datenspeicher anlegen</translation>
    </message>
    <message>
        <source>spocdesk keeps your cases, contacts and notes in one encrypted file. Choose a passphrase to protect it. There is no way to recover the data without it, so pick one you will remember.</source>
        <translation>spocdesk bewahrt Ihre Fälle, Kontakte und Notizen in einer verschlüsselten Datei auf. Wählen Sie eine Passphrase, die sie schützt. Ohne sie lassen sich die Daten nicht wiederherstellen — wählen Sie also eine, die Sie sich merken können.</translation>
    </message>
    <message>
        <source>The store will be created at {path}</source>
        <translation>Der Datenspeicher wird hier angelegt: {path}</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <source>Repeat the passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <source>Create store</source>
        <translation>Datenspeicher anlegen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Open a handover pack…</source>
        <translation>Übergabepaket öffnen…</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Use at least {n} characters; a phrase of several words is best.</source>
        <translation>Verwenden Sie mindestens {n} Zeichen; ein Satz aus mehreren Wörtern ist am besten.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same yet.</source>
        <translation>Die beiden Passphrasen stimmen noch nicht überein.</translation>
    </message>
</context>
<context>
    <name>DamagedStoreOffer</name>
    <message>
        <source>The store is damaged</source>
        <translation>Der Datenspeicher ist beschädigt</translation>
    </message>
    <message>
        <source>Restore the backup from {when}?</source>
        <translation>Die Sicherung vom {when} wiederherstellen?</translation>
    </message>
    <message>
        <source>Anything changed after that moment is not in the backup. The damaged file is kept aside, unchanged.</source>
        <translation>Was danach geändert wurde, ist nicht in der Sicherung enthalten. Die beschädigte Datei wird unverändert beiseitegelegt.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Choose another backup…</source>
        <translation>Andere Sicherung auswählen…</translation>
    </message>
    <message>
        <source>No backup in {folder} opens with this passphrase. Choose a backup file now, or later with File → Restore… or &apos;spocdesk restore FILE&apos;.</source>
        <translation>Keine Sicherung in {folder} lässt sich mit dieser Passphrase öffnen. Wählen Sie jetzt eine Sicherungsdatei oder später über Datei → Sicherung wiederherstellen… oder &apos;spocdesk restore DATEI&apos;.</translation>
    </message>
    <message>
        <source>Choose a backup…</source>
        <translation>Sicherung auswählen…</translation>
    </message>
    <message>
        <source>Nothing was restored</source>
        <translation>Nichts wurde wiederhergestellt</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Follow-ups overdue</source>
        <translation>Überfällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Open the overdue follow-ups</source>
        <translation>Überfällige Wiedervorlagen öffnen</translation>
    </message>
    <message>
        <source>Follow-ups due today</source>
        <translation>Heute fällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Open today&apos;s follow-ups</source>
        <translation>Heutige Wiedervorlagen öffnen</translation>
    </message>
    <message>
        <source>Cases with SLA at risk</source>
        <translation>Fälle mit gefährdetem SLA</translation>
    </message>
    <message>
        <source>Open cases with no follow-up planned</source>
        <translation>Offene Fälle ohne geplante Wiedervorlage</translation>
    </message>
    <message>
        <source>Open the cases with no follow-up planned</source>
        <translation>Die Fälle ohne geplante Wiedervorlage öffnen</translation>
    </message>
    <message>
        <source>Open cases with no next step</source>
        <translation>Offene Fälle ohne nächsten Schritt</translation>
    </message>
    <message>
        <source>Open the cases whose next step is empty</source>
        <translation>Die Fälle ohne nächsten Schritt öffnen</translation>
    </message>
    <message>
        <source>Open the cases whose SLA is at risk</source>
        <translation>Die Fälle mit gefährdetem SLA öffnen</translation>
    </message>
    <message>
        <source>Cases with SLA breached</source>
        <translation>Fälle mit verletztem SLA</translation>
    </message>
    <message>
        <source>Open the cases whose SLA is breached</source>
        <translation>Die Fälle mit verletztem SLA öffnen</translation>
    </message>
    <message>
        <source>Stakeholders to get back in touch with</source>
        <translation>Ansprechpartner, bei denen ein Kontakt fällig ist</translation>
    </message>
    <message>
        <source>Open the stakeholders past their stay-in-touch cadence</source>
        <translation>Ansprechpartner öffnen, bei denen der Kontaktrhythmus überschritten ist</translation>
    </message>
    <message>
        <source>Workload</source>
        <translation>Arbeitslast</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Open cases by status</source>
        <translation>Offene Fälle nach Status</translation>
    </message>
    <message>
        <source>Open cases by priority</source>
        <translation>Offene Fälle nach Priorität</translation>
    </message>
    <message>
        <source>Oldest open cases</source>
        <translation>Älteste offene Fälle</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open the case</source>
        <translation>Doppelklicken oder Eingabetaste drücken, um den Fall zu öffnen</translation>
    </message>
    <message>
        <source>No open cases.</source>
        <translation>Keine offenen Fälle.</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>Entwicklung</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <source>Trends period</source>
        <translation>Zeitraum der Entwicklung</translation>
    </message>
    <message>
        <source>Last 4 weeks</source>
        <translation>Letzte 4 Wochen</translation>
    </message>
    <message>
        <source>Last quarter (13 weeks)</source>
        <translation>Letztes Quartal (13 Wochen)</translation>
    </message>
    <message>
        <source>Last year (52 weeks)</source>
        <translation>Letztes Jahr (52 Wochen)</translation>
    </message>
    <message>
        <source>Export figures as CSV…</source>
        <translation>Kennzahlen als CSV exportieren…</translation>
    </message>
    <message>
        <source>Export figures as CSV</source>
        <translation>Kennzahlen als CSV exportieren</translation>
    </message>
    <message>
        <source>Cases opened and resolved per week</source>
        <translation>Eröffnete und gelöste Fälle pro Woche</translation>
    </message>
    <message>
        <source>SLA breach rate per week</source>
        <translation>SLA-Verletzungsquote pro Woche</translation>
    </message>
    <message>
        <source>Interactions per channel</source>
        <translation>Interaktionen pro Kanal</translation>
    </message>
    <message>
        <source>Median time to first response (hours)</source>
        <translation>Median bis zur ersten Antwort (Stunden)</translation>
    </message>
    <message>
        <source>Median time to resolution (days)</source>
        <translation>Median bis zur Lösung (Tage)</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualität</translation>
    </message>
    <message>
        <source>As of {when}</source>
        <translation>Stand: {when}</translation>
    </message>
    <message numerus="yes">
        <source>%n open cases</source>
        <translation>
            <numerusform>%n offener Fall</numerusform>
            <numerusform>%n offene Fälle</numerusform>
        </translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Breach rate</source>
        <translation>Verletzungsquote</translation>
    </message>
    <message>
        <source>SLA breach rate per week — no resolved cases with a target</source>
        <translation>SLA-Verletzungsquote pro Woche — keine gelösten Fälle mit Ziel</translation>
    </message>
    <message>
        <source>SLA breach rate per week — {rate} % overall ({n} of {total})</source>
        <translation>SLA-Verletzungsquote pro Woche — insgesamt {rate} % ({n} von {total})</translation>
    </message>
    <message>
        <source>Median hours</source>
        <translation>Median in Stunden</translation>
    </message>
    <message>
        <source>Median days</source>
        <translation>Median in Tagen</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Besprechung</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interaktionen</translation>
    </message>
    <message>
        <source>Interactions per channel — {n} in all</source>
        <translation>Interaktionen pro Kanal — insgesamt {n}</translation>
    </message>
    <message>
        <source>{opened} cases opened and {resolved} resolved in the period</source>
        <translation>{opened} Fälle eröffnet und {resolved} gelöst im Zeitraum</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>{month}: none</source>
        <translation>{month}: keine</translation>
    </message>
    <message>
        <source>Behind “{figure}” from {start} to {end}:</source>
        <translation>Hinter „{figure}“ vom {start} bis {end}:</translation>
    </message>
    <message>
        <source>Feedback pending</source>
        <translation>Rückmeldung ausstehend</translation>
    </message>
    <message>
        <source>Resolved in the last 30 days, no satisfaction on record yet. Open a case to record it, or to ask for it by e-mail.</source>
        <translation>In den letzten 30 Tagen gelöst, noch keine Zufriedenheit erfasst. Öffnen Sie einen Fall, um sie zu erfassen oder per E-Mail zu erfragen.</translation>
    </message>
    <message>
        <source>Net Promoter answers due</source>
        <translation>Fällige Net-Promoter-Antworten</translation>
    </message>
    <message>
        <source>A case of theirs was resolved this quarter and they gave no Net Promoter answer this quarter. Open a stakeholder to record one.</source>
        <translation>Ein Fall dieser Personen wurde in diesem Quartal gelöst, und sie haben in diesem Quartal keine Net-Promoter-Antwort gegeben. Öffnen Sie einen Kontakt, um eine zu erfassen.</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>The figures could not be written: {error}</source>
        <translation>Die Kennzahlen konnten nicht geschrieben werden: {error}</translation>
    </message>
</context>
<context>
    <name>DeputyBanner</name>
    <message>
        <source>Covering for {owner} until {date}. You are working in their handover pack; send it back with Handover → Send back…</source>
        <translation>Sie vertreten {owner} bis {date}. Sie arbeiten in deren Übergabepaket; senden Sie es mit Übergabe → Zurücksenden… zurück.</translation>
    </message>
    <message>
        <source>Covering for the owner of this handover pack until {date}. Send it back with Handover → Send back…</source>
        <translation>Sie vertreten die Inhaberin oder den Inhaber dieses Übergabepakets bis {date}. Senden Sie es mit Übergabe → Zurücksenden… zurück.</translation>
    </message>
    <message>
        <source>You are working in a handover pack. Send it back with Handover → Send back…</source>
        <translation>Sie arbeiten in einem Übergabepaket. Senden Sie es mit Übergabe → Zurücksenden… zurück.</translation>
    </message>
    <message>
        <source>Covering for someone</source>
        <translation>Vertretung</translation>
    </message>
    <message>
        <source>Send the handover pack back</source>
        <translation>Übergabepaket zurücksenden</translation>
    </message>
</context>
<context>
    <name>DrillModel</name>
    <message>
        <source>Ref</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Main stakeholder</source>
        <translation>Hauptkontakt</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>same e-mail</source>
        <translation>gleiche E-Mail</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>gleiches Telefon</translation>
    </message>
    <message>
        <source>close name</source>
        <translation>ähnlicher Name</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>Dubletten finden</translation>
    </message>
    <message>
        <source>Duplicates found</source>
        <translation>Gefundene Dubletten</translation>
    </message>
    <message>
        <source>Groups that look like one person</source>
        <translation>Gruppen, die nach einer Person aussehen</translation>
    </message>
    <message>
        <source>Stakeholders in this group</source>
        <translation>Ansprechpartner in dieser Gruppe</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <source>Merge into the selected one</source>
        <translation>In den ausgewählten zusammenführen</translation>
    </message>
    <message>
        <source>Merge the group into the selected one</source>
        <translation>Die Gruppe in den ausgewählten Ansprechpartner zusammenführen</translation>
    </message>
    <message>
        <source>Select the stakeholder to keep; the others are merged into it.</source>
        <translation>Wählen Sie den Ansprechpartner, der bleiben soll; die anderen werden mit ihm zusammengeführt.</translation>
    </message>
    <message numerus="yes">
        <source>%n groups of stakeholders look like one person.</source>
        <translation>
            <numerusform>%n Gruppe von Ansprechpartnern sieht nach einer Person aus.</numerusform>
            <numerusform>%n Gruppen von Ansprechpartnern sehen nach jeweils einer Person aus.</numerusform>
        </translation>
    </message>
    <message>
        <source>No duplicates found: every stakeholder looks unique.</source>
        <translation>Keine Dubletten gefunden: Jeder Ansprechpartner ist eindeutig.</translation>
    </message>
    <message>
        <source>Not merged</source>
        <translation>Nicht zusammengeführt</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <source>Erase {name}?</source>
        <translation>{name} löschen?</translation>
    </message>
    <message>
        <source>Erase {name} for good?</source>
        <translation>{name} endgültig löschen?</translation>
    </message>
    <message>
        <source>Their record and every contact point are deleted, not archived. Their name is replaced by “[erased person]” in interactions and cases, they are removed from every case and interaction, and their follow-ups are deleted. The audit log keeps only that an erasure happened. This cannot be undone.</source>
        <translation>Der Datensatz und alle Kontaktdaten werden gelöscht, nicht archiviert. Der Name wird in Interaktionen und Fällen durch „[erased person]“ ersetzt, die Person wird aus allen Fällen und Interaktionen entfernt und ihre Wiedervorlagen werden gelöscht. Das Änderungsprotokoll hält nur fest, dass gelöscht wurde. Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>EscalateDialog</name>
    <message>
        <source>Escalate the case</source>
        <translation>Fall eskalieren</translation>
    </message>
    <message>
        <source>Escalate to</source>
        <translation>Eskalieren an</translation>
    </message>
    <message>
        <source>Team or person, e.g. Billing team</source>
        <translation>Team oder Person, z. B. Team Buchhaltung</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>Eskalieren</translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <source>Very unhappy</source>
        <translation>Sehr unzufrieden</translation>
    </message>
    <message>
        <source>Unhappy</source>
        <translation>Unzufrieden</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Happy</source>
        <translation>Zufrieden</translation>
    </message>
    <message>
        <source>Very happy</source>
        <translation>Sehr zufrieden</translation>
    </message>
    <message>
        <source>by phone</source>
        <translation>telefonisch</translation>
    </message>
    <message>
        <source>by e-mail</source>
        <translation>per E-Mail</translation>
    </message>
    <message>
        <source>in a survey</source>
        <translation>in einer Umfrage</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>persönlich</translation>
    </message>
    <message>
        <source>How did we do? {ref}: {title}</source>
        <translation>Wie zufrieden waren Sie? {ref}: {title}</translation>
    </message>
    <message>
        <source>Hello {name},

your request {ref} ({title}) is resolved. How satisfied are you with how it was handled, from 1 (very unhappy) to 5 (very happy)? A word on what we could do better is welcome too.

Thank you!</source>
        <translation>Guten Tag {name},

Ihr Anliegen {ref} ({title}) ist erledigt. Wie zufrieden sind Sie mit der Bearbeitung, von 1 (sehr unzufrieden) bis 5 (sehr zufrieden)? Ein Hinweis, was wir besser machen können, ist ebenfalls willkommen.

Vielen Dank!</translation>
    </message>
    <message>
        <source>No mail opened</source>
        <translation>Keine E-Mail geöffnet</translation>
    </message>
    <message>
        <source>No mail program took the link; is one set up on this computer?</source>
        <translation>Kein E-Mail-Programm hat den Link übernommen; ist auf diesem Computer eines eingerichtet?</translation>
    </message>
</context>
<context>
    <name>FeedbackBar</name>
    <message>
        <source>Client satisfaction</source>
        <translation>Zufriedenheit des Kunden</translation>
    </message>
    <message>
        <source>Record satisfaction…</source>
        <translation>Zufriedenheit erfassen …</translation>
    </message>
    <message>
        <source>Ask for feedback…</source>
        <translation>Um Rückmeldung bitten …</translation>
    </message>
    <message>
        <source>Open a mail to the client with the case&apos;s reference</source>
        <translation>Eine E-Mail an den Kunden mit der Fallnummer öffnen</translation>
    </message>
    <message>
        <source>Client satisfaction: no feedback yet.</source>
        <translation>Zufriedenheit des Kunden: noch keine Rückmeldung.</translation>
    </message>
    <message>
        <source>Client satisfaction: {stars} {n} of 5</source>
        <translation>Zufriedenheit des Kunden: {stars} {n} von 5</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Ändern …</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Client satisfaction — {ref}</source>
        <translation>Zufriedenheit des Kunden — {ref}</translation>
    </message>
    <message>
        <source>{n} of 5: {name}</source>
        <translation>{n} von 5: {name}</translation>
    </message>
    <message>
        <source>How it was asked</source>
        <translation>Wie gefragt wurde</translation>
    </message>
    <message>
        <source>(not said)</source>
        <translation>(nicht angegeben)</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>What the client said (optional)</source>
        <translation>Was der Kunde gesagt hat (optional)</translation>
    </message>
    <message>
        <source>&amp;Ask for feedback by e-mail…</source>
        <translation>Per E-&amp;Mail um Rückmeldung bitten …</translation>
    </message>
    <message>
        <source>Open a mail to the client with the case&apos;s reference; record the answer when it comes</source>
        <translation>Eine E-Mail an den Kunden mit der Fallnummer öffnen; die Antwort erfassen, wenn sie kommt</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>The case stays in Feedback pending on the dashboard</source>
        <translation>Der Fall bleibt auf der Übersicht unter „Rückmeldung ausstehend“</translation>
    </message>
    <message>
        <source>{ref} {title} is resolved. How satisfied is the client with how it was handled?</source>
        <translation>{ref} {title} ist gelöst. Wie zufrieden ist der Kunde mit der Bearbeitung?</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>Zufriedenheit:</translation>
    </message>
    <message>
        <source>&amp;Asked:</source>
        <translation>&amp;Gefragt:</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
</context>
<context>
    <name>FileChooser</name>
    <message>
        <source>spocdesk handover pack (*.spocpack);;All files (*)</source>
        <translation>spocdesk-Übergabepaket (*.spocpack);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Nothing to follow up</source>
        <translation>Keine Wiedervorlagen</translation>
    </message>
    <message>
        <source>Promises, call-backs and reminders appear here by due date. Press Ctrl+N to add a follow-up.</source>
        <translation>Zusagen, Rückrufe und Erinnerungen erscheinen hier nach Fälligkeit. Drücken Sie Strg+N, um eine Wiedervorlage anzulegen.</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Erledigt</translation>
    </message>
    <message>
        <source>Mark the selected follow-up done (Ctrl+D or Space)</source>
        <translation>Ausgewählte Wiedervorlage erledigen (Strg+D oder Leertaste)</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>Übers&amp;pringen</translation>
    </message>
    <message>
        <source>Skip this occurrence of a repeating follow-up (Ctrl+Shift+D)</source>
        <translation>Diesen Termin einer wiederkehrenden Wiedervorlage überspringen (Strg+Umschalt+D)</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>Snoo&amp;ze</source>
        <translation>&amp;Zurückstellen</translation>
    </message>
    <message>
        <source>Hide the selected follow-up until later (Ctrl+Shift+S)</source>
        <translation>Ausgewählte Wiedervorlage bis später ausblenden (Strg+Umschalt+S)</translation>
    </message>
    <message>
        <source>&amp;Undo done</source>
        <translation>Erledigt &amp;rückgängig</translation>
    </message>
    <message>
        <source>Restore the follow-up done last (Ctrl+Z)</source>
        <translation>Die zuletzt erledigte Wiedervorlage wiederherstellen (Strg+Z)</translation>
    </message>
    <message>
        <source>&amp;New follow-up</source>
        <translation>&amp;Neue Wiedervorlage</translation>
    </message>
    <message>
        <source>Add a follow-up (Ctrl+N)</source>
        <translation>Wiedervorlage hinzufügen (Strg+N)</translation>
    </message>
    <message>
        <source>Agenda summary</source>
        <translation>Überblick über die Agenda</translation>
    </message>
    <message>
        <source>Last action</source>
        <translation>Letzte Aktion</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <source>this week</source>
        <translation>diese Woche</translation>
    </message>
    <message>
        <source>later</source>
        <translation>später</translation>
    </message>
    <message>
        <source>no date</source>
        <translation>ohne Datum</translation>
    </message>
    <message>
        <source>Follow-up not done</source>
        <translation>Wiedervorlage nicht erledigt</translation>
    </message>
    <message>
        <source>Done: {title}. Next time: {when}. Ctrl+Z takes it back.</source>
        <translation>Erledigt: {title}. Nächstes Mal: {when}. Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Done: {title}. Ctrl+Z takes it back.</source>
        <translation>Erledigt: {title}. Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Occurrence not skipped</source>
        <translation>Termin nicht übersprungen</translation>
    </message>
    <message>
        <source>Skipped: {title}. Next time: {when}.</source>
        <translation>Übersprungen: {title}. Nächstes Mal: {when}.</translation>
    </message>
    <message>
        <source>Skipped: {title}. That was its last time.</source>
        <translation>Übersprungen: {title}. Das war der letzte Termin.</translation>
    </message>
    <message>
        <source>Follow-up not snoozed</source>
        <translation>Wiedervorlage nicht zurückgestellt</translation>
    </message>
    <message>
        <source>Snoozed: {title} until {when}.</source>
        <translation>Zurückgestellt: {title} bis {when}.</translation>
    </message>
    <message>
        <source>&amp;Chosen time…</source>
        <translation>&amp;Gewählter Zeitpunkt…</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>Tomorrow {time}</source>
        <translation>Morgen {time}</translation>
    </message>
    <message>
        <source>Next Monday {time}</source>
        <translation>Nächsten Montag {time}</translation>
    </message>
    <message>
        <source>There is nothing done to take back.</source>
        <translation>Es gibt nichts Erledigtes, das rückgängig gemacht werden kann.</translation>
    </message>
    <message>
        <source>Nothing taken back</source>
        <translation>Nichts rückgängig gemacht</translation>
    </message>
    <message>
        <source>Taken back: the follow-up is open again.</source>
        <translation>Rückgängig gemacht: Die Wiedervorlage ist wieder offen.</translation>
    </message>
    <message>
        <source>Follow-up not added</source>
        <translation>Wiedervorlage nicht angelegt</translation>
    </message>
    <message>
        <source>Added: {title}.</source>
        <translation>Angelegt: {title}.</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>{n} min</source>
        <translation>{n} Min.</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} Std.</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} T.</translation>
    </message>
    <message>
        <source>{n} w</source>
        <translation>{n} Wo.</translation>
    </message>
    <message>
        <source>{n} mo</source>
        <translation>{n} Mon.</translation>
    </message>
    <message>
        <source>{t} ago</source>
        <translation>vor {t}</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>▲ High</source>
        <translation>▲ Hoch</translation>
    </message>
    <message>
        <source>▲▲ Urgent</source>
        <translation>▲▲ Dringend</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>⚠ At risk</source>
        <translation>⚠ Gefährdet</translation>
    </message>
    <message>
        <source>✖ Breached</source>
        <translation>✖ Verletzt</translation>
    </message>
    <message>
        <source>✓ Met</source>
        <translation>✓ Eingehalten</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Besprechung</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Ausgehend</translation>
    </message>
    <message>
        <source>Internal</source>
        <translation>Intern</translation>
    </message>
    <message>
        <source>{label} ({left} left)</source>
        <translation>{label} (noch {left})</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>● Stable</source>
        <translation>● Stabil</translation>
    </message>
    <message>
        <source>▲ Watch</source>
        <translation>▲ Beobachten</translation>
    </message>
    <message>
        <source>✖ Unstable</source>
        <translation>✖ Instabil</translation>
    </message>
    <message>
        <source>Stable: nothing expected to go wrong; routine follow-ups only.</source>
        <translation>Stabil: Es ist nicht mit Problemen zu rechnen; nur routinemäßige Wiedervorlagen.</translation>
    </message>
    <message>
        <source>Watch: could change; check on it during the absence.</source>
        <translation>Beobachten: kann sich ändern; während der Abwesenheit im Blick behalten.</translation>
    </message>
    <message>
        <source>Unstable: needs attention soon; read the contingencies first.</source>
        <translation>Instabil: braucht bald Aufmerksamkeit; zuerst die Wenn-dann-Regeln lesen.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>✎ Not written</source>
        <translation>✎ Nicht geschrieben</translation>
    </message>
    <message>
        <source>✓ Acknowledged</source>
        <translation>✓ Bestätigt</translation>
    </message>
    <message>
        <source>✎ Draft, not reviewed</source>
        <translation>✎ Entwurf, nicht geprüft</translation>
    </message>
    <message>
        <source>✖ No contingency</source>
        <translation>✖ Keine Wenn-dann-Regel</translation>
    </message>
    <message>
        <source>⚠ No action</source>
        <translation>⚠ Keine Aufgabe</translation>
    </message>
    <message>
        <source>✓ Ready</source>
        <translation>✓ Bereit</translation>
    </message>
    <message>
        <source>No note saved yet; the draft from the case is shown until you save.</source>
        <translation>Noch keine Notiz gespeichert; bis zum Speichern wird der Entwurf aus dem Fall angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>Saved note with %n actions</source>
        <translation>
            <numerusform>Gespeicherte Notiz mit %n Aufgabe</numerusform>
            <numerusform>Gespeicherte Notiz mit %n Aufgaben</numerusform>
        </translation>
    </message>
    <message>
        <source>, acknowledged by {who}</source>
        <translation>, bestätigt von {who}</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>no deputy named</source>
        <translation>keine Vertretung angegeben</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>abgeschlossen</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Absence</source>
        <translation>Abwesenheit</translation>
    </message>
    <message>
        <source>Plan an absence…</source>
        <translation>Abwesenheit planen…</translation>
    </message>
    <message>
        <source>Cancel absence…</source>
        <translation>Abwesenheit absagen…</translation>
    </message>
    <message>
        <source>Finish absence…</source>
        <translation>Abwesenheit abschließen…</translation>
    </message>
    <message>
        <source>You are back and took the pack back</source>
        <translation>Sie sind zurück und haben das Paket zurückgenommen</translation>
    </message>
    <message>
        <source>No absence planned</source>
        <translation>Keine Abwesenheit geplant</translation>
    </message>
    <message>
        <source>Before you go on leave, plan the absence here: which cases your deputy covers, a structured note for each, a printable briefing and an encrypted pack to hand over.</source>
        <translation>Planen Sie vor Ihrem Urlaub hier die Abwesenheit: welche Fälle Ihre Vertretung übernimmt, eine strukturierte Notiz zu jedem, ein druckbares Briefing und ein verschlüsseltes Paket zur Übergabe.</translation>
    </message>
    <message>
        <source>Merge a returned pack…</source>
        <translation>Zurückgegebenes Paket zusammenführen…</translation>
    </message>
    <message>
        <source>Notes complete</source>
        <translation>Vollständige Notizen</translation>
    </message>
    <message>
        <source>What is missing</source>
        <translation>Was noch fehlt</translation>
    </message>
    <message>
        <source>Handed-over cases</source>
        <translation>Übergebene Fälle</translation>
    </message>
    <message>
        <source>Add cases…</source>
        <translation>Fälle hinzufügen…</translation>
    </message>
    <message>
        <source>Drop selected</source>
        <translation>Ausgewählte entfernen</translation>
    </message>
    <message>
        <source>Take the selected cases out of the handover (Ctrl- or Shift-click to select several)</source>
        <translation>Die ausgewählten Fälle aus der Übergabe nehmen (mit Strg- oder Umschalt-Klick mehrere auswählen)</translation>
    </message>
    <message>
        <source>Handover note</source>
        <translation>Übergabenotiz</translation>
    </message>
    <message>
        <source>Export briefing PDF…</source>
        <translation>Briefing als PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message>
        <source>An encrypted file with its own passphrase for your deputy</source>
        <translation>Eine verschlüsselte Datei mit eigener Passphrase für Ihre Vertretung</translation>
    </message>
    <message>
        <source>Save a finished, verified copy of this handover pack to send to its owner</source>
        <translation>Eine fertige, geprüfte Kopie dieses Übergabepakets für die Rücksendung speichern</translation>
    </message>
    <message>
        <source>First day away</source>
        <translation>Erster Abwesenheitstag</translation>
    </message>
    <message>
        <source>Last day away</source>
        <translation>Letzter Abwesenheitstag</translation>
    </message>
    <message>
        <source>Deputy&apos;s name</source>
        <translation>Name der Vertretung</translation>
    </message>
    <message>
        <source>Who covers for you?</source>
        <translation>Wer vertritt Sie?</translation>
    </message>
    <message>
        <source>How to reach the deputy</source>
        <translation>So ist die Vertretung erreichbar</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telefon oder E-Mail</translation>
    </message>
    <message>
        <source>Deputy&apos;s role:</source>
        <translation>Rolle der Vertretung:</translation>
    </message>
    <message>
        <source>General note for the deputy</source>
        <translation>Allgemeiner Hinweis für die Vertretung</translation>
    </message>
    <message>
        <source>A general note for the deputy</source>
        <translation>Ein allgemeiner Hinweis für die Vertretung</translation>
    </message>
    <message>
        <source>Save absence</source>
        <translation>Abwesenheit speichern</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Bis:</translation>
    </message>
    <message>
        <source>Deputy:</source>
        <translation>Vertretung:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Kontakt:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>Absence — you are the deputy; this is the handover pack you were given</source>
        <translation>Abwesenheit — Sie sind die Vertretung; dies ist das Übergabepaket, das Sie erhalten haben</translation>
    </message>
    <message numerus="yes">
        <source>Handover pack with %n cases written to {path}. Tell your deputy its passphrase another way than the file.</source>
        <translation>
            <numerusform>Übergabepaket mit %n Fall geschrieben nach {path}. Teilen Sie Ihrer Vertretung die Passphrase auf einem anderen Weg als die Datei mit.</numerusform>
            <numerusform>Übergabepaket mit %n Fällen geschrieben nach {path}. Teilen Sie Ihrer Vertretung die Passphrase auf einem anderen Weg als die Datei mit.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The handover pack was merged: %n cases changed by the deputy.</source>
        <translation>
            <numerusform>Das Übergabepaket wurde zusammengeführt: %n Fall von der Vertretung geändert.</numerusform>
            <numerusform>Das Übergabepaket wurde zusammengeführt: %n Fälle von der Vertretung geändert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts.</source>
        <translation>
            <numerusform>%n Konflikt.</numerusform>
            <numerusform>%n Konflikte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fields took the deputy&apos;s value.</source>
        <translation>
            <numerusform>%n Feld übernahm den Wert der Vertretung.</numerusform>
            <numerusform>%n Felder übernahmen den Wert der Vertretung.</numerusform>
        </translation>
    </message>
    <message>
        <source>%v of %m notes complete</source>
        <translation>%v von %m Notizen vollständig</translation>
    </message>
    <message>
        <source>A note is complete when it is saved and has a contingency.</source>
        <translation>Eine Notiz ist vollständig, wenn sie gespeichert ist und eine Wenn-dann-Regel enthält.</translation>
    </message>
    <message>
        <source>No cases are handed over: add some with “Add cases…”.</source>
        <translation>Es sind keine Fälle übergeben: Fügen Sie welche mit „Fälle hinzufügen…“ hinzu.</translation>
    </message>
    <message>
        <source>Absence not planned</source>
        <translation>Abwesenheit nicht geplant</translation>
    </message>
    <message>
        <source>Absence planned with the cases that need cover: new or open, escalated, high or urgent, a follow-up due while you are away, or SLA at risk. Add or drop cases, then write a note for each.</source>
        <translation>Abwesenheit mit den Fällen geplant, die eine Vertretung brauchen: neu oder offen, eskaliert, hoch oder dringend, eine Wiedervorlage während Ihrer Abwesenheit oder SLA gefährdet. Fügen Sie Fälle hinzu oder entfernen Sie welche und schreiben Sie dann zu jedem eine Notiz.</translation>
    </message>
    <message>
        <source>Cases not dropped</source>
        <translation>Fälle nicht entfernt</translation>
    </message>
    <message>
        <source>Absence not finished</source>
        <translation>Abwesenheit nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Absence finished. Welcome back.</source>
        <translation>Abwesenheit abgeschlossen. Willkommen zurück.</translation>
    </message>
    <message>
        <source>Export the handover briefing (a PDF, not encrypted)</source>
        <translation>Übergabe-Briefing exportieren (ein PDF, nicht verschlüsselt)</translation>
    </message>
    <message>
        <source>Briefing written to {path}. The PDF is not encrypted: only you can open the file; hand it over in person or encrypted, and delete it after the absence.</source>
        <translation>Briefing nach {path} geschrieben. Das PDF ist nicht verschlüsselt: Nur Sie können die Datei öffnen; übergeben Sie es persönlich oder verschlüsselt und löschen Sie es nach der Abwesenheit.</translation>
    </message>
    <message>
        <source>Absence finished.</source>
        <translation>Abwesenheit abgeschlossen.</translation>
    </message>
    <message>
        <source>Pack not sent back</source>
        <translation>Paket nicht zurückgesendet</translation>
    </message>
    <message>
        <source>A verified copy of the handover pack is at {path}. Send that file to its owner; the passphrase stays the same.</source>
        <translation>Eine geprüfte Kopie des Übergabepakets liegt unter {path}. Senden Sie diese Datei an die Inhaberin oder den Inhaber; die Passphrase bleibt dieselbe.</translation>
    </message>
    <message>
        <source>Finish the absence?</source>
        <translation>Abwesenheit abschließen?</translation>
    </message>
    <message>
        <source>The deputy&apos;s work is back in your store. Finish the absence now? It stays in the list, marked finished.</source>
        <translation>Die Arbeit der Vertretung ist zurück in Ihrem Datenspeicher. Die Abwesenheit jetzt abschließen? Sie bleibt in der Liste, als abgeschlossen markiert.</translation>
    </message>
    <message>
        <source>Finish absence</source>
        <translation>Abwesenheit abschließen</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>Absence not saved</source>
        <translation>Abwesenheit nicht gespeichert</translation>
    </message>
    <message>
        <source>Export handover &amp;pack…</source>
        <translation>&amp;Paket exportieren…</translation>
    </message>
    <message>
        <source>&amp;Merge returned pack…</source>
        <translation>&amp;Rückgabe zusammenführen…</translation>
    </message>
    <message>
        <source>Send &amp;back…</source>
        <translation>Zurückse&amp;nden…</translation>
    </message>
    <message numerus="yes">
        <source>%n cases handed over</source>
        <translation>
            <numerusform>%n Fall übergeben</numerusform>
            <numerusform>%n Fälle übergeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n cases have a saved note with actions and contingencies, acknowledged.</source>
        <translation>
            <numerusform>Der %n Fall hat eine gespeicherte, bestätigte Notiz mit Aufgaben und Wenn-dann-Regeln.</numerusform>
            <numerusform>Alle %n Fälle haben eine gespeicherte, bestätigte Notiz mit Aufgaben und Wenn-dann-Regeln.</numerusform>
        </translation>
    </message>
    <message>
        <source>Absence saved.</source>
        <translation>Abwesenheit gespeichert.</translation>
    </message>
    <message>
        <source>Cancel the absence?</source>
        <translation>Abwesenheit absagen?</translation>
    </message>
    <message>
        <source>Cancel the absence {label}? Its notes are kept but no longer shown.</source>
        <translation>Die Abwesenheit {label} absagen? Ihre Notizen bleiben erhalten, werden aber nicht mehr angezeigt.</translation>
    </message>
    <message>
        <source>Absence not cancelled</source>
        <translation>Abwesenheit nicht abgesagt</translation>
    </message>
    <message>
        <source>Cases not added</source>
        <translation>Fälle nicht hinzugefügt</translation>
    </message>
    <message>
        <source>Note not saved</source>
        <translation>Notiz nicht gespeichert</translation>
    </message>
    <message>
        <source>Note saved.</source>
        <translation>Notiz gespeichert.</translation>
    </message>
    <message>
        <source>Not acknowledged</source>
        <translation>Nicht bestätigt</translation>
    </message>
    <message>
        <source>Enter the receiver&apos;s name to acknowledge the note.</source>
        <translation>Geben Sie den Namen des Empfängers ein, um die Notiz zu bestätigen.</translation>
    </message>
    <message>
        <source>Note acknowledged by {who}.</source>
        <translation>Notiz bestätigt von {who}.</translation>
    </message>
    <message>
        <source>Briefing not written</source>
        <translation>Briefing nicht geschrieben</translation>
    </message>
    <message>
        <source>Briefing not printed</source>
        <translation>Briefing nicht gedruckt</translation>
    </message>
    <message>
        <source>Briefing sent to the printer.</source>
        <translation>Briefing an den Drucker gesendet.</translation>
    </message>
    <message>
        <source>no reviewed note</source>
        <translation>keine geprüfte Notiz</translation>
    </message>
    <message>
        <source>no contingency</source>
        <translation>kein Notfallplan</translation>
    </message>
    <message>
        <source>no action</source>
        <translation>keine Aufgabe</translation>
    </message>
    <message>
        <source>Review the notes listed, then export the pack.</source>
        <translation>Prüfen Sie die aufgeführten Notizen und exportieren Sie dann das Paket.</translation>
    </message>
    <message>
        <source>Export the handover pack</source>
        <translation>Übergabepaket exportieren</translation>
    </message>
    <message>
        <source>Writing the handover pack…</source>
        <translation>Übergabepaket wird geschrieben…</translation>
    </message>
    <message>
        <source>Handover pack not written</source>
        <translation>Übergabepaket nicht geschrieben</translation>
    </message>
    <message>
        <source>Merge a returned handover pack</source>
        <translation>Zurückgegebenes Übergabepaket zusammenführen</translation>
    </message>
    <message>
        <source>Checking the handover pack…</source>
        <translation>Übergabepaket wird geprüft…</translation>
    </message>
    <message>
        <source>Pack not merged</source>
        <translation>Paket nicht zusammengeführt</translation>
    </message>
    <message>
        <source>Nothing to merge: this pack brings no change (already merged?).</source>
        <translation>Nichts zusammenzuführen: Dieses Paket bringt keine Änderung (schon zusammengeführt?).</translation>
    </message>
    <message>
        <source>Merge cancelled; nothing was changed.</source>
        <translation>Zusammenführen abgebrochen; nichts wurde geändert.</translation>
    </message>
</context>
<context>
    <name>ImportContacts</name>
    <message>
        <source>Import contacts</source>
        <translation>Kontakte importieren</translation>
    </message>
    <message>
        <source>Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv);;All files (*)</source>
        <translation>Kontakte (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;CSV (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>{file} wird importiert…</translation>
    </message>
    <message>
        <source>{added} added, {merged} merged, {skipped} skipped, {invalid} could not be imported.</source>
        <translation>{added} hinzugefügt, {merged} zusammengeführt, {skipped} übersprungen, {invalid} konnten nicht importiert werden.</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Merge into existing</source>
        <translation>Mit vorhandenem zusammenführen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Add as new</source>
        <translation>Neu anlegen</translation>
    </message>
    <message>
        <source>same id</source>
        <translation>gleiche ID</translation>
    </message>
    <message>
        <source>same e-mail</source>
        <translation>gleiche E-Mail</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>gleiches Telefon</translation>
    </message>
    <message>
        <source>close name</source>
        <translation>ähnlicher Name</translation>
    </message>
    <message>
        <source>Western European (Windows-1252)</source>
        <translation>Westeuropäisch (Windows-1252)</translation>
    </message>
    <message>
        <source>Central European (Windows-1250)</source>
        <translation>Mitteleuropäisch (Windows-1250)</translation>
    </message>
    <message>
        <source>Cyrillic (Windows-1251)</source>
        <translation>Kyrillisch (Windows-1251)</translation>
    </message>
    <message>
        <source>Greek (Windows-1253)</source>
        <translation>Griechisch (Windows-1253)</translation>
    </message>
    <message>
        <source>Turkish (Windows-1254)</source>
        <translation>Türkisch (Windows-1254)</translation>
    </message>
    <message>
        <source>Hebrew (Windows-1255)</source>
        <translation>Hebräisch (Windows-1255)</translation>
    </message>
    <message>
        <source>Arabic (Windows-1256)</source>
        <translation>Arabisch (Windows-1256)</translation>
    </message>
    <message>
        <source>Baltic (Windows-1257)</source>
        <translation>Baltisch (Windows-1257)</translation>
    </message>
    <message>
        <source>Cyrillic (KOI8-R)</source>
        <translation>Kyrillisch (KOI8-R)</translation>
    </message>
    <message>
        <source>Western European (ISO 8859-15)</source>
        <translation>Westeuropäisch (ISO 8859-15)</translation>
    </message>
    <message>
        <source>Western (Mac OS Roman)</source>
        <translation>Westlich (Mac OS Roman)</translation>
    </message>
    <message>
        <source>Japanese (Shift JIS)</source>
        <translation>Japanisch (Shift JIS)</translation>
    </message>
    <message>
        <source>Chinese, simplified (GB 18030)</source>
        <translation>Chinesisch, vereinfacht (GB 18030)</translation>
    </message>
    <message>
        <source>Chinese, traditional (Big5)</source>
        <translation>Chinesisch, traditionell (Big5)</translation>
    </message>
    <message>
        <source>Korean (EUC-KR)</source>
        <translation>Koreanisch (EUC-KR)</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>{file} importieren</translation>
    </message>
    <message>
        <source>&lt;b&gt;{total}&lt;/b&gt; contacts in the file: &lt;b&gt;{new}&lt;/b&gt; new, &lt;b&gt;{dup}&lt;/b&gt; look like someone already in spocdesk, &lt;b&gt;{bad}&lt;/b&gt; cannot be imported.</source>
        <translation>&lt;b&gt;{total}&lt;/b&gt; Kontakte in der Datei: &lt;b&gt;{new}&lt;/b&gt; neu, &lt;b&gt;{dup}&lt;/b&gt; ähneln jemandem, der schon in spocdesk ist, &lt;b&gt;{bad}&lt;/b&gt; können nicht importiert werden.</translation>
    </message>
    <message>
        <source>Import counts</source>
        <translation>Import-Übersicht</translation>
    </message>
    <message>
        <source>Contacts that look like existing stakeholders</source>
        <translation>Kontakte, die vorhandenen Ansprechpartnern ähneln</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>In der Datei</translation>
    </message>
    <message>
        <source>Looks like</source>
        <translation>Ähnelt</translation>
    </message>
    <message>
        <source>Because</source>
        <translation>Weil</translation>
    </message>
    <message>
        <source>Do</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>What to do with {name}</source>
        <translation>Was mit {name} geschehen soll</translation>
    </message>
    <message>
        <source>Set every duplicate to</source>
        <translation>Alle Dubletten setzen auf</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Set all to</source>
        <translation>Alle setzen auf</translation>
    </message>
    <message>
        <source>Contacts that look like existing stakeholders:</source>
        <translation>Kontakte, die vorhandenen Ansprechpartnern ähneln:</translation>
    </message>
    <message>
        <source>Cannot be imported:</source>
        <translation>Kann nicht importiert werden:</translation>
    </message>
    <message>
        <source>Entries that cannot be imported</source>
        <translation>Einträge, die nicht importiert werden können</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Read as: {profile}</source>
        <translation>Gelesen als: {profile}</translation>
    </message>
    <message>
        <source>vCard</source>
        <translation>vCard</translation>
    </message>
    <message>
        <source>What the file was read as</source>
        <translation>Als was die Datei gelesen wurde</translation>
    </message>
    <message>
        <source>Text encoding (guessed):</source>
        <translation>Textkodierung (erkannt):</translation>
    </message>
    <message>
        <source>Text encoding:</source>
        <translation>Textkodierung:</translation>
    </message>
    <message>
        <source>Text encoding of the file</source>
        <translation>Textkodierung der Datei</translation>
    </message>
    <message>
        <source>Read again</source>
        <translation>Neu einlesen</translation>
    </message>
    <message>
        <source>Read the file again in the chosen encoding</source>
        <translation>Die Datei in der gewählten Kodierung neu einlesen</translation>
    </message>
    <message>
        <source>Columns that match no field: {columns}</source>
        <translation>Spalten ohne passendes Feld: {columns}</translation>
    </message>
    <message>
        <source>Keep their values in each person&apos;s notes</source>
        <translation>Ihre Werte in den Notizen der jeweiligen Person behalten</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>(no sender)</source>
        <translation>(kein Absender)</translation>
    </message>
    <message>
        <source>{sender} ({n})</source>
        <translation>{sender} ({n})</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n Anhang</numerusform>
            <numerusform>%n Anhänge</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>New case</source>
        <translation>Neuer Fall</translation>
    </message>
    <message>
        <source>From template…</source>
        <translation>Aus Vorlage…</translation>
    </message>
    <message>
        <source>Add to case…</source>
        <translation>Zu Fall hinzufügen…</translation>
    </message>
    <message>
        <source>New stakeholder from sender</source>
        <translation>Absender als Ansprechpartner</translation>
    </message>
    <message>
        <source>Not a request</source>
        <translation>Kein Anliegen</translation>
    </message>
    <message>
        <source>Always ignore sender</source>
        <translation>Absender immer ignorieren</translation>
    </message>
    <message>
        <source>Always ignore domain</source>
        <translation>Domain immer ignorieren</translation>
    </message>
    <message>
        <source>New case from template</source>
        <translation>Neuer Fall aus Vorlage</translation>
    </message>
    <message>
        <source>&amp;Template:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>Nothing waits in the inbox</source>
        <translation>Im Posteingang wartet nichts</translation>
    </message>
    <message>
        <source>E-mail no rule could file comes here. Drop .eml, .msg or mbox files onto the window, or use File → Import mail… (Ctrl+Shift+I).</source>
        <translation>Hierher kommen E-Mails, die keine Regel ablegen konnte. Ziehen Sie .eml-, .msg- oder mbox-Dateien auf das Fenster oder wählen Sie Datei → E-Mail importieren… (Strg+Umschalt+I).</translation>
    </message>
    <message>
        <source>Unfiled e-mail</source>
        <translation>Nicht abgelegte E-Mails</translation>
    </message>
    <message>
        <source>Mail sync</source>
        <translation>Mailabruf</translation>
    </message>
    <message>
        <source>Sync now ({keys})</source>
        <translation>Jetzt abrufen ({keys})</translation>
    </message>
    <message>
        <source>Sync mail now</source>
        <translation>Mail jetzt abrufen</translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail(s) to file</source>
        <translation>
            <numerusform>%n E-Mail abzulegen</numerusform>
            <numerusform>%n E-Mails abzulegen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>from %n sender(s)</source>
        <translation>
            <numerusform>von %n Absender</numerusform>
            <numerusform>von %n Absendern</numerusform>
        </translation>
    </message>
    <message>
        <source>No case opened</source>
        <translation>Kein Fall angelegt</translation>
    </message>
    <message>
        <source>{ref} opened; the e-mail is logged there and its sender is the requester.</source>
        <translation>{ref} angelegt; die E-Mail ist dort protokolliert und ihr Absender ist der Anfragende.</translation>
    </message>
    <message>
        <source>There is no case template yet (File → Templates…).</source>
        <translation>Es gibt noch keine Fallvorlage (Datei → Vorlagen…).</translation>
    </message>
    <message>
        <source>Not filed</source>
        <translation>Nicht abgelegt</translation>
    </message>
    <message>
        <source>Filed on {ref}.</source>
        <translation>In {ref} abgelegt.</translation>
    </message>
    <message>
        <source>No stakeholder added</source>
        <translation>Kein Ansprechpartner hinzugefügt</translation>
    </message>
    <message>
        <source>The sender is now a stakeholder; the e-mail stays here to be filed.</source>
        <translation>Der Absender ist jetzt ein Ansprechpartner; die E-Mail bleibt hier, bis sie abgelegt ist.</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Nicht geändert</translation>
    </message>
    <message>
        <source>Not a request: taken out of the inbox.</source>
        <translation>Kein Anliegen: aus dem Posteingang genommen.</translation>
    </message>
    <message>
        <source>Not ignored</source>
        <translation>Nicht ignoriert</translation>
    </message>
    <message numerus="yes">
        <source>This sender is ignored from now on; %n e-mail(s) left the inbox.</source>
        <translation>
            <numerusform>Dieser Absender wird ab jetzt ignoriert; %n E-Mail hat den Posteingang verlassen.</numerusform>
            <numerusform>Dieser Absender wird ab jetzt ignoriert; %n E-Mails haben den Posteingang verlassen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The sender&apos;s domain is ignored from now on; %n e-mail(s) left the inbox.</source>
        <translation>
            <numerusform>Die Domain des Absenders wird ab jetzt ignoriert; %n E-Mail hat den Posteingang verlassen.</numerusform>
            <numerusform>Die Domain des Absenders wird ab jetzt ignoriert; %n E-Mails haben den Posteingang verlassen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LiveFeed</name>
    <message>
        <source>The team server cannot be reached ({why}); spocdesk keeps trying, and what you type stays in the form until it is saved.</source>
        <translation>Der Team-Server ist nicht erreichbar ({why}); spocdesk versucht es weiter, und was Sie eingeben, bleibt im Formular, bis es gespeichert ist.</translation>
    </message>
    <message>
        <source>The team server answers again.</source>
        <translation>Der Team-Server antwortet wieder.</translation>
    </message>
</context>
<context>
    <name>MailImport</name>
    <message numerus="yes">
        <source>{name}: %n e-mail(s) read</source>
        <translation>
            <numerusform>{name}: %n E-Mail gelesen</numerusform>
            <numerusform>{name}: %n E-Mails gelesen</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail(s) imported</source>
        <translation>
            <numerusform>%n E-Mail importiert</numerusform>
            <numerusform>%n E-Mails importiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filed (on {ref} or by the rules)</source>
        <translation>
            <numerusform>%n abgelegt (in {ref} oder nach den Regeln)</numerusform>
            <numerusform>%n abgelegt (in {ref} oder nach den Regeln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filed on their cases</source>
        <translation>
            <numerusform>%n in ihrem Fall abgelegt</numerusform>
            <numerusform>%n in ihren Fällen abgelegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the inbox</source>
        <translation>
            <numerusform>%n im Posteingang</numerusform>
            <numerusform>%n im Posteingang</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ignored</source>
        <translation>
            <numerusform>%n ignoriert</numerusform>
            <numerusform>%n ignoriert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n imported before, skipped</source>
        <translation>
            <numerusform>%n schon früher importiert, übersprungen</numerusform>
            <numerusform>%n schon früher importiert, übersprungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Mail not imported</source>
        <translation>E-Mail nicht importiert</translation>
    </message>
    <message numerus="yes">
        <source>Reading %n mail file(s)…</source>
        <translation>
            <numerusform>%n Maildatei wird gelesen…</numerusform>
            <numerusform>%n Maildateien werden gelesen…</numerusform>
        </translation>
    </message>
    <message>
        <source>Import mail</source>
        <translation>E-Mail importieren</translation>
    </message>
    <message>
        <source>E-mail (*.eml *.msg *.mbox *.mbx mbox);;All files (*)</source>
        <translation>E-Mail (*.eml *.msg *.mbox *.mbx mbox);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>MailLinks</name>
    <message>
        <source>On {date}, {who} wrote:</source>
        <translation>Am {date} schrieb {who}:</translation>
    </message>
    <message>
        <source>{who} wrote:</source>
        <translation>{who} schrieb:</translation>
    </message>
</context>
<context>
    <name>MailPart</name>
    <message>
        <source>Remove the mail account</source>
        <translation>Mailkonto entfernen</translation>
    </message>
    <message>
        <source>Stop reading {account} and forget its password? The mail already captured stays.</source>
        <translation>{account} nicht mehr lesen und sein Passwort vergessen? Bereits erfasste Mail bleibt erhalten.</translation>
    </message>
    <message>
        <source>Mail accounts</source>
        <translation>Mailkonten</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Add a mail account</source>
        <translation>Mailkonto hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the mail account</source>
        <translation>Mailkonto bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>spocdesk only reads: nothing is moved, flagged or deleted on the server. Passwords go to the system keyring.</source>
        <translation>spocdesk liest nur: auf dem Server wird nichts verschoben, markiert oder gelöscht. Passwörter kommen in den Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <source>Check for new mail every</source>
        <translation>Neue Mail abrufen alle</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Only on unlock and F5</source>
        <translation>Nur beim Entsperren und mit F5</translation>
    </message>
    <message>
        <source>Your own addresses</source>
        <translation>Ihre eigenen Adressen</translation>
    </message>
    <message>
        <source>e.g. me@example.org, desk@example.org</source>
        <translation>z. B. ich@example.org, desk@example.org</translation>
    </message>
    <message>
        <source>Mail from these addresses is outgoing; your first reply sets a case&apos;s first response.</source>
        <translation>Mail von diesen Adressen ist ausgehend; Ihre erste Antwort setzt die erste Antwort eines Falls.</translation>
    </message>
    <message>
        <source>Keep of each e-mail up to</source>
        <translation>Von jeder E-Mail behalten bis zu</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Text and attachments; above it only the header and a note are kept.</source>
        <translation>Text und Anhänge; darüber werden nur der Kopf und ein Hinweis behalten.</translation>
    </message>
    <message>
        <source>&amp;Check for new mail every:</source>
        <translation>Neue Mail &amp;abrufen alle:</translation>
    </message>
    <message>
        <source>&amp;Your own addresses:</source>
        <translation>&amp;Ihre eigenen Adressen:</translation>
    </message>
    <message>
        <source>&amp;Keep of each e-mail up to:</source>
        <translation>Von jeder E-Mail be&amp;halten bis zu:</translation>
    </message>
    <message>
        <source>last read {when}</source>
        <translation>zuletzt gelesen {when}</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>noch nicht gelesen</translation>
    </message>
    <message>
        <source>Not removed</source>
        <translation>Nicht entfernt</translation>
    </message>
</context>
<context>
    <name>MailSync</name>
    <message>
        <source>Mail password</source>
        <translation>Mailpasswort</translation>
    </message>
    <message>
        <source>The password of {account} (kept until spocdesk locks):</source>
        <translation>Das Passwort von {account} (bleibt bis zum Sperren von spocdesk im Speicher):</translation>
    </message>
    <message>
        <source>The mail sync stopped on an error; the log file says more.</source>
        <translation>Der Mailabruf wurde durch einen Fehler beendet; die Protokolldatei sagt mehr.</translation>
    </message>
    <message>
        <source>Syncing mail…</source>
        <translation>Mail wird abgerufen…</translation>
    </message>
    <message>
        <source>Connecting again…</source>
        <translation>Die Verbindung wird neu aufgebaut…</translation>
    </message>
    <message>
        <source>The connection to the mail server was lost; connecting again…</source>
        <translation>Die Verbindung zum Mailserver ist abgerissen; sie wird neu aufgebaut…</translation>
    </message>
    <message numerus="yes">
        <source>Retrying in %n minute(s).</source>
        <translation>
            <numerusform>Neuer Versuch in %n Minute.</numerusform>
            <numerusform>Neuer Versuch in %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last synced {time}</source>
        <translation>Zuletzt abgerufen {time}</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n neu</numerusform>
            <numerusform>%n neu</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>spocdesk — demo</source>
        <translation>spocdesk — Demo</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>{title} (Ctrl+{n})</source>
        <translation>{title} (Strg+{n})</translation>
    </message>
    <message>
        <source>{title} ({n})</source>
        <translation>{title} ({n})</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Sperren</translation>
    </message>
    <message>
        <source>&amp;Backup now…</source>
        <translation>&amp;Jetzt sichern…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Restore a backup…</source>
        <translation>Sicherung &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>&amp;Passphrase ändern…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Templates…</source>
        <translation>&amp;Vorlagen…</translation>
    </message>
    <message>
        <source>&amp;Import contacts…</source>
        <translation>&amp;Kontakte importieren…</translation>
    </message>
    <message>
        <source>Import &amp;mail…</source>
        <translation>E-&amp;Mail importieren…</translation>
    </message>
    <message>
        <source>E-mail files (.eml, Outlook .msg, mbox): filed on their cases where that is certain, the rest to the Inbox. You can also drop them onto the window.</source>
        <translation>E-Mail-Dateien (.eml, Outlook-.msg, mbox): wo es sicher ist, im passenden Fall abgelegt, der Rest kommt in den Posteingang. Sie können sie auch auf das Fenster ziehen.</translation>
    </message>
    <message>
        <source>S&amp;ync mail now</source>
        <translation>Mail jetzt abr&amp;ufen</translation>
    </message>
    <message>
        <source>Read the new mail of your mail accounts now (Settings → Mail); spocdesk also does so on unlock and every few minutes.</source>
        <translation>Die neue Mail Ihrer Mailkonten jetzt lesen (Einstellungen → Mail); spocdesk tut das auch beim Entsperren und alle paar Minuten.</translation>
    </message>
    <message>
        <source>E&amp;xport report…</source>
        <translation>Bericht e&amp;xportieren …</translation>
    </message>
    <message>
        <source>A PDF of the period&apos;s figures to hand over</source>
        <translation>Ein PDF mit den Kennzahlen des Zeitraums zum Weitergeben</translation>
    </message>
    <message>
        <source>Open &amp;handover pack…</source>
        <translation>&amp;Übergabepaket öffnen…</translation>
    </message>
    <message>
        <source>C&amp;onnect to a team server…</source>
        <translation>Mit einem &amp;Team-Server verbinden…</translation>
    </message>
    <message>
        <source>Work on your team&apos;s shared PostgreSQL server instead of this computer&apos;s store</source>
        <translation>Auf dem gemeinsamen PostgreSQL-Server Ihres Teams statt im Datenspeicher dieses Computers arbeiten</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Search everything…</source>
        <translation>&amp;Alles durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About spocdesk</source>
        <translation>Ü&amp;ber spocdesk</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Demo store (thrown away on exit)</source>
        <translation>Demo-Datenspeicher (wird beim Beenden verworfen)</translation>
    </message>
    <message>
        <source>Save an encrypted backup</source>
        <translation>Verschlüsselte Sicherung speichern</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>Sicherung fehlgeschlagen</translation>
    </message>
    <message>
        <source>The backup was not written: {error}</source>
        <translation>Die Sicherung wurde nicht geschrieben: {error}</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Sicherung geschrieben nach {path}</translation>
    </message>
    <message>
        <source>Report not written</source>
        <translation>Bericht nicht geschrieben</translation>
    </message>
    <message>
        <source>Report written to {path}</source>
        <translation>Bericht geschrieben nach {path}</translation>
    </message>
    <message>
        <source>There is no mail account yet: add one in Settings → Mail.</source>
        <translation>Es gibt noch kein Mailkonto: Fügen Sie eines unter Einstellungen → Mail hinzu.</translation>
    </message>
    <message>
        <source>About spocdesk</source>
        <translation>Über spocdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;spocdesk {version}&lt;/h3&gt;&lt;p&gt;An encrypted workbench for a single point of contact.&lt;/p&gt;&lt;p&gt;Store: &lt;code&gt;{store}&lt;/code&gt;&lt;br&gt;Data folder: &lt;code&gt;{data}&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h3&gt;spocdesk {version}&lt;/h3&gt;&lt;p&gt;Eine verschlüsselte Arbeitsumgebung für die zentrale Ansprechperson.&lt;/p&gt;&lt;p&gt;Datenspeicher: &lt;code&gt;{store}&lt;/code&gt;&lt;br&gt;Datenordner: &lt;code&gt;{data}&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The last 4 weeks</source>
        <translation>Die letzten 4 Wochen</translation>
    </message>
    <message>
        <source>The last quarter (13 weeks)</source>
        <translation>Das letzte Quartal (13 Wochen)</translation>
    </message>
    <message>
        <source>The last year (52 weeks)</source>
        <translation>Das letzte Jahr (52 Wochen)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>The figures of:</source>
        <translation>Die Kennzahlen für:</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge the returned handover pack</source>
        <translation>Zurückgegebenes Übergabepaket zusammenführen</translation>
    </message>
    <message>
        <source>While you were away</source>
        <translation>Während Sie weg waren</translation>
    </message>
    <message>
        <source>The deputy changed nothing in the handed-over cases.</source>
        <translation>Die Vertretung hat an den übergebenen Fällen nichts geändert.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Ihr Wert</translation>
    </message>
    <message>
        <source>Deputy&apos;s</source>
        <translation>Wert der Vertretung</translation>
    </message>
    <message>
        <source>Your value of {field}</source>
        <translation>Ihr Wert für {field}</translation>
    </message>
    <message>
        <source>The deputy&apos;s value of {field}</source>
        <translation>Wert der Vertretung für {field}</translation>
    </message>
    <message numerus="yes">
        <source>%n records were changed both by you and by the deputy. Choose, field by field, which value to keep; unchanged choices keep yours.</source>
        <translation>
            <numerusform>%n Datensatz wurde sowohl von Ihnen als auch von der Vertretung geändert. Wählen Sie Feld für Feld, welcher Wert bleibt; unveränderte Auswahlen behalten Ihren Wert.</numerusform>
            <numerusform>%n Datensätze wurden sowohl von Ihnen als auch von der Vertretung geändert. Wählen Sie Feld für Feld, welcher Wert bleibt; unveränderte Auswahlen behalten Ihren Wert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Take all of the deputy&apos;s values</source>
        <translation>Alle Werte der Vertretung übernehmen</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>From, to, copy, date and subject</source>
        <translation>Von, an, Kopie, Datum und Betreff</translation>
    </message>
    <message>
        <source>Text of the e-mail</source>
        <translation>Text der E-Mail</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>&amp;Open attachment</source>
        <translation>Anhang ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Writes it to a private temporary folder and opens it with its program; the folder is deleted when spocdesk locks or quits</source>
        <translation>Schreibt ihn in einen privaten temporären Ordner und öffnet ihn mit seinem Programm; der Ordner wird gelöscht, wenn spocdesk sperrt oder beendet wird</translation>
    </message>
    <message>
        <source>&amp;Reply by e-mail</source>
        <translation>Per E-Mail &amp;antworten</translation>
    </message>
    <message>
        <source>Opens your mail program with the reply: the recipient, Re: and the case&apos;s reference in the subject, the text quoted</source>
        <translation>Öffnet Ihr E-Mail-Programm mit der Antwort: Empfänger, Re: und die Fallnummer im Betreff, der Text zitiert</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>{name} — {size}</source>
        <translation>{name} — {size}</translation>
    </message>
    <message>
        <source>(not kept: above the size limit)</source>
        <translation>(nicht aufbewahrt: über der Größengrenze)</translation>
    </message>
    <message>
        <source>This attachment was above the size limit and was not kept.</source>
        <translation>Dieser Anhang lag über der Größengrenze und wurde nicht aufbewahrt.</translation>
    </message>
    <message>
        <source>Attachment not opened</source>
        <translation>Anhang nicht geöffnet</translation>
    </message>
    <message>
        <source>{name} was written to a private temporary folder ({folder}) to open it; the folder is deleted when spocdesk locks or quits.</source>
        <translation>{name} wurde zum Öffnen in einen privaten temporären Ordner ({folder}) geschrieben; der Ordner wird gelöscht, wenn spocdesk sperrt oder beendet wird.</translation>
    </message>
</context>
<context>
    <name>NetPromoterLine</name>
    <message>
        <source>Net Promoter answer</source>
        <translation>Net-Promoter-Antwort</translation>
    </message>
    <message>
        <source>Record a Net Promoter answer…</source>
        <translation>NPS-Antwort erfassen…</translation>
    </message>
    <message>
        <source>Record a Net Promoter answer</source>
        <translation>Net-Promoter-Antwort erfassen</translation>
    </message>
    <message>
        <source>Net Promoter: no answer yet.</source>
        <translation>Net Promoter: noch keine Antwort.</translation>
    </message>
    <message>
        <source>Net Promoter: {score} in {quarter}.</source>
        <translation>Net Promoter: {score} in {quarter}.</translation>
    </message>
    <message>
        <source>One answer a quarter; due now</source>
        <translation>Eine Antwort pro Quartal; jetzt fällig</translation>
    </message>
    <message>
        <source>One answer a quarter; the next from {day}</source>
        <translation>Eine Antwort pro Quartal; die nächste ab {day}</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>Neuer Fall</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>(no template)</source>
        <translation>(keine Vorlage)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>What is this case about?</source>
        <translation>Worum geht es in diesem Fall?</translation>
    </message>
    <message>
        <source>New &amp;stakeholder…</source>
        <translation>&amp;Neuer Ansprechpartner…</translation>
    </message>
    <message>
        <source>Add a person or organisation that is not in the directory yet</source>
        <translation>Eine Person oder Organisation anlegen, die noch nicht im Verzeichnis steht</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>T&amp;emplate:</source>
        <translation>&amp;Vorlage:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>&amp;Main stakeholder:</source>
        <translation>&amp;Hauptansprechpartner:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Create case</source>
        <translation>Fall anlegen</translation>
    </message>
</context>
<context>
    <name>NewFollowUpDialog</name>
    <message>
        <source>Does not repeat</source>
        <translation>Keine Wiederholung</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Täglich</translation>
    </message>
    <message>
        <source>Every weekday (Mon–Fri)</source>
        <translation>Jeden Werktag (Mo–Fr)</translation>
    </message>
    <message>
        <source>Weekly on chosen days</source>
        <translation>Wöchentlich an ausgewählten Tagen</translation>
    </message>
    <message>
        <source>Monthly on a day</source>
        <translation>Monatlich an einem Tag</translation>
    </message>
    <message>
        <source>Monthly on a weekday (e.g. second Tuesday)</source>
        <translation>Monatlich an einem Wochentag (z. B. zweiter Dienstag)</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Jährlich</translation>
    </message>
    <message>
        <source>Custom rule (RRULE)</source>
        <translation>Eigene Regel (RRULE)</translation>
    </message>
    <message>
        <source>first</source>
        <translation>ersten</translation>
    </message>
    <message>
        <source>second</source>
        <translation>zweiten</translation>
    </message>
    <message>
        <source>third</source>
        <translation>dritten</translation>
    </message>
    <message>
        <source>fourth</source>
        <translation>vierten</translation>
    </message>
    <message>
        <source>last</source>
        <translation>letzten</translation>
    </message>
    <message>
        <source>New follow-up</source>
        <translation>Neue Wiedervorlage</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>What must happen, e.g. Call Greta back</source>
        <translation>Was passieren muss, z. B. Greta zurückrufen</translation>
    </message>
    <message>
        <source>When, typed</source>
        <translation>Zeitpunkt, getippt</translation>
    </message>
    <message>
        <source>&amp;Due</source>
        <translation>&amp;Fällig</translation>
    </message>
    <message>
        <source>Has a due date</source>
        <translation>Hat ein Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>at &amp;time</source>
        <translation>um &amp;Uhrzeit</translation>
    </message>
    <message>
        <source>Due at a time of day</source>
        <translation>Zu einer Uhrzeit fällig</translation>
    </message>
    <message>
        <source>Due time</source>
        <translation>Fälligkeitszeit</translation>
    </message>
    <message>
        <source>Case reference</source>
        <translation>Fallnummer</translation>
    </message>
    <message>
        <source>e.g. C-0042 (optional)</source>
        <translation>z. B. C-0042 (optional)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Repeat every N</source>
        <translation>Alle N wiederholen</translation>
    </message>
    <message>
        <source>every </source>
        <translation>alle </translation>
    </message>
    <message>
        <source>Day of the month</source>
        <translation>Tag des Monats</translation>
    </message>
    <message>
        <source>day </source>
        <translation>Tag </translation>
    </message>
    <message>
        <source>Which weekday of the month</source>
        <translation>Welcher Wochentag im Monat</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>Wochentag</translation>
    </message>
    <message>
        <source>Repeat ends</source>
        <translation>Wiederholung endet</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>after a number of times</source>
        <translation>nach einer Anzahl von Malen</translation>
    </message>
    <message>
        <source>on a date</source>
        <translation>an einem Datum</translation>
    </message>
    <message>
        <source>Number of times</source>
        <translation>Anzahl der Wiederholungen</translation>
    </message>
    <message>
        <source> times</source>
        <translation> Mal</translation>
    </message>
    <message>
        <source>Repeat until</source>
        <translation>Wiederholen bis</translation>
    </message>
    <message>
        <source>Custom repeat rule</source>
        <translation>Eigene Wiederholungsregel</translation>
    </message>
    <message>
        <source>Repeat summary</source>
        <translation>Zusammenfassung der Wiederholung</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;Zeitpunkt:</translation>
    </message>
    <message>
        <source>&amp;Case:</source>
        <translation>Fa&amp;ll:</translation>
    </message>
    <message>
        <source>&amp;Stakeholder:</source>
        <translation>&amp;Ansprechpartner:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholung:</translation>
    </message>
    <message>
        <source>Ends:</source>
        <translation>Endet:</translation>
    </message>
    <message>
        <source>Add follow-up</source>
        <translation>Wiedervorlage anlegen</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> Tag(e)</translation>
    </message>
    <message>
        <source> week(s)</source>
        <translation> Woche(n)</translation>
    </message>
    <message>
        <source> month(s)</source>
        <translation> Monat(e)</translation>
    </message>
    <message>
        <source> year(s)</source>
        <translation> Jahr(e)</translation>
    </message>
    <message>
        <source>Repeats {what}.</source>
        <translation>Wiederholt sich {what}.</translation>
    </message>
    <message>
        <source>Choose at least one day of the week.</source>
        <translation>Wählen Sie mindestens einen Wochentag.</translation>
    </message>
    <message>
        <source>A repeating follow-up needs a due date for its first time.</source>
        <translation>Eine wiederkehrende Wiedervorlage braucht ein Fälligkeitsdatum für das erste Mal.</translation>
    </message>
</context>
<context>
    <name>NewStakeholderDialog</name>
    <message>
        <source>New stakeholder</source>
        <translation>Neuer Ansprechpartner</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role / title</source>
        <translation>Rolle / Funktion</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Anlegen</translation>
    </message>
    <message>
        <source>Stakeholder not added</source>
        <translation>Ansprechpartner nicht angelegt</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>Action</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Status, history in two lines, key stakeholders</source>
        <translation>Status, Vorgeschichte in zwei Zeilen, wichtigste Beteiligte</translation>
    </message>
    <message>
        <source>Action list</source>
        <translation>Aufgabenliste</translation>
    </message>
    <message>
        <source>A date like 2026-03-16, or a date and time like 2026-03-16T09:00</source>
        <translation>Ein Datum wie 2026-03-16 oder Datum und Uhrzeit wie 2026-03-16T09:00</translation>
    </message>
    <message>
        <source>Add action</source>
        <translation>Aufgabe hinzufügen</translation>
    </message>
    <message>
        <source>Remove action</source>
        <translation>Aufgabe entfernen</translation>
    </message>
    <message>
        <source>Situation awareness</source>
        <translation>Lagebild</translation>
    </message>
    <message>
        <source>What is going on, what to watch for</source>
        <translation>Was los ist, worauf zu achten ist</translation>
    </message>
    <message>
        <source>Contingencies</source>
        <translation>Wenn-dann-Regeln</translation>
    </message>
    <message>
        <source>If the client calls about the invoice, then …</source>
        <translation>Wenn der Kunde wegen der Rechnung anruft, dann …</translation>
    </message>
    <message>
        <source>I — &amp;Severity:</source>
        <translation>I — &amp;Schweregrad:</translation>
    </message>
    <message>
        <source>P — S&amp;ummary:</source>
        <translation>P — &amp;Zusammenfassung:</translation>
    </message>
    <message>
        <source>A — Actions:</source>
        <translation>A — Aufgaben:</translation>
    </message>
    <message>
        <source>S — Situa&amp;tion:</source>
        <translation>S — Si&amp;tuation:</translation>
    </message>
    <message>
        <source>&amp;If / then:</source>
        <translation>&amp;Wenn / dann:</translation>
    </message>
    <message>
        <source>Refill from the case</source>
        <translation>Aus dem Fall neu befüllen</translation>
    </message>
    <message>
        <source>Replace the fields with a fresh draft from the case</source>
        <translation>Die Felder durch einen frischen Entwurf aus dem Fall ersetzen</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>Notiz speichern</translation>
    </message>
    <message>
        <source>Save the handover note (Ctrl+S)</source>
        <translation>Übergabenotiz speichern (Strg+S)</translation>
    </message>
    <message>
        <source>S — Synthesis by the receiver</source>
        <translation>S — Zusammenfassung durch den Empfänger</translation>
    </message>
    <message>
        <source>Receiver&apos;s name</source>
        <translation>Name des Empfängers</translation>
    </message>
    <message>
        <source>The deputy&apos;s name</source>
        <translation>Name der Vertretung</translation>
    </message>
    <message>
        <source>Synthesis</source>
        <translation>Synthese</translation>
    </message>
    <message>
        <source>The receiver sums up the case in their own words</source>
        <translation>Der Empfänger fasst den Fall in eigenen Worten zusammen</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>The receiver confirms they read and understood the note</source>
        <translation>Der Empfänger bestätigt, dass er die Notiz gelesen und verstanden hat</translation>
    </message>
    <message>
        <source>&amp;Receiver:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <source>S&amp;ynthesis:</source>
        <translation>S&amp;ynthese:</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>Kein Fall ausgewählt</translation>
    </message>
    <message>
        <source>Choose a handed-over case to write its note.</source>
        <translation>Wählen Sie einen übergebenen Fall, um seine Notiz zu schreiben.</translation>
    </message>
    <message>
        <source>✎ Draft prefilled from the case — not saved yet. Edit it, then save.</source>
        <translation>✎ Entwurf aus dem Fall vorausgefüllt — noch nicht gespeichert. Bearbeiten, dann speichern.</translation>
    </message>
    <message>
        <source>✎ Draft — not reviewed: prefilled from the case and never saved by the owner. Check it, then save.</source>
        <translation>✎ Entwurf — nicht geprüft: aus dem Fall vorbefüllt und nie von der Inhaberin oder dem Inhaber gespeichert. Prüfen und dann speichern.</translation>
    </message>
    <message>
        <source>✓ Saved note (revision {n}).</source>
        <translation>✓ Gespeicherte Notiz (Version {n}).</translation>
    </message>
    <message>
        <source>✓ Acknowledged by {who} on {when}.</source>
        <translation>✓ Bestätigt von {who} am {when}.</translation>
    </message>
    <message>
        <source>Acknowledge again</source>
        <translation>Erneut bestätigen</translation>
    </message>
    <message>
        <source>Not acknowledged yet. The deputy reads the note, sums it up in their own words and acknowledges it.</source>
        <translation>Noch nicht bestätigt. Die Vertretung liest die Notiz, fasst sie in eigenen Worten zusammen und bestätigt sie.</translation>
    </message>
    <message>
        <source>Proposed from an open follow-up</source>
        <translation>Vorgeschlagen aus einer offenen Wiedervorlage</translation>
    </message>
</context>
<context>
    <name>NoteTemplatePicker</name>
    <message>
        <source>Note template</source>
        <translation>Notizvorlage</translation>
    </message>
    <message>
        <source>Template…</source>
        <translation>Vorlage…</translation>
    </message>
    <message>
        <source>Fill the summary and text from a note template</source>
        <translation>Zusammenfassung und Text aus einer Notizvorlage übernehmen</translation>
    </message>
    <message>
        <source>No note templates yet: make them under File → Templates…</source>
        <translation>Noch keine Notizvorlagen: Legen Sie sie unter Datei → Vorlagen… an</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Missed while spocdesk was closed:</source>
        <translation>Verpasst, während spocdesk geschlossen war:</translation>
    </message>
    <message numerus="yes">
        <source>%n follow-ups due:</source>
        <translation>
            <numerusform>%n Wiedervorlage fällig:</numerusform>
            <numerusform>%n Wiedervorlagen fällig:</numerusform>
        </translation>
    </message>
    <message>
        <source> and {n} more</source>
        <translation> und {n} weitere</translation>
    </message>
    <message>
        <source>&amp;Show spocdesk</source>
        <translation>spocdesk &amp;anzeigen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>NpsDialog</name>
    <message>
        <source>Net Promoter answer — {name}</source>
        <translation>Net-Promoter-Antwort — {name}</translation>
    </message>
    <message>
        <source>How likely is {name} to recommend us to a friend or colleague? 0 = not at all, 10 = extremely likely.</source>
        <translation>Wie wahrscheinlich ist es, dass {name} uns einem Freund oder Kollegen empfiehlt? 0 = überhaupt nicht, 10 = äußerst wahrscheinlich.</translation>
    </message>
    <message>
        <source>{n} of 10</source>
        <translation>{n} von 10</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Why, in their words (optional)</source>
        <translation>Warum, in ihren Worten (optional)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>NpsDueModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Last case resolved</source>
        <translation>Letzter Fall gelöst</translation>
    </message>
</context>
<context>
    <name>OldestModel</name>
    <message>
        <source>Ref</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Alter</translation>
    </message>
</context>
<context>
    <name>OpenPackDialog</name>
    <message>
        <source>Open a handover pack</source>
        <translation>Übergabepaket öffnen</translation>
    </message>
    <message>
        <source>Open the handover pack you were sent. Its passphrase came to you another way than the file, e.g. by phone.</source>
        <translation>Öffnen Sie das Übergabepaket, das Sie erhalten haben. Die Passphrase haben Sie auf einem anderen Weg als die Datei bekommen, z. B. telefonisch.</translation>
    </message>
    <message>
        <source>Handover pack file</source>
        <translation>Datei des Übergabepakets</translation>
    </message>
    <message>
        <source>handover-….spocpack</source>
        <translation>handover-….spocpack</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Pack passphrase</source>
        <translation>Passphrase des Pakets</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>&amp;Pack:</source>
        <translation>Pa&amp;ket:</translation>
    </message>
    <message>
        <source>Pass&amp;phrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Open pack</source>
        <translation>Paket öffnen</translation>
    </message>
    <message>
        <source>Choose the handover pack file.</source>
        <translation>Wählen Sie die Datei des Übergabepakets.</translation>
    </message>
    <message>
        <source>Enter the pack&apos;s passphrase.</source>
        <translation>Geben Sie die Passphrase des Pakets ein.</translation>
    </message>
</context>
<context>
    <name>Ops</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Record the escalation&apos;s outcome</source>
        <translation>Ergebnis der Eskalation erfassen</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>What came back from {to}?</source>
        <translation>Was kam von {to} zurück?</translation>
    </message>
    <message>
        <source>Record outcome</source>
        <translation>Ergebnis erfassen</translation>
    </message>
</context>
<context>
    <name>PackPassphraseDialog</name>
    <message>
        <source>Passphrase for the handover pack</source>
        <translation>Passphrase für das Übergabepaket</translation>
    </message>
    <message>
        <source>The pack gets its own passphrase, not your store&apos;s. Tell it to your deputy another way than the file itself — by phone or in person.</source>
        <translation>Das Paket bekommt eine eigene Passphrase, nicht die Ihres Datenspeichers. Teilen Sie sie Ihrer Vertretung auf einem anderen Weg als die Datei mit — telefonisch oder persönlich.</translation>
    </message>
    <message>
        <source>Enter the passphrase the handover pack was made with.</source>
        <translation>Geben Sie die Passphrase ein, mit der das Übergabepaket erstellt wurde.</translation>
    </message>
    <message>
        <source>Pack passphrase</source>
        <translation>Passphrase des Pakets</translation>
    </message>
    <message>
        <source>Repeat the pack passphrase</source>
        <translation>Passphrase des Pakets wiederholen</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <source>&amp;Generate one</source>
        <translation>&amp;Erzeugen</translation>
    </message>
    <message>
        <source>Generate a pack passphrase</source>
        <translation>Eine Paket-Passphrase erzeugen</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Enter a passphrase.</source>
        <translation>Geben Sie eine Passphrase ein.</translation>
    </message>
    <message>
        <source>A handover pack travels, so its passphrase must be strong: four words or more. Use Generate one.</source>
        <translation>Ein Übergabepaket geht auf Reisen, daher muss seine Passphrase stark sein: vier Wörter oder mehr. Nutzen Sie „Erzeugen“.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Stakeholders</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <source>Ref</source>
        <translation>Ref.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Main stakeholder</source>
        <translation>Hauptkontakt</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>no feedback yet</source>
        <translation>noch keine Rückmeldung</translation>
    </message>
    <message>
        <source>nothing to compare with the period before</source>
        <translation>kein Vergleich mit dem Zeitraum davor</translation>
    </message>
    <message>
        <source>as in the period before</source>
        <translation>wie im Zeitraum davor</translation>
    </message>
    <message>
        <source>{arrow} {change} on the period before ({verdict})</source>
        <translation>{arrow} {change} gegenüber dem Zeitraum davor ({verdict})</translation>
    </message>
    <message>
        <source>better</source>
        <translation>besser</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>schlechter</translation>
    </message>
    <message numerus="yes">
        <source>from %n answers</source>
        <translation>
            <numerusform>aus %n Antwort</numerusform>
            <numerusform>aus %n Antworten</numerusform>
        </translation>
    </message>
    <message>
        <source>promoters {p} · passives {n} · detractors {d}</source>
        <translation>Promotoren {p} · Passive {n} · Kritiker {d}</translation>
    </message>
    <message>
        <source>{first} of {resolved} resolved</source>
        <translation>{first} von {resolved} gelösten</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} Std.</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} Tage</translation>
    </message>
    <message>
        <source>90 % within {h} · {n} cases</source>
        <translation>90 % innerhalb {h} · {n} Fälle</translation>
    </message>
    <message>
        <source>90 % within {d} · {n} cases</source>
        <translation>90 % innerhalb {d} · {n} Fälle</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} Punkte</translation>
    </message>
    <message>
        <source>Average satisfaction (CSAT)</source>
        <translation>Durchschnittliche Zufriedenheit (CSAT)</translation>
    </message>
    <message>
        <source>{n} of 5</source>
        <translation>{n} von 5</translation>
    </message>
    <message>
        <source>Satisfied clients (4 or 5)</source>
        <translation>Zufriedene Kunden (4 oder 5)</translation>
    </message>
    <message>
        <source>Net Promoter Score</source>
        <translation>Net Promoter Score</translation>
    </message>
    <message>
        <source>Resolved at first contact</source>
        <translation>Beim ersten Kontakt gelöst</translation>
    </message>
    <message>
        <source>Median time to first response</source>
        <translation>Median der Zeit bis zur ersten Antwort</translation>
    </message>
    <message>
        <source>Median time to resolution</source>
        <translation>Median der Zeit bis zur Lösung</translation>
    </message>
    <message>
        <source>Open the records behind this figure</source>
        <translation>Die Einträge hinter dieser Kennzahl öffnen</translation>
    </message>
    <message>
        <source>Feedback pending</source>
        <translation>Rückmeldung ausstehend</translation>
    </message>
    <message>
        <source>Resolved cases of the last 30 days with no satisfaction on record</source>
        <translation>Gelöste Fälle der letzten 30 Tage ohne erfasste Zufriedenheit</translation>
    </message>
    <message>
        <source>Net Promoter answers due</source>
        <translation>Fällige Net-Promoter-Antworten</translation>
    </message>
    <message>
        <source>Clients with a case resolved this quarter who gave no Net Promoter answer this quarter</source>
        <translation>Kunden mit einem in diesem Quartal gelösten Fall, die in diesem Quartal keine Net-Promoter-Antwort gegeben haben</translation>
    </message>
    <message>
        <source>Satisfaction counts the answers recorded in the period. A case counts as resolved at first contact when it was never escalated, never reopened, and its log holds at most one inbound and one outbound entry up to the resolution. Click a figure, or a week&apos;s cell, for the records behind it.</source>
        <translation>Die Zufriedenheit zählt die im Zeitraum erfassten Antworten. Ein Fall gilt als beim ersten Kontakt gelöst, wenn er nie eskaliert und nie wieder geöffnet wurde und sein Protokoll bis zur Lösung höchstens einen eingehenden und einen ausgehenden Eintrag enthält. Klicken Sie auf eine Kennzahl oder die Zelle einer Woche, um die Einträge dahinter zu sehen.</translation>
    </message>
    <message>
        <source>Quality per week</source>
        <translation>Qualität pro Woche</translation>
    </message>
</context>
<context>
    <name>QuickLogComposer</name>
    <message>
        <source>Log an interaction (Ctrl+J)</source>
        <translation>Interaktion erfassen (Strg+J)</translation>
    </message>
    <message>
        <source>Summary — Ctrl+Enter saves</source>
        <translation>Zusammenfassung — Strg+Eingabe speichert</translation>
    </message>
    <message>
        <source>Details (optional)</source>
        <translation>Details (optional)</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>– min</source>
        <translation>– Min.</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Minutes spent</source>
        <translation>Aufgewendete Minuten</translation>
    </message>
    <message>
        <source>Minutes spent on it (optional; counted as effort)</source>
        <translation>Dafür aufgewendete Minuten (optional; zählen als Aufwand)</translation>
    </message>
    <message>
        <source>New next step</source>
        <translation>Neuer nächster Schritt</translation>
    </message>
    <message>
        <source>New next step (optional)</source>
        <translation>Neuer nächster Schritt (optional)</translation>
    </message>
    <message>
        <source>F&amp;ollow up</source>
        <translation>Wiederv&amp;orlage</translation>
    </message>
    <message>
        <source>Also plan a follow-up, with the first person (Alt+O, then type when)</source>
        <translation>Auch eine Wiedervorlage planen, mit der ersten Person (Alt+O, dann den Zeitpunkt eintippen)</translation>
    </message>
    <message>
        <source>Follow-up time</source>
        <translation>Zeitpunkt der Wiedervorlage</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <source>Log it (Ctrl+Enter)</source>
        <translation>Erfassen (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>&amp;With:</source>
        <translation>&amp;Mit:</translation>
    </message>
    <message>
        <source>Template not used</source>
        <translation>Vorlage nicht verwendet</translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message>
        <source>No records behind this figure.</source>
        <translation>Hinter dieser Kennzahl stehen keine Einträge.</translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>no change</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>{change} (better)</source>
        <translation>{change} (besser)</translation>
    </message>
    <message>
        <source>{change} (worse)</source>
        <translation>{change} (schlechter)</translation>
    </message>
    <message>
        <source>no feedback yet</source>
        <translation>noch keine Rückmeldung</translation>
    </message>
    <message>
        <source>Cases opened</source>
        <translation>Eröffnete Fälle</translation>
    </message>
    <message>
        <source>Cases resolved</source>
        <translation>Gelöste Fälle</translation>
    </message>
    <message>
        <source>Satisfaction (CSAT, 1–5; answers)</source>
        <translation>Zufriedenheit (CSAT, 1–5; Antworten)</translation>
    </message>
    <message>
        <source>Share of CSAT 4–5</source>
        <translation>Anteil CSAT 4–5</translation>
    </message>
    <message>
        <source>Net Promoter Score (answers)</source>
        <translation>Net Promoter Score (Antworten)</translation>
    </message>
    <message>
        <source>First-contact resolution</source>
        <translation>Lösung beim ersten Kontakt</translation>
    </message>
    <message>
        <source>First response, median (hours)</source>
        <translation>Erste Antwort, Median (Stunden)</translation>
    </message>
    <message>
        <source>First response, 90 % within (hours)</source>
        <translation>Erste Antwort, 90 % innerhalb (Stunden)</translation>
    </message>
    <message>
        <source>Resolution, median (days)</source>
        <translation>Lösung, Median (Tage)</translation>
    </message>
    <message>
        <source>Resolution, 90 % within (days)</source>
        <translation>Lösung, 90 % innerhalb (Tage)</translation>
    </message>
    <message>
        <source>SLA breached (of resolved cases)</source>
        <translation>SLA verletzt (gelöste Fälle)</translation>
    </message>
    <message>
        <source>Effort (minutes logged)</source>
        <translation>Aufwand (erfasste Minuten)</translation>
    </message>
    <message>
        <source>Requests found later</source>
        <translation>Später gefundene Anliegen</translation>
    </message>
    <message>
        <source>Repeat contacts</source>
        <translation>Wiederholte Kontakte</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Dieser Zeitraum</translation>
    </message>
    <message>
        <source>Period before</source>
        <translation>Zeitraum davor</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Veränderung</translation>
    </message>
    <message>
        <source>(no category)</source>
        <translation>(keine Kategorie)</translation>
    </message>
    <message>
        <source>No cases in this period.</source>
        <translation>In diesem Zeitraum gab es keine Fälle.</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anliegen</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>No requests or logged minutes in this period.</source>
        <translation>In diesem Zeitraum gab es keine Anliegen und keine erfassten Minuten.</translation>
    </message>
    <message>
        <source>Stakeholder</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>in {span}</source>
        <translation>in {span}</translation>
    </message>
    <message>
        <source>No open case is past its SLA.</source>
        <translation>Kein offener Fall ist über seiner SLA.</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Next SLA deadline</source>
        <translation>Nächste SLA-Frist</translation>
    </message>
    <message>
        <source>Cases opened and resolved per week</source>
        <translation>Eröffnete und gelöste Fälle pro Woche</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>eröffnet</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>gelöst</translation>
    </message>
    <message>
        <source>First-contact resolution per week</source>
        <translation>Lösung beim ersten Kontakt pro Woche</translation>
    </message>
    <message>
        <source>resolved at first contact</source>
        <translation>beim ersten Kontakt gelöst</translation>
    </message>
    <message>
        <source>Satisfaction per week (CSAT 1–5)</source>
        <translation>Zufriedenheit pro Woche (CSAT 1–5)</translation>
    </message>
    <message>
        <source>average</source>
        <translation>Durchschnitt</translation>
    </message>
    <message>
        <source>Time to first response per week (hours)</source>
        <translation>Zeit bis zur ersten Antwort pro Woche (Stunden)</translation>
    </message>
    <message>
        <source>median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>90 %</source>
        <translation>90 %</translation>
    </message>
    <message>
        <source>Time to resolution per week (days)</source>
        <translation>Zeit bis zur Lösung pro Woche (Tage)</translation>
    </message>
    <message>
        <source>Minutes logged per week</source>
        <translation>Erfasste Minuten pro Woche</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Service report</source>
        <translation>Servicebericht</translation>
    </message>
    <message>
        <source>{weeks} weeks from {start}, as of {now}; compared with the {weeks} weeks before</source>
        <translation>{weeks} Wochen ab {start}, Stand {now}; verglichen mit den {weeks} Wochen davor</translation>
    </message>
    <message>
        <source>First-contact resolution: resolved with no escalation, no reopening, and at most one inbound and one outbound log entry before the resolution. CSAT: the client&apos;s satisfaction from 1 to 5, recorded at or after the resolution; NPS: the share of promoters (9–10) minus that of detractors (0–6). Found later: a request entered more than a day after it was opened. Repeat contacts: inbound entries about a case that had one earlier in the same period. Times are wall-clock; the current week is still running.</source>
        <translation>Lösung beim ersten Kontakt: gelöst ohne Eskalation, ohne Wiedereröffnung und mit höchstens einem eingehenden und einem ausgehenden Protokolleintrag vor der Lösung. CSAT: die Zufriedenheit der Klientin oder des Klienten von 1 bis 5, erfasst bei oder nach der Lösung; NPS: der Anteil der Promotoren (9–10) abzüglich der Kritiker (0–6). Später gefunden: ein Anliegen, das mehr als einen Tag nach seiner Eröffnung erfasst wurde. Wiederholte Kontakte: eingehende Einträge zu einem Fall, der im selben Zeitraum schon einen hatte. Zeiten sind Kalenderzeit; die laufende Woche ist noch nicht vorbei.</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>Die wichtigsten Kennzahlen</translation>
    </message>
    <message>
        <source>Week by week</source>
        <translation>Woche für Woche</translation>
    </message>
    <message>
        <source>Top categories</source>
        <translation>Häufigste Kategorien</translation>
    </message>
    <message>
        <source>Top stakeholders by requests and effort</source>
        <translation>Ansprechpartner mit den meisten Anliegen und dem meisten Aufwand</translation>
    </message>
    <message>
        <source>Open cases furthest past their SLA</source>
        <translation>Offene Fälle am weitesten über ihrer SLA</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a backup</source>
        <translation>Sicherung wiederherstellen</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>Sicherungsdatei</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>The backup&apos;s passphrase</source>
        <translation>Passphrase der Sicherung</translation>
    </message>
    <message>
        <source>The backup is checked completely before anything is replaced. The current store is kept beside it, renamed, in case you need it again.</source>
        <translation>Die Sicherung wird vollständig geprüft, bevor etwas ersetzt wird. Der aktuelle Datenspeicher bleibt umbenannt daneben erhalten, falls Sie ihn noch brauchen.</translation>
    </message>
    <message>
        <source>&amp;Backup:</source>
        <translation>&amp;Sicherung:</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Sicherung auswählen</translation>
    </message>
    <message>
        <source>spocdesk backups (*.spocdesk-backup);;All files (*)</source>
        <translation>spocdesk-Sicherungen (*.spocdesk-backup);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Stakeholders</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Log entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Handover notes</source>
        <translation>Übergabenotizen</translation>
    </message>
    <message>
        <source>E-mail to file (Inbox)</source>
        <translation>Abzulegende E-Mails (Posteingang)</translation>
    </message>
</context>
<context>
    <name>ReviewBeforeExportDialog</name>
    <message>
        <source>Before the pack leaves</source>
        <translation>Bevor das Paket übergeben wird</translation>
    </message>
    <message>
        <source>These handed-over cases are not ready. Your deputy will see drafts marked “not reviewed”.</source>
        <translation>Diese übergebenen Fälle sind nicht fertig. Ihre Vertretung sieht Entwürfe mit dem Vermerk „nicht geprüft“.</translation>
    </message>
    <message>
        <source>Cases not ready</source>
        <translation>Nicht fertige Fälle</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Export anyway</source>
        <translation>Trotzdem exportieren</translation>
    </message>
</context>
<context>
    <name>SearchPalette</name>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Search everything</source>
        <translation>Alles durchsuchen</translation>
    </message>
    <message>
        <source>Search cases, people, log entries, follow-ups…</source>
        <translation>Fälle, Personen, Protokolleinträge, Wiedervorlagen durchsuchen…</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Suchergebnisse</translation>
    </message>
    <message>
        <source>Type to search. ↑↓ move, Enter opens, Esc closes.</source>
        <translation>Tippen zum Suchen. ↑↓ wechselt, Eingabe öffnet, Esc schließt.</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>Nichts passt zu „{text}“.</translation>
    </message>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n Ergebnis</numerusform>
            <numerusform>%n Ergebnisse</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Today&apos;s backup was not written: {error}</source>
        <translation>Die heutige Sicherung wurde nicht geschrieben: {error}</translation>
    </message>
    <message>
        <source>Today&apos;s backup is written.</source>
        <translation>Die heutige Sicherung ist geschrieben.</translation>
    </message>
    <message>
        <source>spocdesk cannot open the store</source>
        <translation>spocdesk kann den Datenspeicher nicht öffnen</translation>
    </message>
    <message>
        <source>The remembered passphrase no longer opens this store; enter the current one.</source>
        <translation>Die gemerkte Passphrase öffnet diesen Datenspeicher nicht mehr; geben Sie die aktuelle ein.</translation>
    </message>
    <message>
        <source>Nothing was restored</source>
        <translation>Nichts wurde wiederhergestellt</translation>
    </message>
    <message>
        <source>Backup restored. The previous store is kept as {name}.</source>
        <translation>Sicherung wiederhergestellt. Der bisherige Datenspeicher bleibt als {name} erhalten.</translation>
    </message>
    <message>
        <source>Backup restored.</source>
        <translation>Sicherung wiederhergestellt.</translation>
    </message>
    <message>
        <source>The passphrase was not changed</source>
        <translation>Die Passphrase wurde nicht geändert</translation>
    </message>
    <message>
        <source>The passphrase is changed.</source>
        <translation>Die Passphrase ist geändert.</translation>
    </message>
    <message>
        <source>spocdesk is locked. Enter your password to continue.</source>
        <translation>spocdesk ist gesperrt. Geben Sie Ihr Passwort ein, um fortzufahren.</translation>
    </message>
    <message>
        <source>spocdesk is locked. Enter your passphrase to continue.</source>
        <translation>spocdesk ist gesperrt. Geben Sie Ihre Passphrase ein, um fortzufahren.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Service levels</source>
        <translation>Servicelevel</translation>
    </message>
    <message>
        <source>First response within</source>
        <translation>Erste Antwort innerhalb</translation>
    </message>
    <message>
        <source>Resolution within</source>
        <translation>Lösung innerhalb</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <source>First response target for {p}</source>
        <translation>Ziel für die erste Antwort bei {p}</translation>
    </message>
    <message>
        <source> d</source>
        <translation> T.</translation>
    </message>
    <message>
        <source>Resolution target for {p}</source>
        <translation>Ziel für die Lösung bei {p}</translation>
    </message>
    <message>
        <source>At risk after this share of the time</source>
        <translation>Gefährdet nach diesem Anteil der Zeit</translation>
    </message>
    <message>
        <source>&amp;At risk once this much time is used:</source>
        <translation>&amp;Gefährdet, sobald so viel Zeit verbraucht ist:</translation>
    </message>
    <message>
        <source>C&amp;ount only working hours (the working week below)</source>
        <translation>Nur die A&amp;rbeitszeit zählen (die Arbeitswoche unten)</translation>
    </message>
    <message>
        <source>On: a 4-hour target set on Friday at 16:00 falls due on Monday at 12:00 (Mon–Fri 09:00–17:00), and a day of resolution is a working day. Off: the clocks run around the clock.</source>
        <translation>Ein: Ein 4-Stunden-Ziel, gesetzt am Freitag um 16:00, ist am Montag um 12:00 fällig (Mo–Fr 09:00–17:00), und ein Tag Lösungszeit ist ein Arbeitstag. Aus: Die Uhren laufen rund um die Uhr.</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>Sperren nach so vielen Minuten Inaktivität</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>&amp;Lock after idle:</source>
        <translation>&amp;Sperren nach Inaktivität:</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>A new language takes effect the next time spocdesk starts.</source>
        <translation>Eine neue Sprache gilt ab dem nächsten Start von spocdesk.</translation>
    </message>
    <message>
        <source>La&amp;nguage:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>Daily backups kept</source>
        <translation>Aufbewahrte tägliche Sicherungen</translation>
    </message>
    <message>
        <source>Weekly backups kept</source>
        <translation>Aufbewahrte wöchentliche Sicherungen</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
    <message>
        <source>the data folder&apos;s backups/</source>
        <translation>backups/ im Datenordner</translation>
    </message>
    <message>
        <source>&amp;Daily backups kept:</source>
        <translation>&amp;Tägliche Sicherungen behalten:</translation>
    </message>
    <message>
        <source>&amp;Weekly backups kept:</source>
        <translation>&amp;Wöchentliche Sicherungen behalten:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Reminders and calendar</source>
        <translation>Erinnerungen und Kalender</translation>
    </message>
    <message>
        <source>&amp;Keep running in the system tray when the window closes</source>
        <translation>Beim Schließen des Fensters im &amp;Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>This desktop shows no system tray: the window closes as usual.</source>
        <translation>Diese Arbeitsumgebung zeigt keinen Infobereich: Das Fenster schließt wie gewohnt.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>shown as the author of your entries</source>
        <translation>erscheint als Verfasser Ihrer Einträge</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>Ihr Na&amp;me:</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>&amp;Mail</source>
        <translation>&amp;Mail</translation>
    </message>
    <message>
        <source>Working week</source>
        <translation>Arbeitswoche</translation>
    </message>
    <message>
        <source>Working hours start</source>
        <translation>Beginn der Arbeitszeit</translation>
    </message>
    <message>
        <source>Working hours end</source>
        <translation>Ende der Arbeitszeit</translation>
    </message>
    <message>
        <source>&amp;Hours:</source>
        <translation>&amp;Uhrzeiten:</translation>
    </message>
    <message>
        <source>Choose at least one working day.</source>
        <translation>Wählen Sie mindestens einen Arbeitstag.</translation>
    </message>
    <message>
        <source>Working hours must start before they end.</source>
        <translation>Die Arbeitszeit muss beginnen, bevor sie endet.</translation>
    </message>
    <message>
        <source>Settings not saved</source>
        <translation>Einstellungen nicht gespeichert</translation>
    </message>
    <message>
        <source>Updating the SLA deadlines of the open cases…</source>
        <translation>Die SLA-Fristen der offenen Fälle werden aktualisiert…</translation>
    </message>
    <message>
        <source>Calendar file</source>
        <translation>Kalenderdatei</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Choose the backup folder</source>
        <translation>Sicherungsordner auswählen</translation>
    </message>
    <message>
        <source>Choose the calendar file</source>
        <translation>Kalenderdatei auswählen</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner auswählen</translation>
    </message>
    <message>
        <source>iCalendar files (*.ics)</source>
        <translation>iCalendar-Dateien (*.ics)</translation>
    </message>
    <message>
        <source>not written</source>
        <translation>wird nicht geschrieben</translation>
    </message>
    <message>
        <source>An .ics file kept up to date with your follow-ups, for a calendar app to subscribe to</source>
        <translation>Eine .ics-Datei, die mit Ihren Wiedervorlagen aktuell gehalten wird und die eine Kalender-App abonnieren kann</translation>
    </message>
    <message>
        <source>Include case &amp;details in the calendar</source>
        <translation>Fall&amp;details in den Kalender aufnehmen</translation>
    </message>
    <message>
        <source>&amp;Calendar file:</source>
        <translation>&amp;Kalenderdatei:</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Days of interactions in a pack</source>
        <translation>Tage an Interaktionen in einem Paket</translation>
    </message>
    <message>
        <source>&amp;Packs carry the last:</source>
        <translation>Pakete enthalten die &amp;letzten:</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share with a colleague</source>
        <translation>Mit einer Kollegin oder einem Kollegen teilen</translation>
    </message>
    <message>
        <source>A colleague you share it with sees it and works on it, with its people, log and follow-ups, until you take the share back. Their own records stay theirs.</source>
        <translation>Wer es von Ihnen geteilt bekommt, sieht und bearbeitet es samt Beteiligten, Verlauf und Wiedervorlagen, bis Sie die Freigabe zurücknehmen. Die eigenen Daten der Kollegen bleiben deren eigene.</translation>
    </message>
    <message>
        <source>Colleague&apos;s role</source>
        <translation>Rolle der Kollegin oder des Kollegen</translation>
    </message>
    <message>
        <source>their role (user name)</source>
        <translation>ihre Rolle (Benutzername)</translation>
    </message>
    <message>
        <source>&amp;Colleague:</source>
        <translation>&amp;Kollegin/Kollege:</translation>
    </message>
    <message>
        <source>&amp;Share</source>
        <translation>&amp;Teilen</translation>
    </message>
    <message>
        <source>Share with this colleague</source>
        <translation>Mit dieser Person teilen</translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation>Geteilt mit</translation>
    </message>
    <message>
        <source>&amp;Take back</source>
        <translation>&amp;Zurücknehmen</translation>
    </message>
    <message>
        <source>Take the chosen share back</source>
        <translation>Die gewählte Freigabe zurücknehmen</translation>
    </message>
    <message>
        <source>Shared &amp;with:</source>
        <translation>Geteilt &amp;mit:</translation>
    </message>
    <message>
        <source>Sharing state</source>
        <translation>Stand der Freigabe</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>{role}, shared by {who} on {when}</source>
        <translation>{role}, geteilt von {who} am {when}</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>Noch niemand</translation>
    </message>
    <message>
        <source>Shared with {role}.</source>
        <translation>Mit {role} geteilt.</translation>
    </message>
    <message>
        <source>It was shared with {role} already.</source>
        <translation>Es war bereits mit {role} geteilt.</translation>
    </message>
    <message>
        <source>{role} no longer sees it.</source>
        <translation>{role} sieht es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>Funktion</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Search everything</source>
        <translation>Alles durchsuchen</translation>
    </message>
    <message>
        <source>New case, stakeholder or follow-up (on its page)</source>
        <translation>Neuer Fall, Ansprechpartner oder Wiedervorlage (auf der jeweiligen Seite)</translation>
    </message>
    <message>
        <source>Show or hide the case views</source>
        <translation>Fallansichten ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Edit the selected stakeholder (or Ctrl+E)</source>
        <translation>Ausgewählten Ansprechpartner bearbeiten (oder Strg+E)</translation>
    </message>
    <message>
        <source>Log an interaction on the open case</source>
        <translation>Interaktion zum geöffneten Fall erfassen</translation>
    </message>
    <message>
        <source>Save the log entry</source>
        <translation>Eintrag speichern</translation>
    </message>
    <message>
        <source>Save the case now (its fields also save when you leave them)</source>
        <translation>Den Fall sofort speichern (seine Felder werden auch beim Verlassen gespeichert)</translation>
    </message>
    <message>
        <source>Undo the last follow-up marked done, or the last saved change to a case</source>
        <translation>Die zuletzt erledigte Wiedervorlage oder die letzte gespeicherte Änderung an einem Fall rückgängig machen</translation>
    </message>
    <message>
        <source>Mark the selected follow-up done (or Space)</source>
        <translation>Ausgewählte Wiedervorlage erledigen (oder Leertaste)</translation>
    </message>
    <message>
        <source>Cases, Stakeholders, Follow-ups, Handover, Dashboard, Inbox</source>
        <translation>Fälle, Ansprechpartner, Wiedervorlagen, Übergabe, Übersicht, Posteingang</translation>
    </message>
    <message>
        <source>Filter the list (then Down or Enter goes on into the list)</source>
        <translation>Liste filtern (Pfeil nach unten oder Eingabe führt dann weiter in die Liste)</translation>
    </message>
    <message>
        <source>Quick log: plan a follow-up, then type when (e.g. Fri 10:00)</source>
        <translation>Schnellerfassung: Wiedervorlage planen, dann den Zeitpunkt eintippen (z. B. Fr 10:00)</translation>
    </message>
    <message>
        <source>Log a call: start its timer, or end it (its minutes go into the entry)</source>
        <translation>Anruf erfassen: Zeitmessung starten oder beenden (die Minuten kommen in den Eintrag)</translation>
    </message>
    <message>
        <source>Skip this occurrence of a repeating follow-up</source>
        <translation>Diesen Termin einer wiederkehrenden Wiedervorlage überspringen</translation>
    </message>
    <message>
        <source>Snooze the selected follow-up</source>
        <translation>Ausgewählte Wiedervorlage zurückstellen</translation>
    </message>
    <message>
        <source>Import contacts (vCard, CSV)</source>
        <translation>Kontakte importieren (vCard, CSV)</translation>
    </message>
    <message>
        <source>Import mail (.eml, .msg, mbox); or drop the files onto the window</source>
        <translation>E-Mail importieren (.eml, .msg, mbox); oder die Dateien auf das Fenster ziehen</translation>
    </message>
    <message>
        <source>Sync mail now: read the new mail of your mail accounts</source>
        <translation>Mail jetzt abrufen: die neue Mail Ihrer Mailkonten lesen</translation>
    </message>
    <message>
        <source>Inbox: new case from the e-mail</source>
        <translation>Posteingang: neuer Fall aus der E-Mail</translation>
    </message>
    <message>
        <source>Inbox: new case from a template</source>
        <translation>Posteingang: neuer Fall aus einer Vorlage</translation>
    </message>
    <message>
        <source>Inbox: add the e-mail to a case (type its number)</source>
        <translation>Posteingang: E-Mail zu einem Fall hinzufügen (seine Nummer eingeben)</translation>
    </message>
    <message>
        <source>Inbox: new stakeholder from the sender</source>
        <translation>Posteingang: Absender als neuer Ansprechpartner</translation>
    </message>
    <message>
        <source>Inbox: not a request (or Delete)</source>
        <translation>Posteingang: kein Anliegen (oder Entf)</translation>
    </message>
    <message>
        <source>Inbox: always ignore this sender</source>
        <translation>Posteingang: diesen Absender immer ignorieren</translation>
    </message>
    <message>
        <source>Inbox: always ignore the sender&apos;s domain</source>
        <translation>Posteingang: die Domain des Absenders immer ignorieren</translation>
    </message>
    <message>
        <source>Export the report (PDF)</source>
        <translation>Bericht exportieren (PDF)</translation>
    </message>
    <message>
        <source>Lock spocdesk</source>
        <translation>spocdesk sperren</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>Diese Liste der Tastenkürzel</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze until…</source>
        <translation>Zurückstellen bis…</translation>
    </message>
    <message>
        <source>Snooze until</source>
        <translation>Zurückstellen bis</translation>
    </message>
    <message>
        <source>Snooze until, typed</source>
        <translation>Zurückstellen bis, getippt</translation>
    </message>
    <message>
        <source>in 2 hours</source>
        <translation>in 2 Stunden</translation>
    </message>
    <message>
        <source>Show this follow-up again &amp;at:</source>
        <translation>Diese Wiedervorlage wieder anzeigen &amp;um:</translation>
    </message>
</context>
<context>
    <name>StakeholderDetailPanel</name>
    <message>
        <source>in</source>
        <translation>eingehend</translation>
    </message>
    <message>
        <source>out</source>
        <translation>ausgehend</translation>
    </message>
    <message>
        <source>internal</source>
        <translation>intern</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Remind me of the birthday every year</source>
        <translation>Jedes Jahr an den Geburtstag erinnern</translation>
    </message>
    <message>
        <source>Remind me of the anniversary every year</source>
        <translation>Jedes Jahr an den Jahrestag erinnern</translation>
    </message>
    <message>
        <source>Remind me every year</source>
        <translation>Jährlich erinnern</translation>
    </message>
    <message>
        <source>A yearly reminder is already among the follow-ups</source>
        <translation>Eine jährliche Erinnerung steht schon bei den Wiedervorlagen</translation>
    </message>
    <message>
        <source>Add a follow-up on this day every year, at the start of the working day</source>
        <translation>Jedes Jahr an diesem Tag eine Wiedervorlage zu Beginn des Arbeitstags anlegen</translation>
    </message>
    <message>
        <source>Stakeholder details</source>
        <translation>Details zum Ansprechpartner</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role and organisation</source>
        <translation>Rolle und Organisation</translation>
    </message>
    <message>
        <source>Nickname, birthday and anniversary</source>
        <translation>Spitzname, Geburtstag und Jahrestag</translation>
    </message>
    <message>
        <source>Details verified</source>
        <translation>Angaben überprüft</translation>
    </message>
    <message>
        <source>Details verified today</source>
        <translation>Angaben heute überprüft</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit this stakeholder</source>
        <translation>Diesen Ansprechpartner bearbeiten</translation>
    </message>
    <message>
        <source>Names, organisation, contact points, tags, cadence and notes (F2)</source>
        <translation>Namen, Organisation, Kontaktdaten, Schlagwörter, Rhythmus und Notizen (F2)</translation>
    </message>
    <message>
        <source>Stay-in-touch cadence in days</source>
        <translation>Kontaktrhythmus in Tagen</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Keep in touch every so many days; off stops it</source>
        <translation>Alle so viele Tage Kontakt halten; „aus“ beendet es</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>People of this organisation</source>
        <translation>Personen dieser Organisation</translation>
    </message>
    <message>
        <source>Cases and roles</source>
        <translation>Fälle und Rollen</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interaktionen</translation>
    </message>
    <message>
        <source>Show more</source>
        <translation>Mehr anzeigen</translation>
    </message>
    <message>
        <source>Show more interactions</source>
        <translation>Mehr Interaktionen anzeigen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Export everything about this person…</source>
        <translation>Personendaten exportieren…</translation>
    </message>
    <message>
        <source>Export everything about this person</source>
        <translation>Alles über diese Person exportieren</translation>
    </message>
    <message>
        <source>Share with…</source>
        <translation>Teilen mit…</translation>
    </message>
    <message>
        <source>Share this stakeholder with a colleague</source>
        <translation>Diese Person mit einer Kollegin oder einem Kollegen teilen</translation>
    </message>
    <message>
        <source>Erase this person…</source>
        <translation>Diese Person löschen…</translation>
    </message>
    <message>
        <source>Erase this person</source>
        <translation>Diese Person löschen</translation>
    </message>
    <message>
        <source>Select a stakeholder to see their details.</source>
        <translation>Wählen Sie einen Ansprechpartner, um die Details zu sehen.</translation>
    </message>
    <message>
        <source>Stay in touch every</source>
        <translation>Kontakt halten alle</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Call with your phone program (Enter or double-click)</source>
        <translation>Mit Ihrem Telefonprogramm anrufen (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <source>Write with your mail program (Enter or double-click)</source>
        <translation>Mit Ihrem E-Mail-Programm schreiben (Eingabetaste oder Doppelklick)</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>prefers {c}</source>
        <translation>bevorzugt {c}</translation>
    </message>
    <message>
        <source>Nickname: {name}</source>
        <translation>Spitzname: {name}</translation>
    </message>
    <message>
        <source>Net Promoter answer not recorded</source>
        <translation>Net-Promoter-Antwort nicht erfasst</translation>
    </message>
    <message>
        <source>Birthday: {date}</source>
        <translation>Geburtstag: {date}</translation>
    </message>
    <message>
        <source>Anniversary: {date}</source>
        <translation>Jahrestag: {date}</translation>
    </message>
    <message>
        <source>Details never verified</source>
        <translation>Angaben nie überprüft</translation>
    </message>
    <message>
        <source>Details verified {when}</source>
        <translation>Angaben überprüft am {when}</translation>
    </message>
    <message>
        <source>{value} (preferred {kind})</source>
        <translation>{value} (bevorzugt: {kind})</translation>
    </message>
    <message>
        <source>No contact points</source>
        <translation>Keine Kontaktdaten</translation>
    </message>
    <message>
        <source>No people linked to this organisation</source>
        <translation>Keine Personen mit dieser Organisation verknüpft</translation>
    </message>
    <message>
        <source>Not involved in any case</source>
        <translation>An keinem Fall beteiligt</translation>
    </message>
    <message>
        <source>No tags</source>
        <translation>Keine Schlagwörter</translation>
    </message>
    <message>
        <source>No notes</source>
        <translation>Keine Notizen</translation>
    </message>
    <message>
        <source>Erase this organisation…</source>
        <translation>Diese Organisation löschen…</translation>
    </message>
    <message>
        <source>{n} in all, the last {when}</source>
        <translation>insgesamt {n}, zuletzt {when}</translation>
    </message>
    <message>
        <source>{n} in all</source>
        <translation>insgesamt {n}</translation>
    </message>
    <message>
        <source>No interactions yet</source>
        <translation>Noch keine Interaktionen</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Nicht gespeichert</translation>
    </message>
</context>
<context>
    <name>StakeholderEditDialog</name>
    <message>
        <source>Edit {name}</source>
        <translation>{name} bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Role / title</source>
        <translation>Rolle / Funktion</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Bevorzugter Kanal</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>Keine Vorliebe</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Separated by commas, e.g. client, vip</source>
        <translation>Durch Kommas getrennt, z. B. Kunde, VIP</translation>
    </message>
    <message>
        <source>Stay-in-touch cadence in days</source>
        <translation>Kontaktrhythmus in Tagen</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>Bevorzugt</translation>
    </message>
    <message>
        <source>Add contact point</source>
        <translation>Kontaktdaten hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected contact point</source>
        <translation>Ausgewählte Kontaktdaten entfernen</translation>
    </message>
    <message>
        <source>Why the stakeholder was not saved</source>
        <translation>Warum der Ansprechpartner nicht gespeichert wurde</translation>
    </message>
    <message>
        <source>Show the saved stakeholder and drop what you typed</source>
        <translation>Den gespeicherten Ansprechpartner anzeigen und Ihre Eingabe verwerfen</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Given / family</source>
        <translation>Vor- / Nachname</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>&amp;Organisation</translation>
    </message>
    <message>
        <source>&amp;Role / title</source>
        <translation>&amp;Rolle / Funktion</translation>
    </message>
    <message>
        <source>Prefers</source>
        <translation>Bevorzugt</translation>
    </message>
    <message>
        <source>T&amp;ags</source>
        <translation>&amp;Schlagwörter</translation>
    </message>
    <message>
        <source>Stay in touch every</source>
        <translation>Kontakt halten alle</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Contact points</source>
        <translation>&amp;Kontaktdaten</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>No&amp;tizen</translation>
    </message>
    <message>
        <source>Kind of contact point</source>
        <translation>Art der Kontaktdaten</translation>
    </message>
    <message>
        <source>The one to use first of its kind</source>
        <translation>Wird für diese Art zuerst verwendet</translation>
    </message>
</context>
<context>
    <name>StakeholderPicker</name>
    <message>
        <source>Add a stakeholder to the case</source>
        <translation>Beteiligte zum Fall hinzufügen</translation>
    </message>
    <message>
        <source>Role in this case</source>
        <translation>Rolle in diesem Fall</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
</context>
<context>
    <name>StakeholderSearch</name>
    <message>
        <source>Search stakeholders</source>
        <translation>Ansprechpartner suchen</translation>
    </message>
    <message>
        <source>Type a name, e-mail or phone number…</source>
        <translation>Name, E-Mail oder Telefonnummer eingeben…</translation>
    </message>
    <message>
        <source>Matching stakeholders</source>
        <translation>Passende Ansprechpartner</translation>
    </message>
    <message>
        <source>No stakeholder chosen.</source>
        <translation>Kein Ansprechpartner gewählt.</translation>
    </message>
    <message>
        <source>Chosen: {name}</source>
        <translation>Gewählt: {name}</translation>
    </message>
</context>
<context>
    <name>StakeholderTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Role / title</source>
        <translation>Rolle / Funktion</translation>
    </message>
    <message>
        <source>Prefers</source>
        <translation>Bevorzugt</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Letzter Kontakt</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Nächste Wiedervorlage</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Überprüft</translation>
    </message>
    <message>
        <source>Details verified {when}</source>
        <translation>Angaben überprüft am {when}</translation>
    </message>
    <message>
        <source>{name} (organisation)</source>
        <translation>{name} (Organisation)</translation>
    </message>
    <message>
        <source>{name}, organisation</source>
        <translation>{name}, Organisation</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
</context>
<context>
    <name>StakeholdersPage</name>
    <message>
        <source>Everything spocdesk holds about this person, exported</source>
        <translation>Alles, was spocdesk über diese Person speichert, exportiert am</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Bevorzugter Kanal</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Verified at</source>
        <translation>Überprüft am</translation>
    </message>
    <message>
        <source>Cadence days</source>
        <translation>Rhythmus in Tagen</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Angelegt am</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>Geändert am</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>Bevorzugt</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Fallnummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>Eröffnet am</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Occurred at</source>
        <translation>Stattgefunden am</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Kurzfassung</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Verfasst von</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Due at</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>Rrule</source>
        <translation>Wiederholungsregel</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <source>Snoozed until</source>
        <translation>Zurückgestellt bis</translation>
    </message>
    <message>
        <source>To name</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Escalated at</source>
        <translation>Eskaliert am</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <source>Contact points</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interaktionen</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Escalations</source>
        <translation>Eskalationen</translation>
    </message>
    <message>
        <source>Audit entries</source>
        <translation>Protokolleinträge</translation>
    </message>
    <message>
        <source>Search stakeholders</source>
        <translation>Ansprechpartner suchen</translation>
    </message>
    <message>
        <source>Search: name, organisation, e-mail, phone (Ctrl+F)</source>
        <translation>Suche: Name, Organisation, E-Mail, Telefon (Strg+F)</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Organisations</source>
        <translation>Organisationen</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>Alle Schlagwörter</translation>
    </message>
    <message>
        <source>Any organisation</source>
        <translation>Alle Organisationen</translation>
    </message>
    <message>
        <source>Filter by role or title</source>
        <translation>Nach Rolle oder Funktion filtern</translation>
    </message>
    <message>
        <source>Role / title</source>
        <translation>Rolle / Funktion</translation>
    </message>
    <message>
        <source>Contact: any</source>
        <translation>Kontakt: beliebig</translation>
    </message>
    <message>
        <source>Not contacted in {n} days</source>
        <translation>Seit {n} Tagen nicht kontaktiert</translation>
    </message>
    <message>
        <source>Verified: any</source>
        <translation>Überprüft: beliebig</translation>
    </message>
    <message>
        <source>Not verified in {n} months</source>
        <translation>Seit {n} Monaten nicht überprüft</translation>
    </message>
    <message>
        <source>New stakeholder</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <source>Add a person or an organisation (Ctrl+N)</source>
        <translation>Person oder Organisation hinzufügen (Strg+N)</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <source>Import contacts from a vCard or CSV file</source>
        <translation>Kontakte aus einer vCard- oder CSV-Datei importieren</translation>
    </message>
    <message>
        <source>Find duplicates…</source>
        <translation>Dubletten finden…</translation>
    </message>
    <message>
        <source>Find and merge stakeholders that look alike</source>
        <translation>Ähnliche Ansprechpartner finden und zusammenführen</translation>
    </message>
    <message>
        <source>Export vCard…</source>
        <translation>vCard exportieren…</translation>
    </message>
    <message>
        <source>Export all or the selected stakeholders as vCard</source>
        <translation>Alle oder die ausgewählten Ansprechpartner als vCard exportieren</translation>
    </message>
    <message>
        <source>Stakeholders</source>
        <translation>Ansprechpartner</translation>
    </message>
    <message>
        <source>Number of stakeholders shown</source>
        <translation>Anzahl der angezeigten Ansprechpartner</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>Stakeholder details</source>
        <translation>Details zum Ansprechpartner</translation>
    </message>
    <message numerus="yes">
        <source>%n stakeholders</source>
        <translation>
            <numerusform>%n Ansprechpartner</numerusform>
            <numerusform>%n Ansprechpartner</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export only the %n selected stakeholders? “No” exports everyone.</source>
        <translation>
            <numerusform>Nur den %n ausgewählten Ansprechpartner exportieren? „Nein“ exportiert alle.</numerusform>
            <numerusform>Nur die %n ausgewählten Ansprechpartner exportieren? „Nein“ exportiert alle.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stakeholders exported to {file}.</source>
        <translation>
            <numerusform>%n Ansprechpartner nach {file} exportiert.</numerusform>
            <numerusform>%n Ansprechpartner nach {file} exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>No stakeholders yet</source>
        <translation>Noch keine Ansprechpartner</translation>
    </message>
    <message>
        <source>Press Ctrl+N to add a person, or Import… to bring in contacts from Google, Outlook or a phone (vCard or CSV).</source>
        <translation>Drücken Sie Strg+N, um eine Person anzulegen, oder „Importieren…“, um Kontakte aus Google, Outlook oder einem Telefon zu übernehmen (vCard oder CSV).</translation>
    </message>
    <message>
        <source>No stakeholders match</source>
        <translation>Keine passenden Ansprechpartner</translation>
    </message>
    <message>
        <source>Try other words or clear the filters.</source>
        <translation>Versuchen Sie andere Wörter oder setzen Sie die Filter zurück.</translation>
    </message>
    <message>
        <source>Export vCard</source>
        <translation>vCard exportieren</translation>
    </message>
    <message>
        <source>vCard files (*.vcf)</source>
        <translation>vCard-Dateien (*.vcf)</translation>
    </message>
    <message>
        <source>Not exported</source>
        <translation>Nicht exportiert</translation>
    </message>
    <message>
        <source>Export everything about this person</source>
        <translation>Alles über diese Person exportieren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>{file} cannot be written ({why}).</source>
        <translation>{file} kann nicht geschrieben werden ({why}).</translation>
    </message>
    <message>
        <source>Exported to {json} and {pdf}.</source>
        <translation>Exportiert nach {json} und {pdf}.</translation>
    </message>
    <message>
        <source>Not erased</source>
        <translation>Nicht gelöscht</translation>
    </message>
    <message>
        <source>The person was erased.</source>
        <translation>Die Person wurde gelöscht.</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <source>Alex Example</source>
        <translation>Alex Muster</translation>
    </message>
    <message>
        <source>Kind of template</source>
        <translation>Art der Vorlage</translation>
    </message>
    <message>
        <source>&amp;Case templates</source>
        <translation>Fall&amp;vorlagen</translation>
    </message>
    <message>
        <source>N&amp;ote templates</source>
        <translation>Noti&amp;zvorlagen</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>&amp;Duplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>A new template (Ctrl+N)</source>
        <translation>Eine neue Vorlage (Strg+N)</translation>
    </message>
    <message>
        <source>A copy of this template (Ctrl+D)</source>
        <translation>Eine Kopie dieser Vorlage (Strg+D)</translation>
    </message>
    <message>
        <source>Delete this template (Del)</source>
        <translation>Diese Vorlage löschen (Entf)</translation>
    </message>
    <message>
        <source>Usual (normal)</source>
        <translation>Üblich (normal)</translation>
    </message>
    <message>
        <source>Placeholders: {stakeholder} the main stakeholder · {today} today&apos;s date · {ref} the case&apos;s reference · {title} the case&apos;s title</source>
        <translation>Platzhalter: {stakeholder} der Hauptansprechpartner · {today} das heutige Datum · {ref} die Fallnummer · {title} der Titel des Falls</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save this template (Ctrl+S)</source>
        <translation>Diese Vorlage speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;me:</translation>
    </message>
    <message>
        <source>&amp;Title pattern:</source>
        <translation>&amp;Titelmuster:</translation>
    </message>
    <message>
        <source>C&amp;ategory:</source>
        <translation>&amp;Kategorie:</translation>
    </message>
    <message>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <source>Desc&amp;ription:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>Name der Vorlage</translation>
    </message>
    <message>
        <source>Title pattern</source>
        <translation>Titelmuster</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Preview of the title</source>
        <translation>Vorschau des Titels</translation>
    </message>
    <message>
        <source>Preview of the text</source>
        <translation>Vorschau des Texts</translation>
    </message>
    <message>
        <source>&amp;Summary:</source>
        <translation>Zusammen&amp;fassung:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>Te&amp;xt:</translation>
    </message>
    <message>
        <source>e.g. Discharge of {stakeholder}</source>
        <translation>z. B. Entlassung von {stakeholder}</translation>
    </message>
    <message>
        <source>e.g. Called {stakeholder} back</source>
        <translation>z. B. {stakeholder} zurückgerufen</translation>
    </message>
    <message>
        <source>e.g. a checklist:
- [ ] Letter to the GP
- [ ] Transport home</source>
        <translation>z. B. eine Checkliste:
- [ ] Brief an die Hausarztpraxis
- [ ] Heimtransport</translation>
    </message>
    <message>
        <source>What the note says; {today} is today&apos;s date.</source>
        <translation>Was in der Notiz steht; {today} ist das heutige Datum.</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>(kein Text)</translation>
    </message>
    <message>
        <source>No case templates yet</source>
        <translation>Noch keine Fallvorlagen</translation>
    </message>
    <message>
        <source>Press New (Ctrl+N) to make one: a title pattern such as “Discharge of {stakeholder}”, a category, a priority and a checklist for the description. New cases (Ctrl+N on the Cases page) then offer it.</source>
        <translation>Drücken Sie „Neu“ (Strg+N), um eine anzulegen: ein Titelmuster wie „Entlassung von {stakeholder}“, eine Kategorie, eine Priorität und eine Checkliste für die Beschreibung. Neue Fälle (Strg+N auf der Seite „Fälle“) bieten sie dann an.</translation>
    </message>
    <message>
        <source>No note templates yet</source>
        <translation>Noch keine Notizvorlagen</translation>
    </message>
    <message>
        <source>Press New (Ctrl+N) to make one: a summary such as “Called {stakeholder} back” and the text of the note. The quick log then offers it.</source>
        <translation>Drücken Sie „Neu“ (Strg+N), um eine anzulegen: eine Zusammenfassung wie „{stakeholder} zurückgerufen“ und den Text der Notiz. Die Schnellerfassung bietet sie dann an.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Discard your changes to this template?</source>
        <translation>Ihre Änderungen an dieser Vorlage verwerfen?</translation>
    </message>
    <message>
        <source>Delete template</source>
        <translation>Vorlage löschen</translation>
    </message>
    <message>
        <source>Delete the template “{name}”? Cases and notes made with it stay as they are.</source>
        <translation>Die Vorlage „{name}“ löschen? Damit erstellte Fälle und Notizen bleiben, wie sie sind.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Today — {date}</source>
        <translation>Heute — {date}</translation>
    </message>
    <message>
        <source>Yesterday — {date}</source>
        <translation>Gestern — {date}</translation>
    </message>
    <message>
        <source>{others} → {author}</source>
        <translation>{others} → {author}</translation>
    </message>
    <message>
        <source>{author} → {others}</source>
        <translation>{author} → {others}</translation>
    </message>
    <message>
        <source>{who}: case opened</source>
        <translation>{who}: Fall eröffnet</translation>
    </message>
    <message>
        <source>{who}: status {before} → {after}</source>
        <translation>{who}: Status {before} → {after}</translation>
    </message>
    <message>
        <source>Escalated to {to}</source>
        <translation>Eskaliert an {to}</translation>
    </message>
    <message>
        <source>Outcome from {to}</source>
        <translation>Ergebnis von {to}</translation>
    </message>
    <message>
        <source>Follow-up done: {title}</source>
        <translation>Wiedervorlage erledigt: {title}</translation>
    </message>
    <message>
        <source>Follow-up: {title}</source>
        <translation>Wiedervorlage: {title}</translation>
    </message>
    <message>
        <source>{channel}, {direction} · {time}</source>
        <translation>{channel}, {direction} · {time}</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Show in the timeline</source>
        <translation>Im Verlauf zeigen</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Nothing logged yet. Use the log below (Ctrl+J).</source>
        <translation>Noch nichts erfasst. Nutzen Sie das Erfassungsfeld unten (Strg+J).</translation>
    </message>
    <message>
        <source>Nothing on this channel yet.</source>
        <translation>Auf diesem Kanal noch nichts.</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Timeline</source>
        <translation>Verlauf</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <source>Remember on this computer</source>
        <translation>Auf diesem Computer merken</translation>
    </message>
    <message>
        <source>Remember the passphrase in the system keyring</source>
        <translation>Die Passphrase im Schlüsselbund des Systems merken</translation>
    </message>
    <message>
        <source>Keep the passphrase in the system keyring so spocdesk unlocks without asking.</source>
        <translation>Die Passphrase im Schlüsselbund des Systems speichern, damit spocdesk ohne Nachfrage entsperrt.</translation>
    </message>
    <message>
        <source>Not available: {reason}</source>
        <translation>Nicht verfügbar: {reason}</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock spocdesk</source>
        <translation>spocdesk entsperren</translation>
    </message>
    <message>
        <source>Enter the passphrase for your store.</source>
        <translation>Geben Sie die Passphrase für Ihren Datenspeicher ein.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>Geben Sie Ihre Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>ViewList</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Waiting on others</source>
        <translation>Wartet auf andere</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Eskaliert</translation>
    </message>
    <message>
        <source>Follow-up overdue</source>
        <translation>Wiedervorlage überfällig</translation>
    </message>
    <message>
        <source>No follow-up planned</source>
        <translation>Ohne Wiedervorlage</translation>
    </message>
    <message>
        <source>No next step</source>
        <translation>Ohne nächsten Schritt</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA gefährdet</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA verletzt</translation>
    </message>
    <message>
        <source>Resolved this week</source>
        <translation>Diese Woche gelöst</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Case views</source>
        <translation>Fallansichten</translation>
    </message>
    <message numerus="yes">
        <source>{title}: %n cases</source>
        <translation>
            <numerusform>{title}: %n Fall</numerusform>
            <numerusform>{title}: %n Fälle</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WeeksModel</name>
    <message>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>4–5</source>
        <translation>4–5</translation>
    </message>
    <message>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <source>FCR</source>
        <translation>FCR</translation>
    </message>
    <message>
        <source>Response
median · 90 %</source>
        <translation>Antwort
Median · 90 %</translation>
    </message>
    <message>
        <source>Resolution
median · 90 %</source>
        <translation>Lösung
Median · 90 %</translation>
    </message>
    <message>
        <source>median and 90th percentile</source>
        <translation>Median und 90. Perzentil</translation>
    </message>
    <message>
        <source>W{n} · {day}</source>
        <translation>KW {n} · {day}</translation>
    </message>
    <message>
        <source>Double-click or press Enter for the records behind it</source>
        <translation>Doppelklick oder Eingabetaste zeigt die Einträge dahinter</translation>
    </message>
</context>
<context>
    <name>WhenEdit</name>
    <message>
        <source>in 2 hours</source>
        <translation>in 2 Stunden</translation>
    </message>
    <message>
        <source>tomorrow 9:00</source>
        <translation>morgen 9:00</translation>
    </message>
    <message>
        <source>+1 working day</source>
        <translation>+1 Arbeitstag</translation>
    </message>
    <message>
        <source>+3 working days</source>
        <translation>+3 Arbeitstage</translation>
    </message>
    <message>
        <source>Fri 10:00</source>
        <translation>Fr 10:00</translation>
    </message>
    <message>
        <source>next week</source>
        <translation>nächste Woche</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Zeitpunkt</translation>
    </message>
    <message>
        <source>e.g. Fri 10:00, +3 working days</source>
        <translation>z. B. Fr 10:00, +3 Arbeitstage</translation>
    </message>
    <message>
        <source>Type when, as you would say it: tomorrow 9:00, Fri 10:00, +3 working days, next week, in 2 hours, or a date such as 11.12.2026 10:00. Empty: the next working day.</source>
        <translation>Tippen Sie den Zeitpunkt, wie Sie ihn sagen würden: morgen 9:00, Fr 10:00, +3 Arbeitstage, nächste Woche, in 2 Stunden oder ein Datum wie 11.12.2026 10:00. Leer: der nächste Arbeitstag.</translation>
    </message>
    <message>
        <source>Common moments</source>
        <translation>Übliche Zeitpunkte</translation>
    </message>
    <message>
        <source>The moment meant</source>
        <translation>Gemeinter Zeitpunkt</translation>
    </message>
    <message>
        <source>→ ?</source>
        <translation>→ ?</translation>
    </message>
    <message>
        <source>→ {when}</source>
        <translation>→ {when}</translation>
    </message>
</context>
<context>
    <name>WithField</name>
    <message>
        <source>With whom: add a person</source>
        <translation>Mit wem: Person hinzufügen</translation>
    </message>
    <message>
        <source>Add a person…</source>
        <translation>Person hinzufügen…</translation>
    </message>
    <message>
        <source>Type a name, e-mail or phone number; Enter adds the first match, Backspace removes the last person</source>
        <translation>Name, E-Mail-Adresse oder Telefonnummer eingeben; die Eingabetaste fügt den ersten Treffer hinzu, die Rücktaste entfernt die letzte Person</translation>
    </message>
    <message>
        <source>Case people</source>
        <translation>Beteiligte</translation>
    </message>
    <message>
        <source>Add one of the case&apos;s people</source>
        <translation>Eine am Fall beteiligte Person hinzufügen</translation>
    </message>
    <message>
        <source>People it was with</source>
        <translation>Gesprächspartner</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>{name} entfernen</translation>
    </message>
    <message>
        <source>Nobody is involved in this case yet</source>
        <translation>An diesem Fall ist noch niemand beteiligt</translation>
    </message>
</context>
<context>
    <name>field</name>
    <message>
        <source>Deputy&apos;s role on the team server</source>
        <translation>Rolle der Vertretung auf dem Team-Server</translation>
    </message>
    <message>
        <source>none: the deputy gets a pack</source>
        <translation>keine: die Vertretung erhält ein Paket</translation>
    </message>
    <message>
        <source>The deputy logs in with this role and works the handed-over cases on the server, from the first to the last day away</source>
        <translation>Die Vertretung meldet sich mit dieser Rolle an und bearbeitet die übergebenen Fälle auf dem Server, vom ersten bis zum letzten Abwesenheitstag</translation>
    </message>
</context>
<context>
    <name>spocdesk.core</name>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>Der Ordner {folder} existiert nicht.</translation>
    </message>
    <message>
        <source>The briefing could not be written to {target}.</source>
        <translation>Das Briefing konnte nicht nach {target} geschrieben werden.</translation>
    </message>
    <message>
        <source>The briefing could not be written to {target} ({reason}).</source>
        <translation>Das Briefing konnte nicht nach {target} geschrieben werden ({reason}).</translation>
    </message>
    <message>
        <source>There is no store at {path}; create one with &apos;spocdesk init&apos;.</source>
        <translation>Unter {path} gibt es keinen Datenspeicher; legen Sie einen mit „spocdesk init“ an.</translation>
    </message>
    <message>
        <source>A file already exists at {path}; spocdesk will not overwrite it.</source>
        <translation>Unter {path} gibt es bereits eine Datei; spocdesk überschreibt sie nicht.</translation>
    </message>
    <message>
        <source>The passphrase is not correct for this store.</source>
        <translation>Die Passphrase ist für diesen Datenspeicher nicht richtig.</translation>
    </message>
    <message>
        <source>{path} is not a spocdesk store: {why}.</source>
        <translation>{path} ist kein spocdesk-Datenspeicher: {why}.</translation>
    </message>
    <message>
        <source>The store at {path} is damaged ({why}); restore it from a backup.</source>
        <translation>Der Datenspeicher unter {path} ist beschädigt ({why}); stellen Sie ihn aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The store at {path} is damaged; restore it from a backup.</source>
        <translation>Der Datenspeicher unter {path} ist beschädigt; stellen Sie ihn aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The store at {path} is already open in another spocdesk window or command; close that one first.</source>
        <translation>Der Datenspeicher unter {path} ist bereits in einem anderen spocdesk-Fenster oder -Befehl geöffnet; schließen Sie diesen zuerst.</translation>
    </message>
    <message>
        <source>The store at {path} was written by a newer spocdesk; update spocdesk to open it.</source>
        <translation>Der Datenspeicher unter {path} wurde von einer neueren spocdesk-Version geschrieben; aktualisieren Sie spocdesk, um ihn zu öffnen.</translation>
    </message>
    <message>
        <source>The store is busy: another spocdesk window or command kept it for too long. Nothing was saved; try again.</source>
        <translation>Der Datenspeicher ist beschäftigt: ein anderes spocdesk-Fenster oder ein Befehl hat ihn zu lange belegt. Es wurde nichts gespeichert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The store is locked; unlock it first.</source>
        <translation>Der Datenspeicher ist gesperrt; entsperren Sie ihn zuerst.</translation>
    </message>
    <message>
        <source>The disk is full; nothing was saved. Free some space and try again.</source>
        <translation>Der Datenträger ist voll; es wurde nichts gespeichert. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The store at {path} cannot be written (read-only file or folder).</source>
        <translation>In den Datenspeicher unter {path} kann nicht geschrieben werden (schreibgeschützte Datei oder schreibgeschützter Ordner).</translation>
    </message>
    <message>
        <source>The team server {where} cannot be reached ({reason}); nothing was changed.</source>
        <translation>Der Team-Server {where} ist nicht erreichbar ({reason}); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>The team server {where} refused the role&apos;s password.</source>
        <translation>Der Team-Server {where} hat das Passwort der Rolle abgelehnt.</translation>
    </message>
    <message>
        <source>Your role on the team server {where} lacks the rights for this; ask the server&apos;s administrator.</source>
        <translation>Ihrer Rolle auf dem Team-Server {where} fehlen dafür die Rechte; wenden Sie sich an die Administration des Servers.</translation>
    </message>
    <message>
        <source>This works on a store file only: on a team server, backups are pg_dump&apos;s, and integrity and passwords are for its administrator.</source>
        <translation>Das geht nur mit einer Speicherdatei: Auf einem Teamserver sind Sicherungen Sache von pg_dump, Integrität und Passwörter Sache seiner Administration.</translation>
    </message>
    <message>
        <source>A passphrase is needed: set SPOCDESK_PASSPHRASE, use --passphrase-file, or run from a terminal.</source>
        <translation>Eine Passphrase wird benötigt: Setzen Sie SPOCDESK_PASSPHRASE, verwenden Sie --passphrase-file oder starten Sie aus einem Terminal.</translation>
    </message>
    <message>
        <source>{what} was changed meanwhile ({fields}); nothing was saved.</source>
        <translation>{what} wurde zwischenzeitlich geändert ({fields}); nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>{what} was changed meanwhile; nothing was saved.</source>
        <translation>{what} wurde zwischenzeitlich geändert; nichts wurde gespeichert.</translation>
    </message>
    <message>
        <source>Google Contacts</source>
        <translation>Google Kontakte</translation>
    </message>
    <message>
        <source>Outlook</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <source>Thunderbird</source>
        <translation>Thunderbird</translation>
    </message>
    <message>
        <source>Apple / iCloud</source>
        <translation>Apple / iCloud</translation>
    </message>
    <message>
        <source>LinkedIn connections</source>
        <translation>LinkedIn-Kontakte</translation>
    </message>
    <message>
        <source>CSV with a column mapping</source>
        <translation>CSV mit Spaltenzuordnung</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not of the form COLUMN=FIELD.</source>
        <translation>„{item}“ hat nicht die Form SPALTE=FELD.</translation>
    </message>
    <message>
        <source>&apos;{field}&apos; is not a field; use one of: {fields}.</source>
        <translation>„{field}“ ist kein Feld; möglich sind: {fields}.</translation>
    </message>
    <message>
        <source>The CSV file cannot be read near line {start}: {reason}.</source>
        <translation>Die CSV-Datei kann um Zeile {start} nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>the CSV file is empty</source>
        <translation>die CSV-Datei ist leer</translation>
    </message>
    <message>
        <source>The CSV file has no column named &apos;{name}&apos;.</source>
        <translation>Die CSV-Datei hat keine Spalte namens „{name}“.</translation>
    </message>
    <message>
        <source>No column of this CSV file holds a name; choose which columns hold what.</source>
        <translation>Keine Spalte dieser CSV-Datei enthält einen Namen; legen Sie fest, welche Spalte was enthält.</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>Zeile {line}</translation>
    </message>
    <message>
        <source>{fields} fields where the header has {columns}</source>
        <translation>{fields} Felder, die Kopfzeile hat aber {columns}</translation>
    </message>
    <message>
        <source>no name</source>
        <translation>kein Name</translation>
    </message>
    <message>
        <source>There is no absence with id {id}.</source>
        <translation>Es gibt keine Abwesenheit mit der ID {id}.</translation>
    </message>
    <message>
        <source>{role} in {ref}</source>
        <translation>{role} in {ref}</translation>
    </message>
    <message>
        <source>Handover briefing</source>
        <translation>Übergabe-Briefing</translation>
    </message>
    <message>
        <source>Absence:</source>
        <translation>Abwesenheit:</translation>
    </message>
    <message>
        <source>Deputy:</source>
        <translation>Vertretung:</translation>
    </message>
    <message>
        <source>I — Severity:</source>
        <translation>I — Schweregrad:</translation>
    </message>
    <message>
        <source>P — Summary:</source>
        <translation>P — Zusammenfassung:</translation>
    </message>
    <message>
        <source>A — Actions:</source>
        <translation>A — Aufgaben:</translation>
    </message>
    <message>
        <source>S — Situation awareness:</source>
        <translation>S — Lagebild:</translation>
    </message>
    <message>
        <source>Contingencies (if/then):</source>
        <translation>Wenn-dann-Regeln:</translation>
    </message>
    <message>
        <source>S — Synthesis by the receiver:</source>
        <translation>S — Zusammenfassung durch den Empfänger:</translation>
    </message>
    <message>
        <source>Follow-up calendar</source>
        <translation>Wiedervorlagen im Zeitraum</translation>
    </message>
    <message>
        <source>No follow-up falls in the absence.</source>
        <translation>In die Abwesenheit fällt keine Wiedervorlage.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Key contacts</source>
        <translation>Wichtige Ansprechpartner</translation>
    </message>
    <message>
        <source>No stakeholders are involved.</source>
        <translation>Es sind keine Ansprechpartner beteiligt.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Involved</source>
        <translation>Beteiligt</translation>
    </message>
    <message>
        <source>Preferred</source>
        <translation>Bevorzugt</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Überblick</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Nächste Wiedervorlage</translation>
    </message>
    <message>
        <source>Main contact</source>
        <translation>Hauptansprechpartner</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} bis {end}</translation>
    </message>
    <message>
        <source>No follow-up planned</source>
        <translation>Keine Wiedervorlage geplant</translation>
    </message>
    <message>
        <source>Cases ({n})</source>
        <translation>Fälle ({n})</translation>
    </message>
    <message>
        <source> — draft, not reviewed</source>
        <translation> — Entwurf, nicht geprüft</translation>
    </message>
    <message>
        <source>{status}, priority {priority}</source>
        <translation>{status}, Priorität {priority}</translation>
    </message>
    <message>
        <source>, due {due}</source>
        <translation>, fällig {due}</translation>
    </message>
    <message>
        <source>acknowledged by {name}</source>
        <translation>bestätigt von {name}</translation>
    </message>
    <message>
        <source>not yet acknowledged</source>
        <translation>noch nicht bestätigt</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation> (überfällig)</translation>
    </message>
    <message>
        <source>The handover pack could not be merged ({why}); nothing was changed.</source>
        <translation>Das Übergabepaket konnte nicht zusammengeführt werden ({why}); es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Nothing to merge: this pack brings no change (already merged?).</source>
        <translation>Nichts zusammenzuführen: Dieses Paket bringt keine Änderung (schon zusammengeführt?).</translation>
    </message>
    <message>
        <source>{ref} {title} (new case)</source>
        <translation>{ref} {title} (neuer Fall)</translation>
    </message>
    <message>
        <source>  logged: {text}</source>
        <translation>  erfasst: {text}</translation>
    </message>
    <message>
        <source>  status: {before} → {after}</source>
        <translation>  Status: {before} → {after}</translation>
    </message>
    <message>
        <source>  follow-up done: {title}</source>
        <translation>  Wiedervorlage erledigt: {title}</translation>
    </message>
    <message>
        <source>  follow-up added: {title}</source>
        <translation>  Wiedervorlage angelegt: {title}</translation>
    </message>
    <message>
        <source>  stakeholder added: {name}</source>
        <translation>  Ansprechpartner hinzugefügt: {name}</translation>
    </message>
    <message>
        <source>  note acknowledged {by}</source>
        <translation>  Übergabenotiz bestätigt {by}</translation>
    </message>
    <message>
        <source>  satisfaction recorded: {csat} of 5</source>
        <translation>  Zufriedenheit erfasst: {csat} von 5</translation>
    </message>
    <message>
        <source>  {n} conflicting record(s), see below</source>
        <translation>  {n} Datensätze mit Konflikt, siehe unten</translation>
    </message>
    <message>
        <source>New stakeholders: {names}</source>
        <translation>Neue Ansprechpartner: {names}</translation>
    </message>
    <message>
        <source>Case {old} from the pack is now {new}.</source>
        <translation>Der Fall {old} aus dem Paket ist jetzt {new}.</translation>
    </message>
    <message>
        <source>case participant {id}</source>
        <translation>Fallbeteiligung {id}</translation>
    </message>
    <message>
        <source>escalation {id}</source>
        <translation>Eskalation {id}</translation>
    </message>
    <message>
        <source>absence {id}</source>
        <translation>Abwesenheit {id}</translation>
    </message>
    <message>
        <source>absence case {id}</source>
        <translation>übergebener Fall {id}</translation>
    </message>
    <message>
        <source>case {ref} {title}</source>
        <translation>Fall {ref} {title}</translation>
    </message>
    <message>
        <source>stakeholder {name}</source>
        <translation>Ansprechpartner {name}</translation>
    </message>
    <message>
        <source>follow-up {title}</source>
        <translation>Wiedervorlage {title}</translation>
    </message>
    <message>
        <source>handover note for a case</source>
        <translation>Übergabenotiz zu einem Fall</translation>
    </message>
    <message>
        <source>handover note for {ref}</source>
        <translation>Übergabenotiz zu {ref}</translation>
    </message>
    <message>
        <source>contact point {value}</source>
        <translation>Kontaktangabe {value}</translation>
    </message>
    <message>
        <source>The {record} no longer exists here; the deputy&apos;s changes to it were not taken.</source>
        <translation>Den Datensatz „{record}“ gibt es hier nicht mehr; die Änderungen der Vertretung daran wurden nicht übernommen.</translation>
    </message>
    <message>
        <source>The {record} pointed to a record erased here; that link was dropped.</source>
        <translation>{record}: verwies auf einen hier gelöschten Datensatz; diese Verknüpfung wurde entfernt.</translation>
    </message>
    <message>
        <source>The {record} belongs to a record erased here; it was not taken.</source>
        <translation>{record}: gehört zu einem hier gelöschten Datensatz; nicht übernommen.</translation>
    </message>
    <message>
        <source>by {name}: {synthesis}</source>
        <translation>von {name}: {synthesis}</translation>
    </message>
    <message>
        <source>by {name}</source>
        <translation>von {name}</translation>
    </message>
    <message>
        <source>by the deputy: {synthesis}</source>
        <translation>von der Vertretung: {synthesis}</translation>
    </message>
    <message>
        <source>by the deputy</source>
        <translation>von der Vertretung</translation>
    </message>
    <message>
        <source>its records do not fit this store</source>
        <translation>seine Datensätze passen nicht zu diesem Datenspeicher</translation>
    </message>
    <message>
        <source>The handover pack {path} is damaged ({why}); nothing was read from it, ask for it to be sent again.</source>
        <translation>Das Übergabepaket {path} ist beschädigt ({why}); es wurde nichts daraus gelesen. Bitten Sie darum, es erneut zu senden.</translation>
    </message>
    <message>
        <source>The handover pack {path} is damaged; nothing was read from it, ask for it to be sent again.</source>
        <translation>Das Übergabepaket {path} ist beschädigt; es wurde nichts daraus gelesen. Bitten Sie darum, es erneut zu senden.</translation>
    </message>
    <message>
        <source>The passphrase is not correct for this handover pack.</source>
        <translation>Die Passphrase ist für dieses Übergabepaket nicht richtig.</translation>
    </message>
    <message>
        <source>{path} is a spocdesk store but not a handover pack.</source>
        <translation>{path} ist ein spocdesk-Datenspeicher, aber kein Übergabepaket.</translation>
    </message>
    <message>
        <source>The handover pack {path} has format version {version}, which this spocdesk cannot read; update spocdesk.</source>
        <translation>Das Übergabepaket {path} hat die Formatversion {version}, die diese spocdesk-Version nicht lesen kann; aktualisieren Sie spocdesk.</translation>
    </message>
    <message>
        <source>The handover pack {path} was made from another store; it can only be merged back into the store it came from.</source>
        <translation>Das Übergabepaket {path} wurde aus einem anderen Datenspeicher erstellt; es kann nur in den Datenspeicher zurückgeführt werden, aus dem es stammt.</translation>
    </message>
    <message>
        <source>its manifest cannot be read</source>
        <translation>sein Manifest kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>its manifest is incomplete</source>
        <translation>sein Manifest ist unvollständig</translation>
    </message>
    <message>
        <source>its {key} cannot be read</source>
        <translation>sein Eintrag {key} kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>A handover pack needs its own passphrase.</source>
        <translation>Ein Übergabepaket braucht eine eigene Passphrase.</translation>
    </message>
    <message>
        <source>This store has no identity yet; open it once with this spocdesk version and try again.</source>
        <translation>Dieser Datenspeicher hat noch keine Kennung; öffnen Sie ihn einmal mit dieser spocdesk-Version und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>the file is truncated</source>
        <translation>die Datei ist abgeschnitten</translation>
    </message>
    <message>
        <source>page {page} of {count} fails its authentication check</source>
        <translation>Seite {page} von {count} besteht die Echtheitsprüfung nicht</translation>
    </message>
    <message>
        <source>There is no handover pack at {path}.</source>
        <translation>Unter {path} gibt es kein Übergabepaket.</translation>
    </message>
    <message>
        <source>it is an unencrypted SQLite database</source>
        <translation>die Datei ist eine unverschlüsselte SQLite-Datenbank</translation>
    </message>
    <message>
        <source>it cannot be read</source>
        <translation>die Datei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>some pages fail their authentication check</source>
        <translation>einige Seiten bestehen die Echtheitsprüfung nicht</translation>
    </message>
    <message>
        <source>Choose another file than the handover pack itself.</source>
        <translation>Wählen Sie eine andere Datei als das Übergabepaket selbst.</translation>
    </message>
    <message>
        <source>The copy of the handover pack could not be verified; nothing was written.</source>
        <translation>Die Kopie des Übergabepakets konnte nicht geprüft werden; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>The passphrase file {path} cannot be read.</source>
        <translation>Die Passphrase-Datei {path} kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The passphrase file {path} is empty.</source>
        <translation>Die Passphrase-Datei {path} ist leer.</translation>
    </message>
    <message>
        <source>Too short: use at least {count} characters.</source>
        <translation>Zu kurz: Verwenden Sie mindestens {count} Zeichen.</translation>
    </message>
    <message>
        <source>Weak: a longer phrase of several words is easier to remember and harder to guess.</source>
        <translation>Schwach: Ein längerer Satz aus mehreren Wörtern ist leichter zu merken und schwerer zu erraten.</translation>
    </message>
    <message>
        <source>Fair: adding another word or two makes it much stronger.</source>
        <translation>Mittel: Ein oder zwei weitere Wörter machen sie viel stärker.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Gut.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Stark.</translation>
    </message>
    <message>
        <source>The two passphrases are not the same.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source>January</source>
        <translation>Januar</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Februar</translation>
    </message>
    <message>
        <source>March</source>
        <translation>März</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Dezember</translation>
    </message>
    <message>
        <source>first</source>
        <translation>ersten</translation>
    </message>
    <message>
        <source>second</source>
        <translation>zweiten</translation>
    </message>
    <message>
        <source>third</source>
        <translation>dritten</translation>
    </message>
    <message>
        <source>fourth</source>
        <translation>vierten</translation>
    </message>
    <message>
        <source>fifth</source>
        <translation>fünften</translation>
    </message>
    <message>
        <source>last</source>
        <translation>letzten</translation>
    </message>
    <message>
        <source>second-to-last</source>
        <translation>vorletzten</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>jeden Tag</translation>
    </message>
    <message>
        <source>every {n} days</source>
        <translation>alle {n} Tage</translation>
    </message>
    <message>
        <source>every week</source>
        <translation>jede Woche</translation>
    </message>
    <message>
        <source>every {n} weeks</source>
        <translation>alle {n} Wochen</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>jeden Monat</translation>
    </message>
    <message>
        <source>every {n} months</source>
        <translation>alle {n} Monate</translation>
    </message>
    <message>
        <source>every year</source>
        <translation>jedes Jahr</translation>
    </message>
    <message>
        <source>every {n} years</source>
        <translation>alle {n} Jahre</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a known time zone; use a name like Europe/Berlin.</source>
        <translation>„{name}“ ist keine bekannte Zeitzone; verwenden Sie einen Namen wie Europe/Berlin.</translation>
    </message>
    <message>
        <source>{name} needs whole numbers from {low} to {high} other than 0, not &apos;{token}&apos;.</source>
        <translation>{name} braucht ganze Zahlen von {low} bis {high} außer 0, nicht „{token}“.</translation>
    </message>
    <message>
        <source>The repeat rule is empty; give one like FREQ=WEEKLY;BYDAY=MO.</source>
        <translation>Die Wiederholungsregel ist leer; geben Sie eine an wie FREQ=WEEKLY;BYDAY=MO.</translation>
    </message>
    <message>
        <source>&apos;{piece}&apos; in the repeat rule is not of the form NAME=VALUE.</source>
        <translation>„{piece}“ in der Wiederholungsregel hat nicht die Form NAME=WERT.</translation>
    </message>
    <message>
        <source>The repeat rule part &apos;{name}&apos; is not supported.</source>
        <translation>Der Teil „{name}“ der Wiederholungsregel wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>The repeat rule gives {name} twice.</source>
        <translation>Die Wiederholungsregel gibt {name} zweimal an.</translation>
    </message>
    <message>
        <source>The repeat rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY).</source>
        <translation>Die Wiederholungsregel braucht FREQ (DAILY, WEEKLY, MONTHLY oder YEARLY).</translation>
    </message>
    <message>
        <source>FREQ={freq} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY.</source>
        <translation>FREQ={freq} wird nicht unterstützt; verwenden Sie DAILY, WEEKLY, MONTHLY oder YEARLY.</translation>
    </message>
    <message>
        <source>{name} needs a whole number from 1 to 9999.</source>
        <translation>{name} braucht eine ganze Zahl von 1 bis 9999.</translation>
    </message>
    <message>
        <source>A repeat rule can have COUNT or UNTIL, not both.</source>
        <translation>Eine Wiederholungsregel kann COUNT oder UNTIL haben, nicht beides.</translation>
    </message>
    <message>
        <source>UNTIL needs a date like 20261231 or 20261231T235959Z.</source>
        <translation>UNTIL braucht ein Datum wie 20261231 oder 20261231T235959Z.</translation>
    </message>
    <message>
        <source>WKST needs a weekday: MO, TU, WE, TH, FR, SA or SU.</source>
        <translation>WKST braucht einen Wochentag: MO, TU, WE, TH, FR, SA oder SU.</translation>
    </message>
    <message>
        <source>&apos;{token}&apos; is not a weekday; use MO, TU, WE, TH, FR, SA, SU or 2TU.</source>
        <translation>„{token}“ ist kein Wochentag; verwenden Sie MO, TU, WE, TH, FR, SA, SU oder 2TU.</translation>
    </message>
    <message>
        <source>&apos;{token}&apos; has no such numbered weekday.</source>
        <translation>„{token}“: Einen solchen nummerierten Wochentag gibt es nicht.</translation>
    </message>
    <message>
        <source>A numbered weekday like 2TU needs FREQ=MONTHLY or FREQ=YEARLY.</source>
        <translation>Ein nummerierter Wochentag wie 2TU braucht FREQ=MONTHLY oder FREQ=YEARLY.</translation>
    </message>
    <message>
        <source>UNTIL={value} is not a real date.</source>
        <translation>UNTIL={value} ist kein gültiges Datum.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a date and time.</source>
        <translation>„{value}“ ist kein Datum mit Uhrzeit.</translation>
    </message>
    <message>
        <source>The repeat rule ends (UNTIL) before it starts.</source>
        <translation>Die Wiederholungsregel endet (UNTIL), bevor sie beginnt.</translation>
    </message>
    <message>
        <source>The repeat rule never produces a date; check its day and month parts.</source>
        <translation>Die Wiederholungsregel ergibt nie ein Datum; prüfen Sie ihre Tages- und Monatsangaben.</translation>
    </message>
    <message>
        <source>The repeat rule cannot be read; give one like FREQ=WEEKLY;BYDAY=MO.</source>
        <translation>Die Wiederholungsregel kann nicht gelesen werden; geben Sie eine an wie FREQ=WEEKLY;BYDAY=MO.</translation>
    </message>
    <message>
        <source>{n}.</source>
        <translation>{n}.</translation>
    </message>
    <message>
        <source>{rule} on {days}</source>
        <translation>{rule} am {days}</translation>
    </message>
    <message>
        <source>{rule} on day {days}</source>
        <translation>{rule} am Tag {days}</translation>
    </message>
    <message>
        <source>{rule} on {day} {months}</source>
        <translation>{rule} am {day}. {months}</translation>
    </message>
    <message>
        <source>{rule} on the {days}</source>
        <translation>{rule} am {days}</translation>
    </message>
    <message>
        <source>{rule} on the last day</source>
        <translation>{rule} am letzten Tag</translation>
    </message>
    <message>
        <source>the last day</source>
        <translation>letzter Tag</translation>
    </message>
    <message>
        <source>{rule} of {months}</source>
        <translation>{rule} im {months}</translation>
    </message>
    <message>
        <source>{rule} in {months}</source>
        <translation>{rule} im {months}</translation>
    </message>
    <message>
        <source>{rule} at {time} {zone}</source>
        <translation>{rule} um {time} Uhr ({zone})</translation>
    </message>
    <message>
        <source>{rule} at {time}</source>
        <translation>{rule} um {time} Uhr</translation>
    </message>
    <message>
        <source>{rule}, once</source>
        <translation>{rule}, einmal</translation>
    </message>
    <message>
        <source>{rule}, {count} times</source>
        <translation>{rule}, {count}-mal</translation>
    </message>
    <message>
        <source>{rule}, until {year}-{month}-{day}</source>
        <translation>{rule}, bis {day}.{month}.{year}</translation>
    </message>
    <message>
        <source>An absence cannot end before it starts.</source>
        <translation>Eine Abwesenheit kann nicht enden, bevor sie beginnt.</translation>
    </message>
    <message>
        <source>The days of interactions to hand over must be between 0 and {max}.</source>
        <translation>Die Anzahl der Tage an Interaktionen, die übergeben werden, muss zwischen 0 und {max} liegen.</translation>
    </message>
    <message>
        <source>There is no case with id {id}.</source>
        <translation>Es gibt keinen Fall mit der ID {id}.</translation>
    </message>
    <message>
        <source>&apos;{severity}&apos; is not a severity; use one of: {choices}.</source>
        <translation>„{severity}“ ist kein Schweregrad; verwenden Sie einen von: {choices}.</translation>
    </message>
    <message>
        <source>An acknowledgement needs the receiver&apos;s name.</source>
        <translation>Eine Bestätigung braucht den Namen des Empfängers.</translation>
    </message>
    <message>
        <source>There is no handover note with id {id}.</source>
        <translation>Es gibt keine Übergabenotiz mit der ID {id}.</translation>
    </message>
    <message>
        <source>{n} of {total} cases have no handover note.</source>
        <translation>{n} von {total} Fällen haben keine Übergabenotiz.</translation>
    </message>
    <message>
        <source>{n} of {total} notes are drafts nobody reviewed.</source>
        <translation>{n} von {total} Notizen sind ungeprüfte Entwürfe.</translation>
    </message>
    <message>
        <source>{n} of {total} cases have no contingency.</source>
        <translation>{n} von {total} Fällen haben keine Wenn-dann-Regel.</translation>
    </message>
    <message>
        <source>{n} of {total} cases have no action.</source>
        <translation>{n} von {total} Fällen haben keine Aufgabe.</translation>
    </message>
    <message>
        <source>{n} of {total} cases are not acknowledged by the deputy.</source>
        <translation>{n} von {total} Fällen sind von der Vertretung nicht bestätigt.</translation>
    </message>
    <message>
        <source>There is no backup at {path}.</source>
        <translation>Unter {path} gibt es keine Sicherung.</translation>
    </message>
    <message>
        <source>The backup at {path} is damaged ({why}); nothing was restored.</source>
        <translation>Die Sicherung unter {path} ist beschädigt ({why}); es wurde nichts wiederhergestellt.</translation>
    </message>
    <message>
        <source>The backup at {path} is damaged; nothing was restored.</source>
        <translation>Die Sicherung unter {path} ist beschädigt; es wurde nichts wiederhergestellt.</translation>
    </message>
    <message>
        <source>{path} is a handover pack, not a backup; nothing was restored. Take a deputy&apos;s work back with Handover → Merge returned pack… or &apos;spocdesk handover merge&apos;.</source>
        <translation>{path} ist ein Übergabepaket, keine Sicherung; es wurde nichts wiederhergestellt. Die Arbeit einer Vertretung übernehmen Sie mit Übergabe → Rückgabe zusammenführen… oder &apos;spocdesk handover merge&apos;.</translation>
    </message>
    <message>
        <source>{path} is a backup of another store, not of this one; nothing was restored. To replace this store with that other store of yours, restore it with --force.</source>
        <translation>{path} ist eine Sicherung eines anderen Datenspeichers, nicht dieses; es wurde nichts wiederhergestellt. Um diesen Datenspeicher durch jenen anderen Datenspeicher zu ersetzen, stellen Sie ihn mit --force wieder her.</translation>
    </message>
    <message>
        <source>spocdesk cannot tell whether {path} is a backup of this store (the store does not open with the backup&apos;s passphrase); nothing was restored. If it is yours, restore it with --force.</source>
        <translation>spocdesk kann nicht feststellen, ob {path} eine Sicherung dieses Datenspeichers ist (der Datenspeicher öffnet sich nicht mit der Passphrase der Sicherung); es wurde nichts wiederhergestellt. Wenn sie Ihnen gehört, stellen Sie sie mit --force wieder her.</translation>
    </message>
    <message>
        <source>the file is too short</source>
        <translation>die Datei ist zu kurz</translation>
    </message>
    <message>
        <source>it holds no spocdesk data</source>
        <translation>die Datei enthält keine spocdesk-Daten</translation>
    </message>
    <message>
        <source>That file is the store itself; choose a backup.</source>
        <translation>Diese Datei ist der Datenspeicher selbst; wählen Sie eine Sicherung.</translation>
    </message>
    <message>
        <source>The store at {target} could not be replaced; nothing was changed.</source>
        <translation>Der Datenspeicher unter {target} konnte nicht ersetzt werden; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>There is no stakeholder with id {id}.</source>
        <translation>Es gibt keinen Ansprechpartner mit der ID {id}.</translation>
    </message>
    <message>
        <source>Say to whom the case is escalated.</source>
        <translation>Geben Sie an, an wen der Fall eskaliert wird.</translation>
    </message>
    <message>
        <source>An escalation needs a reason.</source>
        <translation>Eine Eskalation braucht einen Grund.</translation>
    </message>
    <message>
        <source>There is no escalation with id {id}.</source>
        <translation>Es gibt keine Eskalation mit der ID {id}.</translation>
    </message>
    <message>
        <source>That escalation already has an outcome.</source>
        <translation>Diese Eskalation hat bereits ein Ergebnis.</translation>
    </message>
    <message>
        <source>Describe the outcome of the escalation.</source>
        <translation>Beschreiben Sie das Ergebnis der Eskalation.</translation>
    </message>
    <message>
        <source>Case {ref} has no escalation waiting for an outcome.</source>
        <translation>Fall {ref} hat keine Eskalation, die auf ein Ergebnis wartet.</translation>
    </message>
    <message>
        <source>&apos;{view}&apos; is not a case view; use one of: {choices}.</source>
        <extracomment>the store&apos;s database (:mod:`spocdesk.core.store.backend`): how text is matched</extracomment>
        <translation>„{view}“ ist keine Fallansicht; verwenden Sie eine von: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{column}&apos; is not a case list column; use one of: {choices}.</source>
        <translation>„{column}“ ist keine Spalte der Fallliste; verwenden Sie eine von: {choices}.</translation>
    </message>
    <message>
        <source>A case needs a title.</source>
        <translation>Ein Fall braucht einen Titel.</translation>
    </message>
    <message>
        <source>A due date needs a time zone.</source>
        <translation>Ein Fälligkeitsdatum braucht eine Zeitzone.</translation>
    </message>
    <message>
        <source>title</source>
        <extracomment>the editable fields of a case, in the words a conflict names them</extracomment>
        <translation>Titel</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>nächster Schritt</translation>
    </message>
    <message>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Case {ref}</source>
        <translation>Fall {ref}</translation>
    </message>
    <message>
        <source>That stakeholder is not involved in case {ref}.</source>
        <translation>Dieser Ansprechpartner ist an Fall {ref} nicht beteiligt.</translation>
    </message>
    <message>
        <source>A stakeholder&apos;s role in a case cannot be empty.</source>
        <translation>Die Rolle eines Ansprechpartners in einem Fall darf nicht leer sein.</translation>
    </message>
    <message>
        <source>That stakeholder is already involved in case {ref}.</source>
        <translation>Dieser Ansprechpartner ist bereits an Fall {ref} beteiligt.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a status; use one of: {choices}.</source>
        <translation>„{value}“ ist kein Status; verwenden Sie einen von: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a priority; use one of: {choices}.</source>
        <translation>„{value}“ ist keine Priorität; verwenden Sie eine von: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a channel; use one of: {choices}.</source>
        <translation>„{value}“ ist kein Kanal; verwenden Sie einen von: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a direction; use one of: {choices}.</source>
        <translation>„{value}“ ist keine Richtung; verwenden Sie eine von: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a template kind; use one of: {choices}.</source>
        <translation>„{value}“ ist keine Vorlagenart; verwenden Sie eine von: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a {what}; use one of: {choices}.</source>
        <translation>„{value}“ ist kein gültiger Wert für {what}; verwenden Sie einen von: {choices}.</translation>
    </message>
    <message>
        <source>There is no case {ref}.</source>
        <translation>Es gibt keinen Fall {ref}.</translation>
    </message>
    <message>
        <source>Minutes spent must be a whole number from 0 to {most}.</source>
        <translation>Die aufgewendeten Minuten müssen eine ganze Zahl von 0 bis {most} sein.</translation>
    </message>
    <message>
        <source>A log entry needs a summary.</source>
        <translation>Ein Eintrag braucht eine Zusammenfassung.</translation>
    </message>
    <message>
        <source>&apos;{version}&apos; is not a vCard version spocdesk writes; use 4.0 or 3.0.</source>
        <translation>„{version}“ ist keine vCard-Version, die spocdesk schreibt; verwenden Sie 4.0 oder 3.0.</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was changed.</source>
        <translation>Der Import wurde abgebrochen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>{name} holds no contacts: it is neither a vCard file nor a contacts CSV file.</source>
        <translation>{name} enthält keine Kontakte: Die Datei ist weder eine vCard- noch eine Kontakt-CSV-Datei.</translation>
    </message>
    <message>
        <source>{path} cannot be read ({reason}).</source>
        <translation>{path} kann nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>&apos;{choice}&apos; is not a choice for a duplicate; use merge, skip or add.</source>
        <translation>„{choice}“ ist keine Auswahl für ein Duplikat; verwenden Sie merge, skip oder add.</translation>
    </message>
    <message>
        <source>{target} is not one of the stakeholders this contact looks like.</source>
        <translation>{target} ist keiner der Ansprechpartner, denen dieser Kontakt ähnelt.</translation>
    </message>
    <message>
        <source>{where}: a stakeholder needs a name.</source>
        <translation>{where}: Ein Ansprechpartner braucht einen Namen.</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a kind of stakeholder.</source>
        <translation>„{kind}“ ist keine Art von Ansprechpartner.</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a kind of contact point.</source>
        <translation>„{kind}“ ist keine Art von Kontaktangabe.</translation>
    </message>
    <message>
        <source>A stakeholder cannot be merged with itself.</source>
        <translation>Ein Ansprechpartner kann nicht mit sich selbst zusammengeführt werden.</translation>
    </message>
    <message>
        <source>A follow-up needs a title.</source>
        <translation>Eine Wiedervorlage braucht einen Titel.</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a kind of follow-up; use task or stay_in_touch.</source>
        <translation>„{kind}“ ist keine Art von Wiedervorlage; verwenden Sie task oder stay_in_touch.</translation>
    </message>
    <message>
        <source>A repeating follow-up needs a due date for its first time.</source>
        <translation>Eine wiederkehrende Wiedervorlage braucht ein Fälligkeitsdatum für ihren ersten Termin.</translation>
    </message>
    <message>
        <source>There is no follow-up with id {id}.</source>
        <translation>Es gibt keine Wiedervorlage mit der ID {id}.</translation>
    </message>
    <message>
        <source>That follow-up is already done.</source>
        <translation>Diese Wiedervorlage ist bereits erledigt.</translation>
    </message>
    <message>
        <source>Only a repeating follow-up has an occurrence to skip.</source>
        <translation>Nur eine wiederkehrende Wiedervorlage hat einen Termin, der übersprungen werden kann.</translation>
    </message>
    <message>
        <source>A snooze time needs a time zone.</source>
        <translation>Eine Zurückstellungszeit braucht eine Zeitzone.</translation>
    </message>
    <message>
        <source>A follow-up can only be snoozed until a moment in the future.</source>
        <translation>Eine Wiedervorlage kann nur bis zu einem Zeitpunkt in der Zukunft zurückgestellt werden.</translation>
    </message>
    <message>
        <source>Only the last done occurrence of a repeating follow-up can be taken back.</source>
        <translation>Nur der zuletzt erledigte Termin einer wiederkehrenden Wiedervorlage kann zurückgenommen werden.</translation>
    </message>
    <message>
        <source>There is nothing to undo for this follow-up.</source>
        <translation>Bei dieser Wiedervorlage gibt es nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>A stay-in-touch cadence is from 1 to {max} days.</source>
        <translation>Ein Kontaktrhythmus beträgt 1 bis {max} Tage.</translation>
    </message>
    <message>
        <source>&apos;{due}&apos; is not a due filter; use one of: {choices}.</source>
        <translation>„{due}“ ist kein Fälligkeitsfilter; verwenden Sie einen von: {choices}.</translation>
    </message>
    <message>
        <source>&apos;{period}&apos; is not a period; use one of: {choices}.</source>
        <translation>„{period}“ ist kein Zeitraum; verwenden Sie einen von: {choices}.</translation>
    </message>
    <message>
        <source>The SLA targets for {priority} priority must be above zero.</source>
        <translation>Die SLA-Ziele für die Priorität {priority} müssen größer als null sein.</translation>
    </message>
    <message>
        <source>Auto-lock minutes cannot be negative (0 turns it off).</source>
        <translation>Die Minuten bis zur automatischen Sperre dürfen nicht negativ sein (0 schaltet sie aus).</translation>
    </message>
    <message>
        <source>Keep at least one daily backup.</source>
        <translation>Behalten Sie mindestens eine tägliche Sicherung.</translation>
    </message>
    <message>
        <source>The &apos;at risk&apos; point must lie between 0 % and 100 % of the time.</source>
        <translation>Der Punkt „gefährdet“ muss zwischen 0 % und 100 % der Zeit liegen.</translation>
    </message>
    <message>
        <source>A handover pack must carry at least one day of interactions.</source>
        <translation>Ein Übergabepaket muss mindestens einen Tag an Interaktionen enthalten.</translation>
    </message>
    <message>
        <source>The working week needs at least one working day, and its hours must start before they end.</source>
        <translation>Die Arbeitswoche braucht mindestens einen Arbeitstag, und ihre Arbeitszeit muss beginnen, bevor sie endet.</translation>
    </message>
    <message>
        <source>The size kept of one e-mail must lie between {low} and {high} MB.</source>
        <translation>Die aufbewahrte Größe einer E-Mail muss zwischen {low} und {high} MB liegen.</translation>
    </message>
    <message>
        <source>The setting &apos;{setting}&apos; is out of its range.</source>
        <translation>Die Einstellung „{setting}“ liegt außerhalb ihres Bereichs.</translation>
    </message>
    <message>
        <source>&apos;{kind}&apos; is not a kind of record; use one of: {choices}.</source>
        <translation>„{kind}“ ist keine Art von Datensatz; verwenden Sie eine von: {choices}.</translation>
    </message>
    <message>
        <source>A contact point needs a value.</source>
        <translation>Eine Kontaktangabe braucht einen Wert.</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address; write it like name@example.org.</source>
        <translation>„{value}“ ist keine E-Mail-Adresse; schreiben Sie sie wie name@example.org.</translation>
    </message>
    <message>
        <source>“{value}” is not a phone number; use 3 to 20 digits with spaces, + ( ) - . or / only.</source>
        <translation>„{value}“ ist keine Telefonnummer; verwenden Sie 3 bis 20 Ziffern und nur Leerzeichen, + ( ) - . oder /.</translation>
    </message>
    <message>
        <source>A stakeholder needs a name.</source>
        <translation>Ein Ansprechpartner braucht einen Namen.</translation>
    </message>
    <message>
        <source>&apos;{channel}&apos; is not a channel; choose one of {choices}.</source>
        <translation>„{channel}“ ist kein Kanal; wählen Sie einen von: {choices}.</translation>
    </message>
    <message>
        <source>An organisation cannot belong to another organisation.</source>
        <translation>Eine Organisation kann nicht zu einer anderen Organisation gehören.</translation>
    </message>
    <message>
        <source>A stakeholder cannot be its own organisation.</source>
        <translation>Ein Ansprechpartner kann nicht seine eigene Organisation sein.</translation>
    </message>
    <message>
        <source>There is no contact point with id {id}.</source>
        <translation>Es gibt keine Kontaktangabe mit der ID {id}.</translation>
    </message>
    <message>
        <source>name</source>
        <extracomment>what a stale save names as changed meanwhile (:func:`changed_since`)</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>given name</source>
        <translation>Vorname</translation>
    </message>
    <message>
        <source>family name</source>
        <translation>Nachname</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>role / title</source>
        <translation>Rolle / Funktion</translation>
    </message>
    <message>
        <source>preferred channel</source>
        <translation>bevorzugter Kanal</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>contact points</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <source>stay-in-touch cadence</source>
        <translation>Kontaktrhythmus</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is not a field of a stakeholder.</source>
        <translation>„{name}“ ist kein Feld eines Ansprechpartners.</translation>
    </message>
    <message>
        <source>A contact point was removed meanwhile; reload and try again.</source>
        <translation>Eine Kontaktangabe wurde inzwischen entfernt; laden Sie neu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The number of days without contact cannot be negative.</source>
        <translation>Die Anzahl der Tage ohne Kontakt darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>The number of months since verification cannot be negative.</source>
        <translation>Die Anzahl der Monate seit der Überprüfung darf nicht negativ sein.</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; is not a column the directory can be sorted by.</source>
        <translation>Nach „{key}“ kann das Verzeichnis nicht sortiert werden.</translation>
    </message>
    <message>
        <source>{{{name}}} is not a placeholder; use {choices}.</source>
        <translation>{{{name}}} ist kein Platzhalter; verwenden Sie {choices}.</translation>
    </message>
    <message>
        <source>A case template&apos;s title pattern cannot use {{title}}; it can be used in the description.</source>
        <translation>Das Titelmuster einer Fallvorlage kann {{title}} nicht verwenden; in der Beschreibung ist es möglich.</translation>
    </message>
    <message>
        <source>A template needs a name.</source>
        <translation>Eine Vorlage braucht einen Namen.</translation>
    </message>
    <message>
        <source>A note template has no category or priority.</source>
        <translation>Eine Notizvorlage hat keine Kategorie und keine Priorität.</translation>
    </message>
    <message>
        <source>There is already a case template called &apos;{name}&apos;.</source>
        <translation>Es gibt bereits eine Fallvorlage namens „{name}“.</translation>
    </message>
    <message>
        <source>There is already a note template called &apos;{name}&apos;.</source>
        <translation>Es gibt bereits eine Notizvorlage namens „{name}“.</translation>
    </message>
    <message>
        <source>There is no template with id {id}.</source>
        <translation>Es gibt keine Vorlage mit der ID {id}.</translation>
    </message>
    <message>
        <source>Several templates are called &apos;{name}&apos;; give the id of the one you mean.</source>
        <translation>Mehrere Vorlagen heißen „{name}“; geben Sie die ID der gemeinten an.</translation>
    </message>
    <message>
        <source>There is no template called &apos;{name}&apos; or with that id.</source>
        <translation>Es gibt keine Vorlage namens „{name}“ oder mit dieser ID.</translation>
    </message>
    <message>
        <source>The template &apos;{name}&apos; is not a case template.</source>
        <translation>Die Vorlage „{name}“ ist keine Fallvorlage.</translation>
    </message>
    <message>
        <source>it cannot be opened</source>
        <translation>die Datei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>the file is shorter than one page</source>
        <translation>die Datei ist kürzer als eine Seite</translation>
    </message>
    <message>
        <source>its first page is damaged</source>
        <translation>die erste Seite ist beschädigt</translation>
    </message>
    <message>
        <source>its pages do not fit together</source>
        <translation>die Seiten passen nicht zueinander</translation>
    </message>
    <message>
        <source>the file is shorter than its own header says</source>
        <translation>die Datei ist kürzer, als ihr eigener Kopf angibt</translation>
    </message>
    <message>
        <source>{count} page(s) fail their authentication check</source>
        <translation>{count} Seite(n) bestehen die Echtheitsprüfung nicht</translation>
    </message>
    <message>
        <source>its schema cannot be read</source>
        <translation>das Schema kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>the integrity check found problems</source>
        <translation>die Integritätsprüfung hat Probleme gefunden</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <extracomment>set once a read met a damaged page: nothing is written from then on commits made through this store; the GUI tells its own commits from another process&apos;s by it (:class:`ChangeWatcher`)</extracomment>
        <translation>die Datei ist leer</translation>
    </message>
    <message>
        <source>a page could not be read</source>
        <translation>eine Seite konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>The store is busy; finish the current work and try again.</source>
        <translation>Der Datenspeicher ist beschäftigt; schließen Sie die laufende Arbeit ab und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The re-encrypted copy could not be verified; the passphrase was not changed.</source>
        <translation>Die neu verschlüsselte Kopie konnte nicht überprüft werden; die Passphrase wurde nicht geändert.</translation>
    </message>
    <message>
        <source>The copy could not be written to {target}: {reason}. The store itself is unchanged.</source>
        <translation>Die Kopie konnte nicht nach {target} geschrieben werden: {reason}. Der Datenspeicher selbst ist unverändert.</translation>
    </message>
    <message>
        <source>The copy could not be written to {target}; nothing was changed.</source>
        <translation>Die Kopie konnte nicht nach {target} geschrieben werden; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>the disk is full; free some space and try again</source>
        <translation>der Datenträger ist voll; schaffen Sie Platz und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>permission denied; choose a folder you may write to</source>
        <translation>keine Berechtigung; wählen Sie einen Ordner, in den Sie schreiben dürfen</translation>
    </message>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>der Datenträger oder Ordner ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the folder is not there (was a drive removed?)</source>
        <translation>der Ordner ist nicht vorhanden (wurde ein Laufwerk entfernt?)</translation>
    </message>
    <message>
        <source>a page fails its authentication check</source>
        <translation>eine Seite besteht ihre Echtheitsprüfung nicht</translation>
    </message>
    <message>
        <source>What you edited</source>
        <translation>Was Sie bearbeitet haben</translation>
    </message>
    <message>
        <source>a page cannot be read</source>
        <extracomment>what another process may have changed: every kind of record a view refreshes on</extracomment>
        <translation>eine Seite kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The unit of work is not open.</source>
        <translation>Die Arbeitseinheit ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>card {number}</source>
        <translation>Karte {number}</translation>
    </message>
    <message>
        <source>not closed by END:VCARD</source>
        <translation>nicht mit END:VCARD abgeschlossen</translation>
    </message>
    <message>
        <source>the file ends inside this card</source>
        <translation>die Datei endet mitten in dieser Karte</translation>
    </message>
    <message>
        <source>no vCard found (no BEGIN:VCARD line)</source>
        <translation>keine vCard gefunden (keine Zeile BEGIN:VCARD)</translation>
    </message>
    <message>
        <source>{path} is the store, one of its backups or a handover pack; spocdesk never writes an export onto it. Choose another file.</source>
        <translation>{path} ist der Datenspeicher, eine seiner Sicherungen oder ein Übergabepaket; spocdesk schreibt nie einen Export darüber. Wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>{path} exists already; choose another name or use --force.</source>
        <translation>{path} existiert bereits; wählen Sie einen anderen Namen oder verwenden Sie --force.</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason}); nothing was changed.</source>
        <translation>{path} konnte nicht geschrieben werden ({reason}); es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>keine Berechtigung</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>der Datenträger ist schreibgeschützt</translation>
    </message>
    <message>
        <source>the folder is not there</source>
        <translation>der Ordner ist nicht vorhanden</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name.</source>
        <translation>{path} ist ein Ordner; geben Sie einen Dateinamen an.</translation>
    </message>
    <message>
        <source>A handover pack travels, so its passphrase must be strong: four words or more, or 16 characters mixing letters, digits and signs. Use the generated one.</source>
        <translation>Ein Übergabepaket geht auf Reisen, daher muss seine Passphrase stark sein: vier Wörter oder mehr oder 16 Zeichen aus Buchstaben, Ziffern und Zeichen gemischt. Nutzen Sie die erzeugte.</translation>
    </message>
    <message>
        <source>The handover pack needs a passphrase of its own, not your store&apos;s passphrase.</source>
        <translation>Das Übergabepaket braucht eine eigene Passphrase, nicht die Ihres Datenspeichers.</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Nächster Schritt</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Erste Antwort</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Beteiligte</translation>
    </message>
    <message>
        <source>Main stakeholder</source>
        <translation>Hauptansprechpartner</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>case opened</source>
        <translation>Fall eröffnet</translation>
    </message>
    <message>
        <source>case deleted</source>
        <translation>Fall gelöscht</translation>
    </message>
    <message>
        <source>personal data erased</source>
        <translation>personenbezogene Daten gelöscht</translation>
    </message>
    <message>
        <source>No stakeholder is called or reachable at &apos;{key}&apos;; give their whole name, an e-mail address of theirs or their id.</source>
        <translation>Kein Ansprechpartner heißt „{key}“ oder ist darunter erreichbar; geben Sie den ganzen Namen, eine seiner E-Mail-Adressen oder seine ID an.</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; names more than one stakeholder; give the id of the one you mean.</source>
        <translation>„{key}“ passt auf mehr als einen Ansprechpartner; geben Sie die ID des gemeinten an.</translation>
    </message>
    <message>
        <source>‘{text}’ is not a date spocdesk understands; try ‘Fri 10:00’ or ‘{example}’.</source>
        <translation>„{text}“ ist kein Datum, das spocdesk versteht; versuchen Sie „Fr 10:00“ oder „{example}“.</translation>
    </message>
    <message>
        <source>The store at {path} is already open in another spocdesk window; switch to that one.</source>
        <translation>Der Datenspeicher unter {path} ist bereits in einem anderen spocdesk-Fenster geöffnet; wechseln Sie zu diesem.</translation>
    </message>
    <message>
        <source>Birthday: {name}</source>
        <translation>Geburtstag: {name}</translation>
    </message>
    <message>
        <source>Anniversary: {name}</source>
        <translation>Jahrestag: {name}</translation>
    </message>
    <message>
        <source>&apos;{which}&apos; is not a date to remind of; use birthday or anniversary.</source>
        <translation>&apos;{which}&apos; ist kein Datum für eine Erinnerung; möglich sind birthday oder anniversary.</translation>
    </message>
    <message>
        <source>{name} has no birthday on record.</source>
        <translation>Für {name} ist kein Geburtstag eingetragen.</translation>
    </message>
    <message>
        <source>{name} has no anniversary on record.</source>
        <translation>Für {name} ist kein Jahrestag eingetragen.</translation>
    </message>
    <message>
        <source>A mail account needs a server name or address without spaces.</source>
        <translation>Ein Mailkonto braucht einen Servernamen oder eine Adresse ohne Leerzeichen.</translation>
    </message>
    <message>
        <source>A mail account needs a user.</source>
        <translation>Ein Mailkonto braucht einen Benutzernamen.</translation>
    </message>
    <message>
        <source>The TLS mode must be implicit or starttls, not &apos;{mode}&apos;.</source>
        <translation>Der TLS-Modus muss implicit oder starttls sein, nicht „{mode}“.</translation>
    </message>
    <message>
        <source>{port} is not a port number (1 to 65535).</source>
        <translation>{port} ist keine Portnummer (1 bis 65535).</translation>
    </message>
    <message>
        <source>Check for mail at most every {seconds} seconds.</source>
        <translation>Neue Mail höchstens alle {seconds} Sekunden abfragen.</translation>
    </message>
    <message>
        <source>The mail account {user}@{host} is already there.</source>
        <translation>Das Mailkonto {user}@{host} gibt es bereits.</translation>
    </message>
    <message>
        <source>Enter the password of the mail account to check it.</source>
        <translation>Geben Sie das Passwort des Mailkontos ein, um es zu prüfen.</translation>
    </message>
    <message>
        <source>There is no mail account with id {id}.</source>
        <translation>Es gibt kein Mailkonto mit der ID {id}.</translation>
    </message>
    <message>
        <source>Several mail accounts match &apos;{key}&apos;; give the account&apos;s id.</source>
        <translation>Mehrere Mailkonten passen zu „{key}“; geben Sie die ID des Kontos an.</translation>
    </message>
    <message>
        <source>There is no mail account &apos;{key}&apos;.</source>
        <translation>Es gibt kein Mailkonto „{key}“.</translation>
    </message>
    <message>
        <source>The mail server {host}:{port} cannot be reached ({why}).</source>
        <extracomment>what one lost connection looks like, whatever layer noticed it</extracomment>
        <translation>Der Mailserver {host}:{port} ist nicht erreichbar ({why}).</translation>
    </message>
    <message>
        <source>The certificate of the mail server {host} is not trusted ({why}); nothing was sent. If the server uses a certificate of its own, ask its administrator whether its SHA-256 fingerprint is {seen}, and if so pin it.</source>
        <translation>Dem Zertifikat des Mailservers {host} wird nicht vertraut ({why}); es wurde nichts gesendet. Verwendet der Server ein eigenes Zertifikat, fragen Sie seine Administration, ob sein SHA-256-Fingerabdruck {seen} lautet, und hinterlegen Sie ihn in diesem Fall.</translation>
    </message>
    <message>
        <source>The certificate of the mail server {host} is not trusted ({why}); nothing was sent. If the server uses a certificate of its own, pin its SHA-256 fingerprint.</source>
        <translation>Dem Zertifikat des Mailservers {host} wird nicht vertraut ({why}); es wurde nichts gesendet. Verwendet der Server ein eigenes Zertifikat, hinterlegen Sie dessen SHA-256-Fingerabdruck.</translation>
    </message>
    <message>
        <source>The mail server {host} showed a certificate with another fingerprint than the pinned one ({seen}); nothing was sent. If its certificate was renewed, pin the new fingerprint.</source>
        <translation>Der Mailserver {host} hat ein Zertifikat mit einem anderen als dem hinterlegten Fingerabdruck vorgelegt ({seen}); es wurde nichts gesendet. Wurde sein Zertifikat erneuert, hinterlegen Sie den neuen Fingerabdruck.</translation>
    </message>
    <message>
        <source>The mail server {host} does not offer STARTTLS; spocdesk will not send a password unencrypted. Use implicit TLS (usually port 993).</source>
        <translation>Der Mailserver {host} bietet kein STARTTLS an; spocdesk sendet kein Passwort unverschlüsselt. Verwenden Sie implizites TLS (meist Port 993).</translation>
    </message>
    <message>
        <source>The mail server {host} refused the user {user} and its password.</source>
        <translation>Der Mailserver {host} hat den Benutzer {user} mit diesem Passwort abgewiesen.</translation>
    </message>
    <message>
        <source>The mail server {host} has no folder called &apos;{folder}&apos;.</source>
        <translation>Der Mailserver {host} hat keinen Ordner „{folder}“.</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a SHA-256 fingerprint (64 hexadecimal digits, colons allowed).</source>
        <translation>„{text}“ ist kein SHA-256-Fingerabdruck (64 Hexadezimalziffern, Doppelpunkte erlaubt).</translation>
    </message>
    <message>
        <source>the connection to the mail server was lost ({why})</source>
        <translation>die Verbindung zum Mailserver ist abgebrochen ({why})</translation>
    </message>
    <message>
        <source>no password is known for it</source>
        <translation>dafür ist kein Passwort bekannt</translation>
    </message>
    <message>
        <source>The report could not be written to {target}.</source>
        <translation>Der Bericht konnte nicht nach {target} geschrieben werden.</translation>
    </message>
    <message>
        <source>The report could not be written to {target} ({reason}).</source>
        <translation>Der Bericht konnte nicht nach {target} geschrieben werden ({reason}).</translation>
    </message>
    <message>
        <source>&apos;{value}&apos; is not a way of asking; use one of: {choices}.</source>
        <translation>„{value}“ ist keine Art der Befragung; möglich sind: {choices}.</translation>
    </message>
    <message>
        <source>Satisfaction is a whole number from 1 to 5.</source>
        <translation>Die Zufriedenheit ist eine ganze Zahl von 1 bis 5.</translation>
    </message>
    <message>
        <source>A moment needs a time zone.</source>
        <translation>Ein Zeitpunkt braucht eine Zeitzone.</translation>
    </message>
    <message>
        <source>{ref} is not resolved yet; satisfaction is recorded at or after the resolution.</source>
        <translation>{ref} ist noch nicht gelöst; die Zufriedenheit wird bei oder nach der Lösung erfasst.</translation>
    </message>
    <message>
        <source>{ref} was resolved after that moment; satisfaction is recorded at or after the resolution.</source>
        <translation>{ref} wurde erst nach diesem Zeitpunkt gelöst; die Zufriedenheit wird bei oder nach der Lösung erfasst.</translation>
    </message>
    <message>
        <source>A Net Promoter answer is a whole number from 0 to 10.</source>
        <translation>Eine Net-Promoter-Antwort ist eine ganze Zahl von 0 bis 10.</translation>
    </message>
    <message>
        <source>{name} already gave a Net Promoter answer in {quarter}; the next one is due from {day}.</source>
        <translation>{name} hat in {quarter} bereits eine Net-Promoter-Antwort gegeben; die nächste ist ab {day} fällig.</translation>
    </message>
    <message>
        <source>The attachment {name} was above the size limit when the e-mail was captured; only its name and size were kept.</source>
        <translation>Der Anhang {name} lag beim Erfassen der E-Mail über der Größengrenze; nur sein Name und seine Größe wurden aufbewahrt.</translation>
    </message>
    <message>
        <source>Several e-mails have an id starting with {key}; give more of it.</source>
        <translation>Mehrere E-Mails haben eine ID, die mit {key} beginnt; geben Sie mehr davon an.</translation>
    </message>
    <message>
        <source>There is no e-mail with id {key}.</source>
        <translation>Es gibt keine E-Mail mit der ID {key}.</translation>
    </message>
    <message>
        <source>There is no attachment with id {id}.</source>
        <translation>Es gibt keinen Anhang mit der ID {id}.</translation>
    </message>
    <message>
        <source>This e-mail is already filed on {ref}.</source>
        <translation>Diese E-Mail ist bereits bei {ref} abgelegt.</translation>
    </message>
    <message>
        <source>This e-mail does not say who sent it.</source>
        <translation>Diese E-Mail nennt keinen Absender.</translation>
    </message>
    <message>
        <source>{email} is already a stakeholder&apos;s address.</source>
        <translation>{email} ist bereits die Adresse eines Beteiligten.</translation>
    </message>
    <message>
        <source>This e-mail has no sender address to ignore.</source>
        <translation>Diese E-Mail hat keine Absenderadresse, die ignoriert werden könnte.</translation>
    </message>
    <message>
        <source>There is no ignore rule with id {id}.</source>
        <translation>Es gibt keine Ignorieren-Regel mit der ID {id}.</translation>
    </message>
    <message>
        <source>{what} cannot be read as an e-mail: {why}.</source>
        <extracomment>bytes kept of one message (text and attachments) when no cap is given: the size cap setting&apos;s default; the store&apos;s own setting is ``capture.size_cap(store)``</extracomment>
        <translation>{what} kann nicht als E-Mail gelesen werden: {why}.</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>Die Nachricht</translation>
    </message>
    <message>
        <source>it has no mail headers</source>
        <translation>es fehlen die Kopfzeilen einer E-Mail</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>ohne Inhalt</translation>
    </message>
    <message>
        <source>the Outlook file is damaged</source>
        <translation>die Outlook-Datei ist beschädigt</translation>
    </message>
    <message>
        <source>the Outlook file holds something other than an e-mail</source>
        <translation>die Outlook-Datei enthält etwas anderes als eine E-Mail</translation>
    </message>
    <message>
        <source>Message {number} of {name}</source>
        <translation>Nachricht {number} aus {name}</translation>
    </message>
    <message>
        <source>The Outlook file</source>
        <translation>Die Outlook-Datei</translation>
    </message>
    <message>
        <source>{url} is not a team server&apos;s address; use postgresql://role@host/database.</source>
        <translation>{url} ist keine Adresse eines Team-Servers; verwenden Sie postgresql://rolle@host/datenbank.</translation>
    </message>
    <message>
        <source>its database already holds other tables</source>
        <translation>seine Datenbank enthält bereits andere Tabellen</translation>
    </message>
    <message>
        <source>its schema is from an older spocdesk; the schema&apos;s owner moves it on with &apos;spocdesk server upgrade&apos; (after a pg_dump)</source>
        <translation>sein Schema stammt von einem älteren spocdesk; der Eigentümer des Schemas bringt es mit „spocdesk server upgrade“ auf den neuen Stand (nach einem pg_dump)</translation>
    </message>
    <message>
        <source>its schema is from a test version of the team server that cannot be upgraded; create a new database with &apos;spocdesk server init&apos; and move each person&apos;s store file onto it with &apos;spocdesk server import&apos;</source>
        <translation>sein Schema stammt von einer Testversion des Teamservers, die sich nicht aktualisieren lässt; legen Sie mit „spocdesk server init“ eine neue Datenbank an und übertragen Sie jede Speicherdatei einzeln mit „spocdesk server import“ darauf</translation>
    </message>
    <message>
        <source>it has no spocdesk schema yet; run &apos;spocdesk server init&apos;</source>
        <translation>es hat noch kein spocdesk-Schema; führen Sie „spocdesk server init“ aus</translation>
    </message>
    <message>
        <source>{name} cannot be a team member&apos;s role: use lower-case letters, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos;, starting with a letter, and not beginning with pg_ or spocdesk_.</source>
        <translation>{name} kann nicht die Rolle eines Teammitglieds sein: Verwenden Sie Kleinbuchstaben, Ziffern, &apos;_&apos;, &apos;.&apos; oder &apos;-&apos;, beginnend mit einem Buchstaben und nicht mit pg_ oder spocdesk_.</translation>
    </message>
    <message>
        <source>The role must be spoc or lead, not {role}.</source>
        <translation>Die Rolle muss spoc oder lead sein, nicht {role}.</translation>
    </message>
    <message>
        <source>The team server already has a role called {name}; its password was not changed.</source>
        <translation>Der Team-Server hat bereits eine Rolle namens {name}; ihr Passwort wurde nicht geändert.</translation>
    </message>
    <message>
        <source>server add-user needs the team server: spocdesk --store postgresql://admin@host/database server add-user NAME --role spoc</source>
        <translation>server add-user braucht den Team-Server: spocdesk --store postgresql://admin@host/database server add-user NAME --role spoc</translation>
    </message>
    <message>
        <source>it has no spocdesk roles yet; run &apos;spocdesk server init&apos;</source>
        <translation>es hat noch keine spocdesk-Rollen; führen Sie „spocdesk server init“ aus</translation>
    </message>
    <message>
        <source>The team server has no role called {name}.</source>
        <translation>Der Team-Server hat keine Rolle namens {name}.</translation>
    </message>
    <message>
        <source>Only its owner or a lead can share this record.</source>
        <translation>Nur der Eigentümer oder eine Teamleitung kann diesen Datensatz teilen.</translation>
    </message>
    <message>
        <source>Sharing works on a team server only; a store file has one user.</source>
        <translation>Teilen geht nur auf einem Team-Server; eine Datenspeicher-Datei hat nur einen Benutzer.</translation>
    </message>
    <message>
        <source>Only the person&apos;s owner or a lead can erase them for good on the team server; nothing was changed.</source>
        <translation>Nur der Eigentümer der Person oder eine Teamleitung kann sie auf dem Team-Server endgültig löschen; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>This person is also in colleagues&apos; records that you cannot change, so nothing was erased; a lead can erase them for the whole team.</source>
        <translation>Diese Person steht auch in Datensätzen von Kolleginnen und Kollegen, die Sie nicht ändern können, daher wurde nichts gelöscht; eine Teamleitung kann sie für das ganze Team löschen.</translation>
    </message>
</context>
</TS>
