<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <location filename="../../wallet/gui/access_log_view.py" line="+49"/>
        <source>Deleted record</source>
        <translation>Verwijderd document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a deleted record</source>
        <translation>een verwijderd document</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>EMERGENCY: {who} asks for break-glass access to your emergency set</source>
        <translation>NOOD: {who} vraagt noodtoegang (break-glass) tot uw noodgegevens</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Unknown requester</source>
        <translation>Onbekende aanvrager</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alert: {alerts}.</source>
        <translation>Waarschuwing: {alerts}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{who} read {titles}</source>
        <translation>{who} heeft {titles} gelezen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} was refused: {reason}</source>
        <translation>{who} werd geweigerd: {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} started a read but read no record</source>
        <translation>{who} begon een leesactie maar las geen document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified on the ledger.</source>
        <translation>Geverifieerd in het grootboek.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Emergency: asked for break-glass access</source>
        <translation>Nood: noodtoegang (break-glass) gevraagd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency: approved by you</source>
        <translation>Nood: door u goedgekeurd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency: vetoed by you</source>
        <translation>Nood: door u geweigerd (veto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency: a node released its key share</source>
        <translation>Nood: een knooppunt heeft zijn sleuteldeel vrijgegeven</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Emergency read</source>
        <translation>Noodlezing</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started a read, no record read</source>
        <translation>Leesactie begonnen, geen document gelezen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read</source>
        <translation>Gelezen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(limited consent: {left} of {total} reads left)</source>
        <translation>(beperkte toestemming: nog {left} van {total} leesacties over)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted by you</source>
        <translation>Door u verwijderd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused: {reason}</source>
        <translation>Geweigerd: {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alert: {rules}</source>
        <translation>Waarschuwing: {rules}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/clinic_desk_view.py" line="+163"/>
        <source>Proof</source>
        <translation>Bewijs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/clinic_desk_view.py" line="-94"/>
        <source>Record</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/consent_view.py" line="+43"/>
        <location filename="../../wallet/gui/grant_dialog.py" line="+148"/>
        <source>Purpose</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Not verified</source>
        <translation>Niet geverifieerd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verified: transaction {tx}… is proven in block {height} of the ledger&apos;s verified header chain.</source>
        <translation>Geverifieerd: transactie {tx}… is bewezen in blok {height} van de geverifieerde headerketen van het grootboek.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>So is the fetch of the consent&apos;s keys that came first (transaction {tx}…).</source>
        <translation>Net als het eerdere ophalen van de sleutels van de toestemming (transactie {tx}…).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verified</source>
        <translation>Geverifieerd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your request</source>
        <translation>Uw verzoek</translation>
    </message>
    <message>
        <location line="+47"/>
        <location filename="../../wallet/gui/main_window.py" line="+52"/>
        <source>Access log</source>
        <translation>Toegangslogboek</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every read of your records, and every refusal, is signed and recorded on the ledger. Medwallet checks each one against the ledger&apos;s blocks before showing it as verified. New ones appear here within seconds.</source>
        <translation>Elke keer dat uw documenten worden gelezen, en elke weigering, wordt ondertekend en vastgelegd in het grootboek. Medwallet controleert elk ervan aan de hand van de blokken van het grootboek voordat het als geverifieerd wordt getoond. Nieuwe verschijnen hier binnen enkele seconden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Filter by record</source>
        <translation>Filteren op document</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/deidentified_dialog.py" line="+36"/>
        <source>&amp;Record:</source>
        <translation>&amp;Document:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by institution</source>
        <translation>Filteren op instelling</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Who:</source>
        <translation>&amp;Wie:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by outcome</source>
        <translation>Filteren op resultaat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>O&amp;utcome:</source>
        <translation>Res&amp;ultaat:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+135"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Reads</source>
        <translation>Leesacties</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refusals</source>
        <translation>Weigeringen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletions</source>
        <translation>Verwijderingen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/alerts_group.py" line="+15"/>
        <source>Alerts</source>
        <translation>Waarschuwingen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../wallet/gui/credentials_view.py" line="+74"/>
        <source>Re&amp;fresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the ledger for new accesses</source>
        <translation>Het grootboek controleren op nieuwe toegang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporteren als CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the shown events as CSV</source>
        <translation>De getoonde gebeurtenissen exporteren als CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/consent_view.py" line="+63"/>
        <source>Export F&amp;HIR…</source>
        <translation>Exporteren als F&amp;HIR…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the access log as a FHIR AuditEvent bundle</source>
        <translation>Het toegangslogboek exporteren als FHIR AuditEvent-bundel</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access events</source>
        <translation>Toegangsgebeurtenissen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No one has read your records yet. When an institution reads a record you shared, or is refused, it appears here within seconds, checked against the ledger.</source>
        <translation>Niemand heeft uw documenten nog gelezen. Wanneer een instelling een document leest dat u hebt gedeeld, of wordt geweigerd, verschijnt dat hier binnen enkele seconden, gecontroleerd in het grootboek.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Checking the ledger…</source>
        <translation>Het grootboek wordt gecontroleerd…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Offline: {why} Medwallet keeps trying.</source>
        <translation>Offline: {why} Medwallet blijft het proberen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the ledger could not be checked.</source>
        <translation>het grootboek kon niet worden gecontroleerd.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Up to date: %n new event(s) verified at {time}.</source>
        <translation>
            <numerusform>Bijgewerkt: %n nieuwe gebeurtenis geverifieerd om {time}.</numerusform>
            <numerusform>Bijgewerkt: %n nieuwe gebeurtenissen geverifieerd om {time}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to date (checked at {time}).</source>
        <translation>Bijgewerkt (gecontroleerd om {time}).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export the access log</source>
        <translation>Het toegangslogboek exporteren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV-bestand (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Exported %n event(s) to {path}</source>
        <translation>
            <numerusform>%n gebeurtenis geëxporteerd naar {path}</numerusform>
            <numerusform>%n gebeurtenissen geëxporteerd naar {path}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the access log as FHIR</source>
        <translation>Het toegangslogboek exporteren als FHIR</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/clinic_desk_view.py" line="+70"/>
        <location filename="../../wallet/gui/consent_view.py" line="+245"/>
        <location filename="../../wallet/gui/links_view.py" line="+152"/>
        <source>FHIR JSON (*.json)</source>
        <translation>FHIR JSON (*.json)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported the access log as FHIR to {path}</source>
        <translation>Het toegangslogboek is als FHIR geëxporteerd naar {path}</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/camera_dialog.py" line="+30"/>
        <source>Camera scanning needs Qt Multimedia (the PySide6-Addons package), which is not installed here ({detail}).</source>
        <translation>Scannen met de camera vereist Qt Multimedia (het pakket PySide6-Addons), dat hier niet is geïnstalleerd ({detail}).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No camera was found on this computer. Use a USB code scanner (it types into the scan field), open a photo of the code with “Open QR image…”, or paste the code&apos;s text.</source>
        <translation>Er is geen camera gevonden op deze computer. Gebruik een USB-codescanner (die typt de code in het scanveld), open een foto van de code met ‘QR-afbeelding openen…’, of plak de tekst van de code.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Scan with the camera</source>
        <translation>Scannen met de camera</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starting the camera…</source>
        <translation>De camera wordt gestart…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Camera preview</source>
        <translation>Cameravoorbeeld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold the patient&apos;s code in front of the camera.</source>
        <translation>Houd de code van de patiënt voor de camera.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Camera scanning needs Qt Multimedia (the PySide6-Addons package), which is not installed here.</source>
        <translation>Scannen met de camera vereist Qt Multimedia (het pakket PySide6-Addons), dat hier niet is geïnstalleerd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No camera</source>
        <translation>Geen camera</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>This code cannot be read.</source>
        <translation>Deze code kan niet worden gelezen.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/clinic_desk_view.py" line="-77"/>
        <source>Refusal or problem</source>
        <translation>Weigering of probleem</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records read</source>
        <translation>Gelezen documenten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan the code the patient shows (a USB scanner types it into the field above), or open a photo of it, or use the camera. The consent appears here, checked on the ledger; then read the records it allows.</source>
        <translation>Scan de code die de patiënt toont (een USB-scanner typt die in het veld hierboven), open er een foto van of gebruik de camera. De toestemming verschijnt hier, gecontroleerd in het grootboek; lees daarna de documenten die zij toestaat.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Received files stay in a private folder until the desk closes.</source>
        <translation>Ontvangen bestanden blijven in een privémap tot de balie wordt gesloten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+221"/>
        <source>&amp;Save to…</source>
        <translation>&amp;Opslaan in…</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>Save the received files to a folder</source>
        <translation>De ontvangen bestanden opslaan in een map</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Scan:</source>
        <translation>&amp;Scannen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Grant code</source>
        <translation>Toegangscode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the patient&apos;s QR code, or paste its text, then press Enter</source>
        <translation>Scan de QR-code van de patiënt, of plak de tekst ervan, en druk op Enter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open QR &amp;image…</source>
        <translation>QR-&amp;afbeelding openen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read a grant code from an image file</source>
        <translation>Een toegangscode uit een afbeeldingsbestand lezen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Camera…</source>
        <translation>&amp;Camera…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the grant code with the camera</source>
        <translation>De toegangscode scannen met de camera</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMART Health &amp;Link…</source>
        <translation>SMART Health-&amp;link…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read a SMART Health Link (shlink:/) a patient shows</source>
        <translation>Een SMART Health-link (shlink:/) lezen die een patiënt toont</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save the countersigned consent</source>
        <translation>De medeondertekende toestemming opslaan</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receipt saved: {name}</source>
        <translation>Ontvangstbewijs opgeslagen: {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consent</source>
        <translation>Toestemming</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patient</source>
        <translation>Patiënt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name the patient chose to show in the code. The ledger does not check it.</source>
        <translation>De naam die de patiënt in de code wil tonen. Het grootboek controleert die niet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consent status</source>
        <translation>Status van de toestemming</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../wallet/gui/consent_view.py" line="-308"/>
        <source>Reads left</source>
        <translation>Resterende leesacties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many more times this consent lets the desk read the records, as the ledger counts them.</source>
        <translation>Hoe vaak deze toestemming de balie de documenten nog laat lezen, zoals het grootboek telt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patient:</source>
        <translation>Patiënt:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Purpose:</source>
        <translation>Doel:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid:</source>
        <translation>Geldig:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Records:</source>
        <translation>Documenten:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads left:</source>
        <translation>Resterende leesacties:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read:</source>
        <translation>Gelezen:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Proof:</source>
        <translation>Bewijs:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Read records</source>
        <translation>Documenten &amp;lezen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the records this consent allows</source>
        <translation>De documenten lezen die deze toestemming toestaat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Countersign (receipt)…</source>
        <translation>&amp;Medeondertekenen (ontvangstbewijs)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign the scanned consent for the patient to keep</source>
        <translation>De gescande toestemming ondertekenen, zodat de patiënt die kan bewaren</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name}: clinic desk</source>
        <translation>{name}: kliniekbalie</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/clinic_setup_view.py" line="+16"/>
        <source>Clinic</source>
        <translation>Kliniek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network {network}.</source>
        <translation>Netwerk {network}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This desk is not registered yet: the network&apos;s governance must register its keys (see &apos;medwallet clinic info&apos;) before patients can share with it.</source>
        <translation>Deze balie is nog niet geregistreerd: het bestuur van het netwerk moet de sleutels ervan registreren (zie ‘medwallet clinic info’) voordat patiënten ermee kunnen delen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+91"/>
        <source>Open a QR code image</source>
        <translation>Een afbeelding van een QR-code openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Checking the consent on the ledger</source>
        <translation>De toestemming wordt gecontroleerd in het grootboek</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(no name in the code)</source>
        <translation>(geen naam in de code)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{start} to {end}</source>
        <translation>{start} tot {end}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/consent_view.py" line="-5"/>
        <location line="+11"/>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked by the patient</source>
        <translation>Ingetrokken door de patiënt</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/consent_view.py" line="-11"/>
        <location line="+11"/>
        <source>Expired</source>
        <translation>Verlopen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/consent_view.py" line="+0"/>
        <source>Not yet valid</source>
        <translation>Nog niet geldig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Used up (no reads left)</source>
        <translation>Opgebruikt (geen leesacties meer)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verified: consent proven on ledger block {height}</source>
        <translation>Geverifieerd: toestemming bewezen in blok {height} van het grootboek</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ledger refused reads under this consent.</source>
        <translation>Het grootboek heeft leesacties onder deze toestemming geweigerd.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlimited until the consent ends</source>
        <translation>Onbeperkt tot de toestemming eindigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One-time consent: {left} read left</source>
        <translation>Eenmalige toestemming: nog {left} leesactie over</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/consent_view.py" line="+12"/>
        <source>{left} of {total}</source>
        <translation>{left} van {total}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading the records</source>
        <translation>De documenten worden gelezen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open</source>
        <translation>Openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open {title}</source>
        <translation>{title} openen</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n record(s) read, each read recorded on the ledger</source>
        <translation>
            <numerusform>%n document gelezen, elke leesactie vastgelegd in het grootboek</numerusform>
            <numerusform>%n documenten gelezen, elke leesactie vastgelegd in het grootboek</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+18"/>
        <source>&amp;Save to {folder}…</source>
        <translation>&amp;Opslaan in {folder}…</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Save the received files to</source>
        <translation>De ontvangen bestanden opslaan in</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Saved %n file(s) to {folder}.</source>
        <translation>
            <numerusform>%n bestand opgeslagen in {folder}.</numerusform>
            <numerusform>%n bestanden opgeslagen in {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The refusal is recorded on the ledger and the patient sees it.</source>
        <translation>De weigering is vastgelegd in het grootboek en de patiënt ziet die.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/clinic_setup_view.py" line="+0"/>
        <source>Hospital</source>
        <translation>Ziekenhuis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Laboratory</source>
        <translation>Laboratorium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pharmacy</source>
        <translation>Apotheek</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Insurer</source>
        <translation>Verzekeraar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Research study</source>
        <translation>Onderzoeksstudie</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/delegates_view.py" line="+41"/>
        <source>Other</source>
        <translation>Overig</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Set up this clinic desk</source>
        <translation>Deze kliniekbalie instellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The desk gets its own institution keys. Patients find it in the network&apos;s directory once the network&apos;s governance has registered it.</source>
        <translation>De balie krijgt eigen sleutels als instelling. Patiënten vinden haar in de gids van het netwerk zodra het bestuur van het netwerk haar heeft geregistreerd.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the governance key file</source>
        <translation>Het sleutelbestand van het bestuur kiezen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Institution &amp;name:</source>
        <translation>&amp;Naam van de instelling:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Institution name</source>
        <translation>Naam van de instelling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Soort:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind of institution</source>
        <translation>Soort instelling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node &amp;addresses:</source>
        <translation>&amp;Adressen van de knooppunten:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+158"/>
        <location filename="../../wallet/gui/settings_view.py" line="+137"/>
        <source>Node addresses</source>
        <translation>Adressen van de knooppunten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Governance key (local networks):</source>
        <translation>&amp;Bestuurssleutel (lokale netwerken):</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Governance key file</source>
        <translation>Sleutelbestand van het bestuur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;phrase (without a keyring):</source>
        <translation>&amp;Wachtzin (zonder sleutelbos):</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+31"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="+45"/>
        <location filename="../../wallet/gui/unlock_view.py" line="+40"/>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+5"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Herhalen:</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="-5"/>
        <source>Repeat passphrase</source>
        <translation>Wachtzin herhalen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Create the desk</source>
        <translation>De balie &amp;aanmaken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the clinic desk</source>
        <translation>De kliniekbalie aanmaken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Governance key</source>
        <translation>Bestuurssleutel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key files (*.key);;All files (*)</source>
        <translation>Sleutelbestanden (*.key);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the institution&apos;s name, as patients will see it.</source>
        <translation>Voer de naam van de instelling in, zoals patiënten die zullen zien.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/clinic_window.py" line="+34"/>
        <source>Opening the clinic desk…</source>
        <translation>De kliniekbalie wordt geopend…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The clinic desk is locked</source>
        <translation>De kliniekbalie is vergrendeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The clinic desk could not be opened.</source>
        <translation>De kliniekbalie kon niet worden geopend.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>desk</source>
        <translation>balie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medwallet clinic desk</source>
        <translation>Medwallet-kliniekbalie</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/consent_view.py" line="-22"/>
        <source>Revoked</source>
        <translation>Ingetrokken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Institution</source>
        <translation>Instelling</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/main_window.py" line="+0"/>
        <location filename="../../wallet/gui/records_view.py" line="+119"/>
        <source>Records</source>
        <translation>Documenten</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/grant_dialog.py" line="-86"/>
        <source>Valid until</source>
        <translation>Geldig tot</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/credentials_view.py" line="-24"/>
        <location filename="../../wallet/gui/records_view.py" line="-51"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoked on {day}</source>
        <translation>Ingetrokken op {day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended: its records were deleted</source>
        <translation>Beëindigd: de documenten ervan zijn verwijderd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used up: its reads were all made</source>
        <translation>Opgebruikt: alle leesacties zijn gedaan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unlimited</source>
        <translation>Onbeperkt</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../../wallet/gui/main_window.py" line="+0"/>
        <source>Sharing</source>
        <translation>Delen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;New grant…</source>
        <translation>&amp;Nieuwe toegang…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give an institution access to records</source>
        <translation>Een instelling toegang geven tot documenten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show &amp;QR code</source>
        <translation>&amp;QR-code tonen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the QR code of the selected consent</source>
        <translation>De QR-code van de geselecteerde toestemming tonen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;voke…</source>
        <translation>&amp;Intrekken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the selected consent</source>
        <translation>De geselecteerde toestemming intrekken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the consents as FHIR Consent resources</source>
        <translation>De toestemmingen exporteren als FHIR Consent-resources</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share &amp;de-identified…</source>
        <translation>&amp;Gede-identificeerd delen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share a de-identified copy of a FHIR record for research</source>
        <translation>Een gede-identificeerde kopie van een FHIR-document delen voor onderzoek</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke &amp;all…</source>
        <translation>&amp;Alles intrekken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke every consent in force and share from fresh keys</source>
        <translation>Alle geldende toestemmingen intrekken en voortaan met nieuwe sleutels delen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Consents by status</source>
        <translation>Toestemmingen per status</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{status} consents</source>
        <translation>Toestemmingen: {status}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You have not shared any record yet. Choose “New grant…” to let a clinic read records you choose, until a date you choose; you can revoke at any time.</source>
        <translation>U hebt nog geen document gedeeld. Kies ‘Nieuwe toegang…’ om een kliniek de documenten te laten lezen die u kiest, tot een datum die u kiest; u kunt op elk moment intrekken.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Import a record first: there is nothing to share yet.</source>
        <translation>Importeer eerst een document: er is nog niets om te delen.</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+64"/>
        <source>Sharing with {name}</source>
        <translation>Delen met {name}</translation>
    </message>
    <message numerus="yes">
        <location line="-47"/>
        <source>{name} may now read %n record(s). Show the QR code at the desk.</source>
        <translation>
            <numerusform>{name} mag nu %n document lezen. Toon de QR-code aan de balie.</numerusform>
            <numerusform>{name} mag nu %n documenten lezen. Toon de QR-code aan de balie.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Only FHIR records can be de-identified: import one first.</source>
        <translation>Alleen FHIR-documenten kunnen worden gede-identificeerd: importeer er eerst een.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No research institution is registered on this network yet.</source>
        <translation>Er is op dit netwerk nog geen onderzoeksinstelling geregistreerd.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>De-identifying the record to show what the copy keeps…</source>
        <translation>Het document wordt gede-identificeerd om te tonen wat de kopie behoudt…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../wallet/gui/deidentified_dialog.py" line="-8"/>
        <source>Share a de-identified copy</source>
        <translation>Een gede-identificeerde kopie delen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share</source>
        <translation>Delen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not shared.</source>
        <translation>Niet gedeeld.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consent for {name}. Let the desk scan this code, or copy its text.</source>
        <translation>Toestemming voor {name}. Laat de balie deze code scannen, of kopieer de tekst ervan.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Consent for {name}, {purpose}, valid until {day}.</source>
        <translation>Toestemming voor {name}, {purpose}, geldig tot {day}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the consents as FHIR</source>
        <translation>De toestemmingen exporteren als FHIR</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported the consents as FHIR to {path}</source>
        <translation>De toestemmingen zijn als FHIR geëxporteerd naar {path}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoke consent</source>
        <translation>Toestemming intrekken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoke</source>
        <translation>Intrekken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoked. {name}&apos;s next read will be refused.</source>
        <translation>Ingetrokken. De volgende leesactie van {name} wordt geweigerd.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/credentials_view.py" line="-16"/>
        <source>Valid</source>
        <translation>Geldig</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked by the issuer</source>
        <translation>Ingetrokken door de uitgever</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not checked (offline)</source>
        <translation>Niet gecontroleerd (offline)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Issuer</source>
        <translation>Uitgever</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credential</source>
        <translation>Attestatie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attributes</source>
        <translation>Kenmerken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>Ontvangen</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../wallet/gui/main_window.py" line="+1"/>
        <source>Credentials</source>
        <translation>Attestaties</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Credentials held by this wallet</source>
        <translation>Attestaties in deze portemonnee</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Answer an offer…</source>
        <translation>Op een aanbod &amp;antwoorden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Store a credential…</source>
        <translation>Een attestatie &amp;opslaan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer a &amp;proof request…</source>
        <translation>Op een &amp;bewijsverzoek antwoorden…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credentials status</source>
        <translation>Status van de attestaties</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Open the issuer&apos;s offer</source>
        <translation>Het aanbod van de uitgever openen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save your credential request</source>
        <translation>Uw attestatieverzoek opslaan</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Request saved to {path}: send it to the issuer.</source>
        <translation>Verzoek opgeslagen in {path}: stuur het naar de uitgever.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the credential from the issuer</source>
        <translation>De attestatie van de uitgever openen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stored a credential from {issuer}.</source>
        <translation>Een attestatie van {issuer} opgeslagen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open the proof request</source>
        <translation>Het bewijsverzoek openen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>None of your valid credentials can answer this request from {name}.</source>
        <translation>Geen van uw geldige attestaties kan dit verzoek van {name} beantwoorden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Prove</source>
        <translation>Bewijzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined: nothing was proven.</source>
        <translation>Geweigerd: er is niets bewezen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save your proof</source>
        <translation>Uw bewijs opslaan</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Proof saved to {path}: send it to {name}.</source>
        <translation>Bewijs opgeslagen in {path}: stuur het naar {name}.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/deidentified_dialog.py" line="+5"/>
        <source>FHIR record to de-identify</source>
        <translation>FHIR-document om te de-identificeren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Research institution</source>
        <translation>Onderzoeksinstelling</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Research &amp;institution:</source>
        <translation>Onderzoeks&amp;instelling:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next you see what the copy keeps and what it removes, before anything is shared.</source>
        <translation>Daarna ziet u wat de kopie behoudt en wat zij verwijdert, voordat er iets wordt gedeeld.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Preview…</source>
        <translation>&amp;Voorbeeld…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview the de-identified copy</source>
        <translation>Een voorbeeld van de gede-identificeerde kopie tonen</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/dialog_service.py" line="+72"/>
        <source>Medical records (*.pdf *.json *.png *.jpg *.jpeg *.tif *.tiff *.dcm *.xml *.txt);;All files (*)</source>
        <translation>Medische documenten (*.pdf *.json *.png *.jpg *.jpeg *.tif *.tiff *.dcm *.xml *.txt);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/errors.py" line="+59"/>
        <source>The ledger refused this read: {reason}.</source>
        <translation>Het grootboek heeft deze leesactie geweigerd: {reason}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../wallet/gui/main_window.py" line="+64"/>
        <source>Medwallet</source>
        <translation>Medwallet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error message</source>
        <translation>Foutmelding</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Medwallet: unexpected error</source>
        <translation>Medwallet: onverwachte fout</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong inside Medwallet. Your records are safe. If this happens again, copy the details below (they contain no health data and no key) and send them to your support contact.</source>
        <translation>Er is iets misgegaan in Medwallet. Uw documenten zijn veilig. Gebeurt dit opnieuw, kopieer dan de details hieronder (ze bevatten geen gezondheidsgegevens en geen sleutel) en stuur ze naar uw contactpersoon voor ondersteuning.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error details</source>
        <translation>Details van de fout</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy details</source>
        <translation>Details &amp;kopiëren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy error details</source>
        <translation>Details van de fout kopiëren</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/formatting.py" line="+33"/>
        <source>Encrypting</source>
        <translation>Versleutelen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uploading</source>
        <translation>Uploaden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Downloading</source>
        <translation>Downloaden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decrypting and checking</source>
        <translation>Ontsleutelen en controleren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Looking for your records</source>
        <translation>Uw documenten worden gezocht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing the shared copy</source>
        <translation>De gedeelde kopie wordt voorbereid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reading</source>
        <translation>Lezen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checking FHIR entries</source>
        <translation>FHIR-items controleren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anchoring on the ledger</source>
        <translation>Verankeren in het grootboek</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Working</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/grant_dialog.py" line="+1"/>
        <source>&amp;Valid until:</source>
        <translation>&amp;Geldig tot:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reads allowed</source>
        <translation>Toegestane leesacties</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlimited (until it ends)</source>
        <translation>Onbeperkt (tot het einde)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Once</source>
        <translation>Eenmaal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A number of times</source>
        <translation>Een aantal keren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of reads allowed</source>
        <translation>Aantal toegestane leesacties</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ledger counts each read by the institution and refuses the next one once they are used up.</source>
        <translation>Het grootboek telt elke leesactie van de instelling en weigert de volgende zodra ze op zijn.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reads &amp;allowed:</source>
        <translation>Toegestane &amp;leesacties:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Share records</source>
        <translation>Documenten delen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type part of the name</source>
        <translation>Typ een deel van de naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search institutions</source>
        <translation>Instellingen zoeken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search institutions:</source>
        <translation>Instellingen &amp;zoeken:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Institutions</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I&amp;nstitution:</source>
        <translation>I&amp;nstelling:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Records to share</source>
        <translation>Te delen documenten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Records:</source>
        <translation>&amp;Documenten:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Purpose:</source>
        <translation>&amp;Doel:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optional, e.g. your name or initials</source>
        <translation>Optioneel, bijvoorbeeld uw naam of initialen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the desk shows for you</source>
        <translation>Naam die de balie voor u toont</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only in the code you show, never on the ledger: it helps the desk know whose records it reads.</source>
        <translation>Alleen in de code die u toont, nooit in het grootboek: zo weet de balie van wie de documenten zijn die zij leest.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name shown to the desk:</source>
        <translation>&amp;Naam getoond aan de balie:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading the network&apos;s institutions…</source>
        <translation>De instellingen van het netwerk worden geladen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+43"/>
        <source>Set up a clinic desk on this &amp;computer…</source>
        <translation>Een kliniekbalie op deze &amp;computer instellen…</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Set up a clinic desk on this computer to try sharing</source>
        <translation>Een kliniekbalie op deze computer instellen om delen uit te proberen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Grant access</source>
        <translation>&amp;Toegang geven</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grant access</source>
        <translation>Toegang geven</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No institution takes part in the network of this computer yet: it is for trying Medwallet. To try sharing, set up a clinic desk on this computer; you then open it with “medwallet clinic” and show it your code.</source>
        <translation>Er neemt nog geen instelling deel aan het netwerk van deze computer: het is bedoeld om Medwallet uit te proberen. Stel om delen uit te proberen een kliniekbalie op deze computer in; open die daarna met ‘medwallet clinic’ en toon haar uw code.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No institution is registered on this network yet. Institutions are added by the network&apos;s operator (your hospital or pilot program): ask them which clinics take part.</source>
        <translation>Er is op dit netwerk nog geen instelling geregistreerd. Instellingen worden toegevoegd door de beheerder van het netwerk (uw ziekenhuis of pilotprogramma): vraag welke klinieken deelnemen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the institution you choose can read the shared copies, and only until the date you set. You can revoke at any time.</source>
        <translation>Alleen de instelling die u kiest kan de gedeelde kopieën lezen, en alleen tot de datum die u instelt. U kunt op elk moment intrekken.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set up another clinic desk on this &amp;computer…</source>
        <translation>Nog een kliniekbalie op deze &amp;computer instellen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The institutions could not be loaded.</source>
        <translation>De instellingen konden niet worden geladen.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>an institution</source>
        <translation>een instelling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at least one record</source>
        <translation>ten minste één document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To grant access, choose {what}.</source>
        <translation>Kies {what} om toegang te geven.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> and </source>
        <translation> en </translation>
    </message>
    <message>
        <location filename="../../wallet/gui/help_view.py" line="+41"/>
        <source>About {name}</source>
        <translation>Over {name}</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../../wallet/gui/main_window.py" line="-63"/>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;About Medwallet…</source>
        <translation>&amp;Over Medwallet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Medwallet</source>
        <translation>Over Medwallet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;About {name}…</source>
        <translation>&amp;Over {name}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support: {contact}</source>
        <translation>Ondersteuning: {contact}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions about your care network go to the hospital or program that gave you its address.</source>
        <translation>Vragen over uw zorgnetwerk kunt u stellen aan het ziekenhuis of programma dat u het adres ervan heeft gegeven.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/links_view.py" line="-119"/>
        <location filename="../../wallet/gui/main_window.py" line="-1"/>
        <source>Links &amp; evidence</source>
        <translation>Links en bewijs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share a summary with someone who has no desk (SMART Health Link)</source>
        <translation>Een samenvatting delen met iemand zonder balie (SMART Health-link)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label shown to the person you share with</source>
        <translation>Label dat wordt getoond aan de persoon met wie u deelt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passcode of the link (at least 6 characters)</source>
        <translation>Toegangscode van de link (ten minste 6 tekens)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many days the link lasts</source>
        <translation>Hoeveel dagen de link geldig is</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many times the link may be opened</source>
        <translation>Hoe vaak de link mag worden geopend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Label:</source>
        <translation>&amp;Label:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="-34"/>
        <source>&amp;Passcode:</source>
        <translation>&amp;Toegangscode:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lasts (&amp;days):</source>
        <translation>Geldig (&amp;dagen):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened at most (&amp;times):</source>
        <translation>Hoogstens geopend (&amp;keer):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Make the link</source>
        <translation>De link &amp;maken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your SMART Health Links</source>
        <translation>Uw SMART Health-links</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Read a SMART Health Link…</source>
        <translation>Een SMART Health-link &amp;lezen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep a clinic &amp;receipt…</source>
        <translation>Een ontvangstbewijs van een kliniek &amp;bewaren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evidence for a regulator…</source>
        <translation>&amp;Bewijs voor een toezichthouder…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print access &amp;log…</source>
        <translation>Toegangs&amp;logboek afdrukken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print records &amp;summary…</source>
        <translation>&amp;Samenvatting van de documenten afdrukken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;mergency set…</source>
        <translation>&amp;Noodgegevens…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{label}: until {until}, opened {uses}/{max}, wrong passcodes {failures}, {status}</source>
        <translation>{label}: tot {until}, geopend {uses}/{max}, onjuiste toegangscodes {failures}, {status}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no label)</source>
        <translation>(geen label)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Show this code, or send the link; it lasts until {until}</source>
        <translation>Toon deze code, of stuur de link; die is geldig tot {until}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open a clinic&apos;s receipt</source>
        <translation>Het ontvangstbewijs van een kliniek openen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipt checked on the ledger and kept.</source>
        <translation>Ontvangstbewijs gecontroleerd in het grootboek en bewaard.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the evidence bundle</source>
        <translation>De bewijsbundel opslaan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Evidence of %n event(s) saved; anyone can check it with medwallet-evidence.</source>
        <translation>
            <numerusform>Bewijs van %n gebeurtenis opgeslagen; iedereen kan het controleren met medwallet-evidence.</numerusform>
            <numerusform>Bewijs van %n gebeurtenissen opgeslagen; iedereen kan het controleren met medwallet-evidence.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the access log as PDF</source>
        <translation>Het toegangslogboek opslaan als pdf</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+16"/>
        <source>Saved {name}</source>
        <translation>{name} opgeslagen</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Save the records summary as PDF</source>
        <translation>De samenvatting van de documenten opslaan als pdf</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/local_desk_dialog.py" line="+23"/>
        <source>Set up a clinic desk on this computer</source>
        <translation>Een kliniekbalie op deze computer instellen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To try sharing, Medwallet can set up a clinic desk on this computer and register it on the network of this computer. You then open the desk with “medwallet clinic” and let it read your code, as a clinic would.</source>
        <translation>Om delen uit te proberen kan Medwallet een kliniekbalie op deze computer instellen en die registreren op het netwerk van deze computer. U opent de balie daarna met ‘medwallet clinic’ en laat haar uw code lezen, zoals een kliniek dat zou doen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name of the desk</source>
        <translation>Naam van de balie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name of the desk:</source>
        <translation>&amp;Naam van de balie:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desk passphrase</source>
        <translation>Wachtzin van de balie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Repeat desk passphrase</source>
        <translation>Wachtzin van de balie herhalen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desk &amp;passphrase:</source>
        <translation>&amp;Wachtzin van de balie:</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="+87"/>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Herhaal hem:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the keyring…</source>
        <translation>De sleutelbos wordt gecontroleerd…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Set up the desk</source>
        <translation>De balie &amp;instellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up the clinic desk</source>
        <translation>De kliniekbalie instellen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This computer has no keyring, so the desk&apos;s keys need a passphrase of their own (at least 8 characters). {why}</source>
        <translation>Deze computer heeft geen sleutelbos, dus de sleutels van de balie hebben een eigen wachtzin nodig (ten minste 8 tekens). {why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The desk&apos;s keys are kept in the system keyring, like your wallet&apos;s.</source>
        <translation>De sleutels van de balie worden bewaard in de sleutelbos van het systeem, net als die van uw portemonnee.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/main_window.py" line="+0"/>
        <location filename="../../wallet/gui/settings_view.py" line="-40"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>New access notification</source>
        <translation>Melding van nieuwe toegang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View access log</source>
        <translation>Toegangslogboek &amp;bekijken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View the access log</source>
        <translation>Het toegangslogboek bekijken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the notification</source>
        <translation>De melding sluiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Approve emergency access</source>
        <translation>Nood&amp;toegang goedkeuren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ve&amp;to</source>
        <translation>&amp;Veto uitspreken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Veto the emergency request</source>
        <translation>Veto uitspreken tegen het noodverzoek</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Opening your wallet…</source>
        <translation>Uw portemonnee wordt geopend…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your wallet is locked</source>
        <translation>Uw portemonnee is vergrendeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wallet could not be opened.</source>
        <translation>De portemonnee kon niet worden geopend.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>wallet</source>
        <translation>portemonnee</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Restore from the recovery phrase</source>
        <translation>Herstellen met de herstelzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore from my words</source>
        <translation>Herstellen met mijn woorden</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restored {records} record(s), {grants} consent(s) and {events} access event(s).</source>
        <translation>{records} document(en), {grants} toestemming(en) en {events} toegangsgebeurtenis(sen) hersteld.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sections</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{label} (Ctrl+{n})</source>
        <translation>{label} (Ctrl+{n})</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Locked</source>
        <translation>Vergrendeld</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on this computer</source>
        <translation>op deze computer</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n knooppunt</numerusform>
            <numerusform>%n knooppunten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network {name} · {where}</source>
        <translation>Netwerk {name} · {where}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network of this computer: an embedded ledger node at {url}.</source>
        <translation>Het netwerk van deze computer: een ingebouwd grootboekknooppunt op {url}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>offline: {why}</source>
        <translation>offline: {why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ledger is at block {height}.</source>
        <translation>Het grootboek staat op blok {height}.</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>Medwallet: new access</source>
        <translation>Medwallet: nieuwe toegang</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Medwallet: alert</source>
        <translation>Medwallet: waarschuwing</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approved: the emergency request is open.</source>
        <translation>Goedgekeurd: het noodverzoek is geopend.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vetoed: the emergency request will never open.</source>
        <translation>Veto: het noodverzoek wordt nooit geopend.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Working…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/messages.py" line="+17"/>
        <source>Delete “{title}” for good?</source>
        <translation>‘{title}’ definitief verwijderen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medwallet removes this record and every copy you shared from every node of the network, narrows or ends every consent that covers it (the ledger never releases its key to anyone again), records the deletion in your access log, and forgets its title, file name, size and dates on this computer.

This is not crypto-shredding: a copy of the encrypted data taken earlier (a backup of a node, a copy of your wallet folder) still opens with your recovery phrase. Institutions that already read the record keep what they read. The ledger keeps the fact that a record existed and who read it, never its content. This cannot be undone.</source>
        <translation>Medwallet verwijdert dit document en elke kopie die u hebt gedeeld van elk knooppunt van het netwerk, beperkt of beëindigt elke toestemming die het dekt (het grootboek geeft de sleutel ervan nooit meer aan iemand vrij), legt de verwijdering vast in uw toegangslogboek, en vergeet op deze computer de titel, bestandsnaam, grootte en datums ervan.

Dit is geen cryptografisch wissen: een eerder gemaakte kopie van de versleutelde gegevens (een back-up van een knooppunt, een kopie van de map van uw portemonnee) opent nog steeds met uw herstelzin. Instellingen die het document al hebben gelezen, houden wat zij hebben gelezen. Het grootboek bewaart het feit dat een document bestond en wie het las, nooit de inhoud. Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} is already in your wallet; nothing was added.</source>
        <translation>{name} staat al in uw portemonnee; er is niets toegevoegd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{title}” is encrypted and stored safely.</source>
        <translation>‘{title}’ is versleuteld en veilig opgeslagen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: FHIR bundle of {entries} entries, kept whole as one record, encrypted and stored safely.</source>
        <translation>{name}: FHIR-bundel van {entries} items, in zijn geheel bewaard als één document, versleuteld en veilig opgeslagen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n invalid entries are kept in the file as they are: {first}</source>
        <translation>
            <numerusform>%n ongeldig item blijft ongewijzigd in het bestand: {first}</numerusform>
            <numerusform>%n ongeldige items blijven ongewijzigd in het bestand: {first}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}, a registered research institution, would receive a de-identified copy ({types}) under a new pseudonym used for nothing else.</source>
        <translation>{name}, een geregistreerde onderzoeksinstelling, zou een gede-identificeerde kopie ({types}) ontvangen onder een nieuw pseudoniem dat nergens anders voor wordt gebruikt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The copy keeps:</source>
        <translation>De kopie behoudt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It removes:</source>
        <translation>Zij verwijdert:</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n free text(s) of the record are not sent as written.</source>
        <translation>
            <numerusform>%n vrije tekst van het document wordt niet verzonden zoals die is geschreven.</numerusform>
            <numerusform>%n vrije teksten van het document worden niet verzonden zoals ze zijn geschreven.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share this de-identified copy with {name}?</source>
        <translation>Deze gede-identificeerde kopie delen met {name}?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke the consent given to {institution}?</source>
        <translation>De toestemming aan {institution} intrekken?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From now on the ledger refuses every read under this consent, and each refusal appears in your access log. What the institution already read stays with it. To share again, give a new consent.</source>
        <translation>Vanaf nu weigert het grootboek elke leesactie onder deze toestemming, en elke weigering verschijnt in uw toegangslogboek. Wat de instelling al heeft gelezen, blijft bij haar. Geef een nieuwe toestemming om opnieuw te delen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These 24 words are the only way to recover your wallet if this computer is lost. Write them down on paper, in order, and keep them somewhere safe. Anyone who has them can read your records. You can show them again later from Settings.</source>
        <translation>Deze 24 woorden zijn de enige manier om uw portemonnee terug te krijgen als deze computer verloren gaat. Schrijf ze op papier, in volgorde, en bewaar ze op een veilige plek. Wie ze heeft, kan uw documenten lezen. U kunt ze later opnieuw tonen via Instellingen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The system keyring keeps the wallet&apos;s key like a browser keeps saved passwords: the wallet opens without a question when you are logged in. An optional passphrase lets you open it on a computer whose keyring was reset.</source>
        <translation>De sleutelbos van het systeem bewaart de sleutel van de portemonnee zoals een browser opgeslagen wachtwoorden bewaart: de portemonnee opent zonder vraag wanneer u bent aangemeld. Met een optionele wachtzin kunt u hem openen op een computer waarvan de sleutelbos is gewist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The wallet&apos;s key file is encrypted with your passphrase. You will type it each time you open Medwallet. Choose at least 8 characters; a few unrelated words are easy to remember.</source>
        <translation>Het sleutelbestand van de portemonnee is versleuteld met uw wachtzin. U typt die elke keer dat u Medwallet opent. Kies ten minste 8 tekens; een paar losse woorden zijn makkelijk te onthouden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Medwallet runs a small network of its own on this computer, started when needed. Choose this to try Medwallet, or until your care network gives you its addresses.</source>
        <translation>Medwallet draait op deze computer een klein eigen netwerk, dat wordt gestart wanneer het nodig is. Kies dit om Medwallet uit te proberen, of totdat uw zorgnetwerk u de adressen ervan geeft.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credentials come from an issuer, such as your health insurer or a hospital you are registered with. A credential lets you prove you are a patient of the network without saying who you are, so your pseudonyms cannot be linked. When an issuer gives you one, it will appear here.</source>
        <translation>Attestaties komen van een uitgever, zoals uw zorgverzekeraar of een ziekenhuis waar u bent ingeschreven. Met een attestatie kunt u bewijzen dat u patiënt van het netwerk bent zonder te zeggen wie u bent, zodat uw pseudoniemen niet aan elkaar kunnen worden gekoppeld. Wanneer een uitgever u er een geeft, verschijnt die hier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>After this many minutes without keyboard or mouse use, Medwallet locks itself: the wallet is closed, decrypted copies are deleted and the passphrase is needed again. 0 turns this off.</source>
        <translation>Na dit aantal minuten zonder gebruik van toetsenbord of muis vergrendelt Medwallet zichzelf: de portemonnee wordt gesloten, ontsleutelde kopieën worden verwijderd en de wachtzin is opnieuw nodig. 0 schakelt dit uit.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no institution</source>
        <translation>geen instelling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke all {count} consent(s) in force and share from fresh keys from now on?</source>
        <translation>Alle {count} geldende toestemming(en) intrekken en voortaan met nieuwe sleutels delen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Institutions: {names}. Every next read under these consents is refused and appears in your access log; what was already read stays with the institution. The revocations reach the network in one request and land side by side in one block, so its nodes, and the institutions that read its blocks, can tell that the pseudonyms that gave these consents are one patient&apos;s. New consents use new pseudonyms and new copies of your records.</source>
        <translation>Instellingen: {names}. Elke volgende leesactie onder deze toestemmingen wordt geweigerd en verschijnt in uw toegangslogboek; wat al gelezen is, blijft bij de instelling. De intrekkingen bereiken het netwerk in één verzoek en komen naast elkaar in één blok, zodat de knooppunten, en de instellingen die de blokken lezen, kunnen zien dat de pseudoniemen die deze toestemmingen gaven van één patiënt zijn. Nieuwe toestemmingen gebruiken nieuwe pseudoniemen en nieuwe kopieën van uw documenten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your medical records, your consent. Records are encrypted on this computer before they leave it; every permission and every read is recorded on a ledger you can check.</source>
        <translation>Uw medische documenten, uw toestemming. Documenten worden op deze computer versleuteld voordat ze die verlaten; elke toestemming en elke leesactie wordt vastgelegd in een grootboek dat u kunt controleren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Built on Medwallet, free software under the MIT licence.</source>
        <translation>Gebouwd op Medwallet, vrije software onder de MIT-licentie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free software under the MIT licence.</source>
        <translation>Vrije software onder de MIT-licentie.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network in use: {network}.</source>
        <translation>Netwerk in gebruik: {network}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support: {support}.</source>
        <translation>Ondersteuning: {support}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../wallet/gui/records_view.py" line="+32"/>
        <source>Your records</source>
        <translation>Uw documenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a letter, a lab result or an image with Import, or drop the file on the window. Medwallet encrypts it on this computer, keeps the encrypted copy on the network and marks it “Stored safely” once the network has recorded it.</source>
        <translation>Importeer een brief, een labuitslag of een afbeelding met Importeren, of sleep het bestand naar het venster. Medwallet versleutelt het op deze computer, bewaart de versleutelde kopie op het netwerk en markeert het als ‘Veilig opgeslagen’ zodra het netwerk het heeft vastgelegd.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sharing with a clinic</source>
        <translation>Delen met een kliniek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under Sharing, choose New grant, the clinic, the records and until when. Medwallet shows a code: let the clinic&apos;s desk scan it, or save it as a picture. Only that clinic can read the shared copies, only until the date you chose, and you can revoke at any time.</source>
        <translation>Kies onder Delen voor Nieuwe toegang, de kliniek, de documenten en tot wanneer. Medwallet toont een code: laat de balie van de kliniek die scannen, of sla hem op als afbeelding. Alleen die kliniek kan de gedeelde kopieën lezen, alleen tot de datum die u hebt gekozen, en u kunt op elk moment intrekken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trying it on this computer</source>
        <translation>Uitproberen op deze computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A wallet on the network of this computer (the default) is for trying Medwallet: no clinic takes part yet, so the grant form offers to set up a clinic desk on this computer. Open it with “medwallet clinic” and let it read your code, to see the whole journey.</source>
        <translation>Een portemonnee op het netwerk van deze computer (de standaard) is bedoeld om Medwallet uit te proberen: er neemt nog geen kliniek deel, dus het toegangsformulier biedt aan een kliniekbalie op deze computer in te stellen. Open die met ‘medwallet clinic’ en laat haar uw code lezen om het hele traject te zien.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The access log</source>
        <translation>Het toegangslogboek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every read of your records, and every refusal, is recorded on the ledger and checked by Medwallet before it is shown. New ones appear within seconds, and a banner tells you who read what.</source>
        <translation>Elke leesactie op uw documenten, en elke weigering, wordt vastgelegd in het grootboek en door Medwallet gecontroleerd voordat ze wordt getoond. Nieuwe verschijnen binnen enkele seconden, en een balk vertelt u wie wat heeft gelezen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="-150"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="-96"/>
        <source>Your recovery phrase</source>
        <translation>Uw herstelzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The 24 words are the only way back into your wallet if this computer is lost or you forget your passphrase. Settings shows them again once you type your passphrase. To restore, choose “Restore from a recovery phrase” when Medwallet starts, or “Forgot your passphrase?” on the lock screen.</source>
        <translation>De 24 woorden zijn de enige weg terug naar uw portemonnee als deze computer verloren gaat of u uw wachtzin vergeet. Instellingen toont ze opnieuw zodra u uw wachtzin typt. Kies om te herstellen ‘Herstellen met een herstelzin’ wanneer Medwallet start, of ‘Wachtzin vergeten?’ op het vergrendelscherm.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase and keyring</source>
        <translation>Wachtzin en sleutelbos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The system keyring opens the wallet when you log in; a passphrase opens it anywhere. Settings lets you change the passphrase and lock the wallet now.</source>
        <translation>De sleutelbos van het systeem opent de portemonnee wanneer u zich aanmeldt; een wachtzin opent hem overal. In Instellingen kunt u de wachtzin wijzigen en de portemonnee nu vergrendelen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The clinic desk “{name}” is set up on this computer and registered. Choose it in the grant form; then open the desk with “medwallet clinic” (or its menu entry) and let it read your code.</source>
        <translation>De kliniekbalie ‘{name}’ is op deze computer ingesteld en geregistreerd. Kies haar in het toegangsformulier; open de balie daarna met ‘medwallet clinic’ (of het menu-item ervan) en laat haar uw code lezen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore your wallet from its 24 recovery words?</source>
        <translation>Uw portemonnee herstellen met de 24 herstelwoorden?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without the passphrase this wallet cannot be opened, but your 24 words bring it back: your records, consents and access log come back from the network. You choose a new passphrase on the way.

The locked wallet&apos;s folder is kept aside, renamed, not deleted.</source>
        <translation>Zonder de wachtzin kan deze portemonnee niet worden geopend, maar uw 24 woorden brengen hem terug: uw documenten, toestemmingen en toegangslogboek komen terug van het netwerk. Onderweg kiest u een nieuwe wachtzin.

De map van de vergrendelde portemonnee wordt opzijgezet en hernoemd, niet verwijderd.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>see your {attribute}</source>
        <translation>uw {attribute} inzien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a proof that {statement} (the value itself stays hidden)</source>
        <translation>een bewijs dat {statement} (de waarde zelf blijft verborgen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} asks for: {asks}.</source>
        <translation>{name} vraagt om: {asks}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a registered {kind} institution</source>
        <translation>een geregistreerde instelling van het soort {kind}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a registered institution</source>
        <translation>een geregistreerde instelling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is {kind} on your network (key {key}…); its request is signed and valid until {until}. </source>
        <translation>{name} is {kind} op uw netwerk (sleutel {key}…); het verzoek is ondertekend en geldig tot {until}. </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your credential from {issuer} answers it; nothing else about you is shown.</source>
        <translation>Uw attestatie van {issuer} beantwoordt het; verder wordt niets over u getoond.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its issuer</source>
        <translation>de uitgever ervan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prove this to {name}?</source>
        <translation>Dit bewijzen aan {name}?</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/onboarding_view.py" line="+0"/>
        <source>Welcome to Medwallet</source>
        <translation>Welkom bij Medwallet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the network</source>
        <translation>Het netwerk kiezen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Protect the wallet on this computer</source>
        <translation>De portemonnee op deze computer beveiligen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write down your recovery phrase</source>
        <translation>Schrijf uw herstelzin op</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/backup_dialogs.py" line="+62"/>
        <location line="+1"/>
        <source>Guardians</source>
        <translation>Vertrouwenspersonen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Guardians are people you trust (family, a friend, your doctor). Each gets a share of your wallet; together, enough of them can restore it if you lose your recovery phrase. One share alone reveals nothing.</source>
        <translation>Vertrouwenspersonen zijn mensen die u vertrouwt (familie, een vriend, uw arts). Elk krijgt een deel van uw portemonnee; samen kunnen genoeg van hen die herstellen als u uw herstelzin kwijtraakt. Eén deel alleen onthult niets.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Guardians&apos; names, one per line</source>
        <translation>Namen van de vertrouwenspersonen, één per regel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One name per line</source>
        <translation>Eén naam per regel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guardians needed to restore</source>
        <translation>Vertrouwenspersonen nodig om te herstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Guardians:</source>
        <translation>&amp;Vertrouwenspersonen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Needed to restore:</source>
        <translation>&amp;Nodig om te herstellen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wallet passphrase</source>
        <translation>Wachtzin van de portemonnee</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wallet &amp;passphrase:</source>
        <translation>&amp;Wachtzin van de portemonnee:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Make the shares</source>
        <translation>De delen &amp;maken</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Share words</source>
        <translation>Woorden van het deel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write these 33 words down for this guardian only, in order, or print this page. Medwallet keeps no copy and will not show them again.</source>
        <translation>Schrijf deze 33 woorden op voor alleen deze vertrouwenspersoon, in volgorde, of druk deze pagina af. Medwallet bewaart geen kopie en toont ze niet opnieuw.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Print this share…</source>
        <translation>Dit deel af&amp;drukken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print this guardian&apos;s share</source>
        <translation>Het deel van deze vertrouwenspersoon afdrukken</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+56"/>
        <source>&amp;Next guardian</source>
        <translation>&amp;Volgende vertrouwenspersoon</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Medwallet guardian share {n} of {count}</source>
        <translation>Medwallet-deel voor vertrouwenspersoon {n} van {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For {name}. Any {needed} guardians together can restore the wallet; keep this page safe and give it to no one else.</source>
        <translation>Voor {name}. Elke {needed} vertrouwenspersonen samen kunnen de portemonnee herstellen; bewaar deze pagina veilig en geef ze aan niemand anders.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Share {n} of {count}, for {name} ({needed} needed)</source>
        <translation>Deel {n} van {count}, voor {name} ({needed} nodig)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Done</source>
        <translation>&amp;Klaar</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+1"/>
        <source>Check your recovery phrase</source>
        <translation>Controleer uw herstelzin</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type these words of your recovery phrase, from your written copy.</source>
        <translation>Typ deze woorden van uw herstelzin over, uit uw geschreven kopie.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Word {n}</source>
        <translation>Woord {n}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Check</source>
        <translation>&amp;Controleren</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Restore from guardians&apos; shares</source>
        <translation>Herstellen uit de delen van vertrouwenspersonen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type or paste the shares your guardians kept, one per line or separated by an empty line.</source>
        <translation>Typ of plak de delen die uw vertrouwenspersonen bewaarden, één per regel of gescheiden door een lege regel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guardians&apos; shares</source>
        <translation>Delen van de vertrouwenspersonen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Rebuild my recovery phrase</source>
        <translation>Mijn herstelzin &amp;opnieuw opbouwen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Backup reminder</source>
        <translation>Herinnering aan de back-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up now</source>
        <translation>Nu een &amp;back-up maken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remind me &amp;later</source>
        <translation>&amp;Later herinneren</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your recovery phrase was never checked. If this computer is lost, it is the only way back to your records.</source>
        <translation>Uw herstelzin is nooit gecontroleerd. Als deze computer verloren gaat, is dat de enige weg terug naar uw documenten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have not checked your recovery phrase for months. Check it, or give shares to guardians.</source>
        <translation>U hebt uw herstelzin al maanden niet gecontroleerd. Controleer hem, of geef delen aan vertrouwenspersonen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Backup</source>
        <translation>Back-up</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup status</source>
        <translation>Status van de back-up</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check my recovery &amp;phrase…</source>
        <translation>Mijn herstel&amp;zin controleren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Guardians…</source>
        <translation>&amp;Vertrouwenspersonen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give shares of your wallet to guardians</source>
        <translation>Delen van uw portemonnee aan vertrouwenspersonen geven</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Backed up.</source>
        <translation>Back-up gemaakt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your recovery phrase was never checked.</source>
        <translation>Uw herstelzin is nooit gecontroleerd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your recovery phrase was last checked long ago.</source>
        <translation>Uw herstelzin is lang geleden voor het laatst gecontroleerd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{needed} of your {count} guardians can restore this wallet.</source>
        <translation>{needed} van uw {count} vertrouwenspersonen kunnen deze portemonnee herstellen.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/onboarding_view.py" line="+1"/>
        <source>Setting up your wallet</source>
        <translation>Uw portemonnee wordt ingesteld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ready</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Your wallet is ready.</source>
        <translation>Uw portemonnee is klaar.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Vorige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Vorige</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+186"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Volgende &gt;</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Next</source>
        <translation>Volgende</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Create a new wallet</source>
        <translation>Een nieuwe portemonnee &amp;aanmaken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new wallet</source>
        <translation>Een nieuwe portemonnee aanmaken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore from a recovery phrase</source>
        <translation>&amp;Herstellen met een herstelzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a wallet from its recovery phrase</source>
        <translation>Een portemonnee herstellen met de herstelzin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Medwallet keeps your medical records encrypted on this computer and lets you decide, record by record, who may read them. Every read is recorded and you can check it.</source>
        <translation>Medwallet bewaart uw medische documenten versleuteld op deze computer en laat u per document beslissen wie ze mag lezen. Elke leesactie wordt vastgelegd en u kunt die controleren.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recovery phrase</source>
        <translation>Herstelzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>word1 word2 word3 … word24</source>
        <translation>woord1 woord2 woord3 … woord24</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use my &amp;guardians&apos; shares instead…</source>
        <translation>In plaats daarvan de delen van mijn &amp;vertrouwenspersonen gebruiken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebuild the recovery phrase from guardians&apos; shares</source>
        <translation>De herstelzin opnieuw opbouwen uit de delen van vertrouwenspersonen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type or paste the 24 words of your recovery phrase, in order. Medwallet then finds your records, consents and access log on the network.</source>
        <translation>Typ of plak de 24 woorden van uw herstelzin, in volgorde. Medwallet zoekt daarna uw documenten, toestemmingen en toegangslogboek op het netwerk.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Try Medwallet on this computer (a network of its own)</source>
        <translation>Medwallet &amp;uitproberen op deze computer (een eigen netwerk)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join my care &amp;network (its addresses come from my hospital or pilot)</source>
        <translation>Lid worden van mijn zorg&amp;netwerk (de adressen komen van mijn ziekenhuis of pilot)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Genesis hash (optional)</source>
        <translation>Genesis-hash (optioneel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>64 characters, from your network&apos;s instructions (optional)</source>
        <translation>64 tekens, uit de instructies van uw netwerk (optioneel)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network &amp;addresses:</source>
        <translation>Netwerk&amp;adressen:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Fingerprint:</source>
        <translation>&amp;Vingerafdruk:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your hospital or pilot program gives these addresses. The fingerprint (technically the network&apos;s genesis hash, 64 characters) makes sure you join their network and no other; you may leave it empty.</source>
        <translation>Uw ziekenhuis of pilotprogramma geeft deze adressen. De vingerafdruk (technisch de genesis-hash van het netwerk, 64 tekens) zorgt ervoor dat u lid wordt van hun netwerk en van geen ander; u mag hem leeg laten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System &amp;keyring (checking…)</source>
        <translation>&amp;Sleutelbos van het systeem (wordt gecontroleerd…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passphrase only (encrypted key file)</source>
        <translation>&amp;Alleen een wachtzin (versleuteld sleutelbestand)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pass&amp;phrase:</source>
        <translation>&amp;Wachtzin:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Technically: the key file is sealed with a key that Argon2id, a deliberately slow function, derives from the passphrase, so that guessing it takes very long.</source>
        <translation>Technisch: het sleutelbestand is verzegeld met een sleutel die Argon2id, een bewust trage functie, afleidt uit de wachtzin, zodat raden heel lang duurt.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="+15"/>
        <source>The 24 recovery words</source>
        <translation>De 24 herstelwoorden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>To be sure your copy is right, type these words from your list.</source>
        <translation>Typ deze woorden uit uw lijst, zodat u zeker weet dat uw kopie klopt.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Step {n} of {total}</source>
        <translation>Stap {n} van {total}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>I have written them &amp;down &gt;</source>
        <translation>Ik heb ze &amp;opgeschreven &gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Try again</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Word number {n}</source>
        <translation>Woord nummer {n}</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/backup_dialogs.py" line="-110"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+3"/>
        <source>Word {n}:</source>
        <translation>Woord {n}:</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/onboarding_view.py" line="+11"/>
        <source>Type your 24 recovery words. Your locked wallet&apos;s folder will be kept aside.</source>
        <translation>Typ uw 24 herstelwoorden. De map van uw vergrendelde portemonnee wordt opzijgezet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This installation is set up for the {name} network.</source>
        <translation>Deze installatie is ingesteld voor het netwerk {name}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>System &amp;keyring</source>
        <translation>&amp;Sleutelbos van het systeem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System &amp;keyring (not available on this computer)</source>
        <translation>&amp;Sleutelbos van het systeem (niet beschikbaar op deze computer)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why: {reason} A passphrase protects the wallet just as well.</source>
        <translation>Waarom: {reason} Een wachtzin beveiligt de portemonnee net zo goed.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>With the keyring, a passphrase is optional: leave both fields empty to skip it.</source>
        <translation>Met de sleutelbos is een wachtzin optioneel: laat beide velden leeg om hem over te slaan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required: at least 8 characters.</source>
        <translation>Verplicht: ten minste 8 tekens.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restoring: looking for your records on the network…</source>
        <translation>Herstellen: uw documenten worden op het netwerk gezocht…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating your wallet and its keys…</source>
        <translation>Uw portemonnee en de sleutels ervan worden aangemaakt…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restoring</source>
        <translation>Herstellen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Creating</source>
        <translation>Aanmaken</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cancelled. Nothing was kept; you can try again.</source>
        <translation>Geannuleerd. Er is niets bewaard; u kunt het opnieuw proberen.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/progress_panel.py" line="+22"/>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the running task</source>
        <translation>De lopende taak annuleren</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cancelling…</source>
        <translation>Bezig met annuleren…</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/protection_dialogs.py" line="-12"/>
        <source>Type your passphrase to see your 24 recovery words. Make sure no one is looking at your screen.</source>
        <translation>Typ uw wachtzin om uw 24 herstelwoorden te zien. Zorg dat niemand naar uw scherm kijkt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medwallet checks with the system keyring once more, then shows your 24 recovery words. Make sure no one is looking at your screen.</source>
        <translation>Medwallet vraagt het nog eenmaal na bij de sleutelbos van het systeem en toont dan uw 24 herstelwoorden. Zorg dat niemand naar uw scherm kijkt.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;Show the words</source>
        <translation>De woorden &amp;tonen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the recovery words</source>
        <translation>De herstelwoorden tonen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Write these 24 words down on paper, in order, and keep them safe.</source>
        <translation>Schrijf deze 24 woorden op papier, in volgorde, en bewaar ze veilig.</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+24"/>
        <source>Change the passphrase</source>
        <translation>De wachtzin wijzigen</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Set a passphrase</source>
        <translation>Een wachtzin instellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The passphrase opens your wallet on this computer. Choose at least 8 characters; a few unrelated words are easy to remember and hard to guess.</source>
        <translation>De wachtzin opent uw portemonnee op deze computer. Kies ten minste 8 tekens; een paar losse woorden zijn makkelijk te onthouden en moeilijk te raden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Current passphrase</source>
        <translation>Huidige wachtzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase</source>
        <translation>Nieuwe wachtzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat the new passphrase</source>
        <translation>De nieuwe wachtzin herhalen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Current passphrase:</source>
        <translation>&amp;Huidige wachtzin:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nieuwe wachtzin:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>C&amp;hange</source>
        <translation>&amp;Wijzigen</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/qr_dialog.py" line="+32"/>
        <source>Show this code to the institution</source>
        <translation>Toon deze code aan de instelling</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Drawing the code…</source>
        <translation>De code wordt getekend…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>QR code of the grant</source>
        <translation>QR-code van de toegang</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grant code text</source>
        <translation>Tekst van de toegangscode</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save PNG…</source>
        <translation>Als PNG &amp;opslaan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the QR code as a PNG image</source>
        <translation>De QR-code opslaan als PNG-afbeelding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy &amp;text</source>
        <translation>&amp;Tekst kopiëren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the grant code text</source>
        <translation>De tekst van de toegangscode kopiëren</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/emergency_dialog.py" line="+50"/>
        <source>This network has no emergency-access policy yet: no one can ask.</source>
        <translation>Dit netwerk heeft nog geen beleid voor noodtoegang: niemand kan erom vragen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no one</source>
        <translation>niemand</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>any clinic</source>
        <translation>elke kliniek</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any hospital</source>
        <translation>elk ziekenhuis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any laboratory</source>
        <translation>elk laboratorium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any pharmacy</source>
        <translation>elke apotheek</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any insurer</source>
        <translation>elke verzekeraar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any research study</source>
        <translation>elke onderzoeksstudie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any credential issuer</source>
        <translation>elke uitgever van attestaties</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any other institution</source>
        <translation>elke andere instelling</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n dag</numerusform>
            <numerusform>%n dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n uur</numerusform>
            <numerusform>%n uur</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuut</numerusform>
            <numerusform>%n minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n seconden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>the key is split among %n node(s)</source>
        <translation>
            <numerusform>de sleutel is verdeeld over %n knooppunt</numerusform>
            <numerusform>de sleutel is verdeeld over %n knooppunten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may ask: {who}. A request opens after {delay} unless you approve it sooner or veto it; {nodes}, {t} of which are needed.</source>
        <translation>Wie mag vragen: {who}. Een verzoek wordt geopend na {delay}, tenzij u het eerder goedkeurt of er een veto tegen uitspreekt; {nodes}, waarvan er {t} nodig zijn.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Emergency set</source>
        <translation>Noodgegevens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Include my patient &amp;summary (allergies, medications, problems)</source>
        <translation>Mijn patiënten&amp;samenvatting opnemen (allergieën, medicijnen, gezondheidsproblemen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FHIR records to include in the emergency set</source>
        <translation>FHIR-documenten om in de noodgegevens op te nemen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emergency requests on your set</source>
        <translation>Noodverzoeken voor uw noodgegevens</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also include these records:</source>
        <translation>Ook deze documenten opnemen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests:</source>
        <translation>Verzoeken:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Publish the set</source>
        <translation>&amp;Publiceren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Withdraw the set</source>
        <translation>&amp;Intrekken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Approve request</source>
        <translation>Verzoek &amp;goedkeuren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Veto request</source>
        <translation>&amp;Veto uitspreken</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/qr_dialog.py" line="+1"/>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>You have no emergency set yet.</source>
        <translation>U hebt nog geen noodgegevens.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdrawn</source>
        <translation>ingetrokken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Your set: %n file(s), version {v}, {state}. Emergency card: {card}</source>
        <translation>
            <numerusform>Uw noodgegevens: %n bestand, versie {v}, {state}. Noodkaart: {card}</numerusform>
            <numerusform>Uw noodgegevens: %n bestanden, versie {v}, {state}. Noodkaart: {card}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Emergency set published (%n file(s)).</source>
        <translation>
            <numerusform>Noodgegevens gepubliceerd (%n bestand).</numerusform>
            <numerusform>Noodgegevens gepubliceerd (%n bestanden).</numerusform>
        </translation>
    </message>
    <message>
        <location line="-19"/>
        <source>EMERGENCY · {who}: {why} — asked {asked}, opens {opens}, {status}</source>
        <translation>NOOD · {who}: {why} — gevraagd op {asked}, opent op {opens}, {status}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Emergency set withdrawn.</source>
        <translation>Noodgegevens ingetrokken.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a request first.</source>
        <translation>Kies eerst een verzoek.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approved: the request is open.</source>
        <translation>Goedgekeurd: het verzoek is geopend.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vetoed: the request will never open.</source>
        <translation>Veto: het verzoek wordt nooit geopend.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/qr_dialog.py" line="+21"/>
        <source>Copied. Paste it into the clinic desk&apos;s scan field.</source>
        <translation>Gekopieerd. Plak hem in het scanveld van de kliniekbalie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the QR code</source>
        <translation>De QR-code opslaan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved to {path}</source>
        <translation>Opgeslagen in {path}</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/records_view.py" line="-56"/>
        <source>Encrypted</source>
        <translation>Versleuteld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted on this computer, not uploaded yet. Use Resume uploads to finish.</source>
        <translation>Versleuteld op deze computer, nog niet geüpload. Gebruik Uploads hervatten om te voltooien.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploaded</source>
        <translation>Geüpload</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted and uploaded; not yet anchored on the ledger. Use Resume uploads to finish.</source>
        <translation>Versleuteld en geüpload; nog niet verankerd in het grootboek. Gebruik Uploads hervatten om te voltooien.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored safely</source>
        <translation>Veilig opgeslagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted, uploaded and anchored on the ledger (the network has recorded it): stored for good.</source>
        <translation>Versleuteld, geüpload en verankerd in het grootboek (het netwerk heeft het vastgelegd): blijvend opgeslagen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PDF document</source>
        <translation>Pdf-document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image</source>
        <translation>PNG-afbeelding</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JPEG image</source>
        <translation>JPEG-afbeelding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIFF image</source>
        <translation>TIFF-afbeelding</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DICOM image</source>
        <translation>DICOM-afbeelding</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Tekst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>FHIR {type}</source>
        <translation>FHIR {type}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Grootte</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importeren…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import files as records</source>
        <translation>Bestanden importeren als documenten</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+5"/>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a decrypted copy of the selected record</source>
        <translation>Een ontsleutelde kopie van het geselecteerde document openen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected record for good</source>
        <translation>Het geselecteerde document definitief verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Resume uploads</source>
        <translation>Uploads &amp;hervatten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish interrupted uploads</source>
        <translation>Onderbroken uploads voltooien</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Drop PDF, image or FHIR JSON files here to import them, or use Import.</source>
        <translation>Sleep hier pdf-, afbeeldings- of FHIR JSON-bestanden naartoe om ze te importeren, of gebruik Importeren.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Import records</source>
        <translation>Documenten importeren</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Importing {name}</source>
        <translation>{name} wordt geïmporteerd</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import cancelled: nothing of it was kept.</source>
        <translation>Import geannuleerd: er is niets van bewaard.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Finishing uploads</source>
        <translation>Uploads worden voltooid</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Decrypting “{title}”…</source>
        <translation>‘{title}’ wordt ontsleuteld…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opened a decrypted copy (deleted when Medwallet locks or quits).</source>
        <translation>Een ontsleutelde kopie geopend (verwijderd wanneer Medwallet vergrendelt of afsluit).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No application on this computer opens this kind of file. The decrypted copy is in {folder}</source>
        <translation>Geen enkel programma op deze computer opent dit soort bestand. De ontsleutelde kopie staat in {folder}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete record</source>
        <translation>Document verwijderen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete for good</source>
        <translation>Definitief verwijderen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleting “{title}”…</source>
        <translation>‘{title}’ wordt verwijderd…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted: removed from every node ({n} copies retired on the ledger), {c} consents narrowed or ended, forgotten on this computer.</source>
        <translation>Verwijderd: van elk knooppunt gehaald ({n} kopieën ingetrokken in het grootboek), {c} toestemmingen beperkt of beëindigd, vergeten op deze computer.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/settings_view.py" line="-21"/>
        <source>System keyring ({backend})</source>
        <translation>Sleutelbos van het systeem ({backend})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase-encrypted key file</source>
        <translation>Met een wachtzin versleuteld sleutelbestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set</source>
        <translation>ingesteld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set</source>
        <translation>niet ingesteld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the system keyring</source>
        <translation>de sleutelbos van het systeem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the passphrase</source>
        <translation>de wachtzin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(created in this session)</source>
        <translation>(aangemaakt in deze sessie)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Network</source>
        <translation>Netwerk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network name</source>
        <translation>Naam van het netwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network:</source>
        <translation>Netwerk:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network fingerprint (genesis hash)</source>
        <translation>Vingerafdruk van het netwerk (genesis-hash)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technically the network&apos;s genesis hash: Medwallet refuses nodes of any other network.</source>
        <translation>Technisch de genesis-hash van het netwerk: Medwallet weigert knooppunten van elk ander netwerk.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the whole network fingerprint</source>
        <translation>De volledige vingerafdruk van het netwerk tonen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fingerprint:</source>
        <translation>Vingerafdruk:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Empty: the network of this computer</source>
        <translation>Leeg: het netwerk van deze computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Apply</source>
        <translation>&amp;Toepassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use these node addresses</source>
        <translation>Deze adressen van knooppunten gebruiken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Network addresses:</source>
        <translation>Netwerk&amp;adressen:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keys</source>
        <translation>Sleutels</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keystore backend</source>
        <translation>Opslag van de sleutels</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wallet key kept in:</source>
        <translation>Sleutel van de portemonnee bewaard in:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase:</source>
        <translation>Wachtzin:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened with:</source>
        <translation>Geopend met:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wallet folder:</source>
        <translation>Map van de portemonnee:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the &amp;recovery phrase…</source>
        <translation>De &amp;herstelzin tonen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the 24 recovery words again</source>
        <translation>De 24 herstelwoorden opnieuw tonen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+140"/>
        <source>C&amp;hange the passphrase…</source>
        <translation>De wachtzin &amp;wijzigen…</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Change the wallet&apos;s passphrase</source>
        <translation>De wachtzin van de portemonnee wijzigen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lock</source>
        <translation>Vergrendelen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock now</source>
        <translation>Nu &amp;vergrendelen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the wallet now</source>
        <translation>De portemonnee nu vergrendelen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the wallet now (Ctrl+L)</source>
        <translation>De portemonnee nu vergrendelen (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>Nooit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-lock after minutes of inactivity</source>
        <translation>Automatisch vergrendelen na dit aantal minuten zonder activiteit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Auto-lock after:</source>
        <translation>&amp;Automatisch vergrendelen na:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System default</source>
        <translation>Taal van het systeem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the window</source>
        <translation>Taal van het venster</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medwallet shows the new language the next time it starts.</source>
        <translation>Medwallet toont de nieuwe taal wanneer het de volgende keer start.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Appearance</source>
        <translation>Weergave</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System</source>
        <translation>Systeem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>Licht</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>Donker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window colours: as the system, light or dark</source>
        <translation>Kleuren van het venster: zoals het systeem, licht of donker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System follows the light or dark setting of your desktop, and its high-contrast theme.</source>
        <translation>Systeem volgt de lichte of donkere instelling van uw bureaublad, en het thema met hoog contrast.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appearan&amp;ce:</source>
        <translation>&amp;Weergave:</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>checking…</source>
        <translation>wordt gecontroleerd…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>(not connected)</source>
        <translation>(niet verbonden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} (on this computer)</source>
        <translation>{name} (op deze computer)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Medwallet uses these nodes in turn and fails over when one is down. Leave the field empty to use the network of this computer instead.</source>
        <translation>Medwallet gebruikt deze knooppunten om beurten en schakelt over wanneer er een uitvalt. Laat het veld leeg om in plaats daarvan het netwerk van deze computer te gebruiken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A network for trying Medwallet, served by a node on this computer at {url}. Medwallet starts it when needed. To join your care network, type the addresses its instructions give.</source>
        <translation>Een netwerk om Medwallet uit te proberen, bediend door een knooppunt op deze computer op {url}. Medwallet start het wanneer het nodig is. Typ de adressen uit de instructies van uw zorgnetwerk om daar lid van te worden.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set a &amp;passphrase…</source>
        <translation>Een &amp;wachtzin instellen…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The passphrase is changed. Use the new one from now on.</source>
        <translation>De wachtzin is gewijzigd. Gebruik vanaf nu de nieuwe.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Connecting…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connected.</source>
        <translation>Verbonden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was changed: the wallet keeps using the network it had.</source>
        <translation>Er is niets gewijzigd: de portemonnee blijft het netwerk gebruiken dat hij had.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saved. The new language is shown the next time Medwallet starts.</source>
        <translation>Opgeslagen. De nieuwe taal wordt getoond wanneer Medwallet de volgende keer start.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/shl_reader_view.py" line="-19"/>
        <source>Read a SMART Health Link</source>
        <translation>Een SMART Health-link lezen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SMART Health Link</source>
        <translation>SMART Health-link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or paste the shlink:/ code</source>
        <translation>Scan of plak de shlink:/-code</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who is opening the link</source>
        <translation>Wie de link opent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passcode of the link</source>
        <translation>Toegangscode van de link</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Link:</source>
        <translation>&amp;Link:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened &amp;by:</source>
        <translation>Geopend &amp;door:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From QR &amp;image…</source>
        <translation>Uit QR-&amp;afbeelding…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What the link holds</source>
        <translation>Wat de link bevat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save files</source>
        <translation>Bestanden &amp;opslaan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep in my wallet</source>
        <translation>In mijn portemonnee &amp;bewaren</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/delegates_view.py" line="+141"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+11"/>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Afbeeldingen (*.png *.jpg *.jpeg);;Alle bestanden (*)</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+10"/>
        <source>No SMART Health Link in that image.</source>
        <translation>Geen SMART Health-link in die afbeelding.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“{label}”</source>
        <translation>‘{label}’</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Saved %n file(s) in {folder}</source>
        <translation>
            <numerusform>%n bestand opgeslagen in {folder}</numerusform>
            <numerusform>%n bestanden opgeslagen in {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Kept in your wallet: %n record(s)</source>
        <translation>
            <numerusform>Bewaard in uw portemonnee: %n document</numerusform>
            <numerusform>Bewaard in uw portemonnee: %n documenten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../wallet/gui/unlock_view.py" line="-8"/>
        <source>Type the {noun}&apos;s passphrase. If the system keyring holds its key, just press Unlock.</source>
        <translation>Typ de wachtzin van de {noun}. Als de sleutelbos van het systeem de sleutel bewaart, drukt u gewoon op Ontgrendelen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+40"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Ontgrendelen</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Unlock</source>
        <translation>Ontgrendelen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Forgot your passphrase? Restore the wallet from your 24 recovery words</source>
        <translation>Wachtzin vergeten? Herstel de portemonnee met uw 24 herstelwoorden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forgot the passphrase: restore the wallet from the recovery phrase</source>
        <translation>Wachtzin vergeten: de portemonnee herstellen met de herstelzin</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type your passphrase to open your {noun}.</source>
        <translation>Typ uw wachtzin om uw {noun} te openen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The system keyring did not open your {noun} here. Type your passphrase.</source>
        <translation>De sleutelbos van het systeem heeft uw {noun} hier niet geopend. Typ uw wachtzin.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your {noun}&apos;s key is in the system keyring, which does not answer now. Log in to your desktop session (or unlock its keyring), then press Unlock.</source>
        <translation>De sleutel van uw {noun} staat in de sleutelbos van het systeem, die nu niet antwoordt. Meld u aan bij uw bureaubladsessie (of ontgrendel de sleutelbos ervan) en druk dan op Ontgrendelen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unlocking…</source>
        <translation>Bezig met ontgrendelen…</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/delegates_view.py" line="-143"/>
        <source>Pictures</source>
        <translation>Foto&apos;s</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FHIR records</source>
        <translation>FHIR-documenten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Letters and documents</source>
        <translation>Brieven en documenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lab results</source>
        <translation>Laboratoriumuitslagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Medical imaging</source>
        <translation>Medische beeldvorming</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prescriptions</source>
        <translation>Recepten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De-identified copies</source>
        <translation>Gede-identificeerde kopieën</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clinical notes</source>
        <translation>Klinische notities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential issuer</source>
        <translation>Uitgever van attestaties</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../wallet/gui/main_window.py" line="-472"/>
        <source>Delegates</source>
        <translation>Gemachtigden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Let someone grant and revoke for you (a parent, a carer), within limits you sign</source>
        <translation>Iemand voor u laten toestaan en intrekken (een ouder, een mantelzorger), binnen grenzen die u ondertekent</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The delegate&apos;s code</source>
        <translation>De code van de gemachtigde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From an &amp;image…</source>
        <translation>Uit een &amp;afbeelding…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What you call the delegate (kept in your wallet only)</source>
        <translation>Hoe u de gemachtigde noemt (alleen in uw portemonnee bewaard)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Longest validity of one consent the delegate gives, in days</source>
        <translation>Langste geldigheid van één toestemming die de gemachtigde geeft, in dagen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many days the delegation lasts</source>
        <translation>Hoeveel dagen de machtiging duurt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may also revoke consents under this delegation they did not give</source>
        <translation>mag ook toestemmingen onder deze machtiging intrekken die hij of zij niet zelf gaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Code:</source>
        <translation>&amp;Code van de gemachtigde:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purposes:</source>
        <translation>Doelen:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kinds of record (none: all):</source>
        <translation>Soorten document (geen: alle):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kinds of institution (none: all):</source>
        <translation>Soorten instelling (geen: alle):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest consent (&amp;days):</source>
        <translation>Langste toestemming (&amp;dagen):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegation lasts (da&amp;ys):</source>
        <translation>Machtiging duurt (da&amp;gen):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add the delegate</source>
        <translation>Gemachtigde &amp;toevoegen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your delegates</source>
        <translation>Uw gemachtigden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;End the delegation</source>
        <translation>Machtiging &amp;beëindigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End it and revoke &amp;every consent they gave</source>
        <translation>Beëindigen en &amp;elke gegeven toestemming intrekken</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What your delegates did for you, verified on the ledger</source>
        <translation>Wat uw gemachtigden voor u deden, gecontroleerd in het grootboek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What your delegates did for you (verified):</source>
        <translation>Wat uw gemachtigden voor u deden (gecontroleerd):</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>{label}: {purposes}, %n record(s), until {until}, {status}</source>
        <translation>
            <numerusform>{label}: {purposes}, %n document, tot {until}, {status}</numerusform>
            <numerusform>{label}: {purposes}, %n documenten, tot {until}, {status}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>{label} is now your delegate for %n record(s). Read the fingerprint back with them: {fingerprint}</source>
        <translation>
            <numerusform>{label} is nu uw gemachtigde voor %n document. Lees samen de vingerafdruk na: {fingerprint}</numerusform>
            <numerusform>{label} is nu uw gemachtigde voor %n documenten. Lees samen de vingerafdruk na: {fingerprint}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>{label} can no longer act for you; %n consent(s) revoked.</source>
        <translation>
            <numerusform>{label} kan niet meer namens u handelen; %n toestemming ingetrokken.</numerusform>
            <numerusform>{label} kan niet meer namens u handelen; %n toestemmingen ingetrokken.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Open a picture of the delegate&apos;s code</source>
        <translation>Een afbeelding van de code van de gemachtigde openen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>End {label}&apos;s delegation and revoke every consent they gave?</source>
        <translation>De machtiging van {label} beëindigen en elke toestemming die hij of zij gaf intrekken?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End {label}&apos;s delegation? The consents they gave stay until they end or you revoke them.</source>
        <translation>De machtiging van {label} beëindigen? De toestemmingen die hij of zij gaf blijven gelden tot ze aflopen of u ze intrekt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the delegation</source>
        <translation>De machtiging beëindigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End it</source>
        <translation>Beëindigen</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/alerts_group.py" line="+3"/>
        <source>Check for &amp;alerts while Medwallet is closed</source>
        <translation>Op &amp;waarschuwingen letten als Medwallet gesloten is</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background alert checker</source>
        <translation>Waarschuwingen op de achtergrond controleren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First reads by an institution, reads at night, bursts, repeated refusals and emergency access raise an alert. With this on, a small checker started at login tells you even when the window is closed.</source>
        <translation>Een eerste leesactie door een instelling, leesacties &apos;s nachts, pieken, herhaalde weigeringen en noodtoegang geven een waarschuwing. Als dit aan staat, waarschuwt een kleine controle die bij het aanmelden start u ook als het venster gesloten is.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/consent_preview.py" line="+24"/>
        <source>What this consent shares</source>
        <translation>Wat deze toestemming deelt</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/revoke_all_action.py" line="+32"/>
        <source>Revoke all</source>
        <translation>Alles intrekken</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revoked {n} consent(s) in one batch. New consents use fresh pseudonyms.</source>
        <translation>{n} toestemming(en) in één keer ingetrokken. Nieuwe toestemmingen gebruiken nieuwe pseudoniemen.</translation>
    </message>
</context>
</TS>
