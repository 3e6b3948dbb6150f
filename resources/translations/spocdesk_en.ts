<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgendaModel</name>
    <message numerus="yes">
        <source>every %n days</source>
        <translation>
            <numerusform>every day</numerusform>
            <numerusform>every %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallTimer</name>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message numerus="yes">
        <source>%n+ cases, counting…</source>
        <translation>
            <numerusform>%n+ case, counting…</numerusform>
            <numerusform>%n+ cases, counting…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message numerus="yes">
        <source>%n open cases</source>
        <translation>
            <numerusform>%n open case</numerusform>
            <numerusform>%n open cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message numerus="yes">
        <source>%n groups of stakeholders look like one person.</source>
        <translation>
            <numerusform>%n group of stakeholders looks like one person.</numerusform>
            <numerusform>%n groups of stakeholders look like one person.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message numerus="yes">
        <source>Saved note with %n actions</source>
        <translation>
            <numerusform>Saved note with %n action</numerusform>
            <numerusform>Saved note with %n actions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message numerus="yes">
        <source>%n cases handed over</source>
        <translation>
            <numerusform>%n case handed over</numerusform>
            <numerusform>%n cases handed over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n cases have a saved note with actions and contingencies, acknowledged.</source>
        <translation>
            <numerusform>The %n case has a saved note with actions and contingencies, acknowledged.</numerusform>
            <numerusform>All %n cases have a saved note with actions and contingencies, acknowledged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Handover pack with %n cases written to {path}. Tell your deputy its passphrase another way than the file.</source>
        <translation>
            <numerusform>Handover pack with %n case written to {path}. Tell your deputy its passphrase another way than the file.</numerusform>
            <numerusform>Handover pack with %n cases written to {path}. Tell your deputy its passphrase another way than the file.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The handover pack was merged: %n cases changed by the deputy.</source>
        <translation>
            <numerusform>The handover pack was merged: %n case changed by the deputy.</numerusform>
            <numerusform>The handover pack was merged: %n cases changed by the deputy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts.</source>
        <translation>
            <numerusform>%n conflict.</numerusform>
            <numerusform>%n conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fields took the deputy&apos;s value.</source>
        <translation>
            <numerusform>%n field took the deputy&apos;s value.</numerusform>
            <numerusform>%n fields took the deputy&apos;s value.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message numerus="yes">
        <source>%n attachment(s)</source>
        <translation>
            <numerusform>%n attachment</numerusform>
            <numerusform>%n attachments</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message numerus="yes">
        <source>%n e-mail(s) to file</source>
        <translation>
            <numerusform>%n e-mail to file</numerusform>
            <numerusform>%n e-mails to file</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>from %n sender(s)</source>
        <translation>
            <numerusform>from %n sender</numerusform>
            <numerusform>from %n senders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This sender is ignored from now on; %n e-mail(s) left the inbox.</source>
        <translation>
            <numerusform>This sender is ignored from now on; %n e-mail left the inbox.</numerusform>
            <numerusform>This sender is ignored from now on; %n e-mails left the inbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The sender&apos;s domain is ignored from now on; %n e-mail(s) left the inbox.</source>
        <translation>
            <numerusform>The sender&apos;s domain is ignored from now on; %n e-mail left the inbox.</numerusform>
            <numerusform>The sender&apos;s domain is ignored from now on; %n e-mails left the inbox.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailImport</name>
    <message numerus="yes">
        <source>{name}: %n e-mail(s) read</source>
        <translation>
            <numerusform>{name}: %n e-mail read</numerusform>
            <numerusform>{name}: %n e-mails read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n e-mail(s) imported</source>
        <translation>
            <numerusform>%n e-mail imported</numerusform>
            <numerusform>%n e-mails imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filed (on {ref} or by the rules)</source>
        <translation>
            <numerusform>%n filed (on {ref} or by the rules)</numerusform>
            <numerusform>%n filed (on {ref} or by the rules)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n filed on their cases</source>
        <translation>
            <numerusform>%n filed on its case</numerusform>
            <numerusform>%n filed on their cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the inbox</source>
        <translation>
            <numerusform>%n in the inbox</numerusform>
            <numerusform>%n in the inbox</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ignored</source>
        <translation>
            <numerusform>%n ignored</numerusform>
            <numerusform>%n ignored</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n imported before, skipped</source>
        <translation>
            <numerusform>%n imported before, skipped</numerusform>
            <numerusform>%n imported before, skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading %n mail file(s)…</source>
        <translation>
            <numerusform>Reading %n mail file…</numerusform>
            <numerusform>Reading %n mail files…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailSync</name>
    <message numerus="yes">
        <source>Retrying in %n minute(s).</source>
        <translation>
            <numerusform>Retrying in %n minute.</numerusform>
            <numerusform>Retrying in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message numerus="yes">
        <source>%n records were changed both by you and by the deputy. Choose, field by field, which value to keep; unchanged choices keep yours.</source>
        <translation>
            <numerusform>%n record was changed both by you and by the deputy. Choose, field by field, which value to keep; unchanged choices keep yours.</numerusform>
            <numerusform>%n records were changed both by you and by the deputy. Choose, field by field, which value to keep; unchanged choices keep yours.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message numerus="yes">
        <source>%n follow-ups due:</source>
        <translation>
            <numerusform>%n follow-up due:</numerusform>
            <numerusform>%n follow-ups due:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message numerus="yes">
        <source>from %n answers</source>
        <translation>
            <numerusform>from %n answer</numerusform>
            <numerusform>from %n answers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPalette</name>
    <message numerus="yes">
        <source>%n results</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StakeholdersPage</name>
    <message numerus="yes">
        <source>%n stakeholders</source>
        <translation>
            <numerusform>%n stakeholder</numerusform>
            <numerusform>%n stakeholders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export only the %n selected stakeholders? “No” exports everyone.</source>
        <translation>
            <numerusform>Export only the %n selected stakeholder? “No” exports everyone.</numerusform>
            <numerusform>Export only the %n selected stakeholders? “No” exports everyone.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stakeholders exported to {file}.</source>
        <translation>
            <numerusform>%n stakeholder exported to {file}.</numerusform>
            <numerusform>%n stakeholders exported to {file}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ViewList</name>
    <message numerus="yes">
        <source>{title}: %n cases</source>
        <translation>
            <numerusform>{title}: %n case</numerusform>
            <numerusform>{title}: %n cases</numerusform>
        </translation>
    </message>
</context>
</TS>
