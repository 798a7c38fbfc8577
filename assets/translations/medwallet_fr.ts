<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name></name>
    <message>
        <location filename="../../wallet/gui/access_log_view.py" line="+49"/>
        <source>Deleted record</source>
        <translation>Document supprimé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a deleted record</source>
        <translation>un document supprimé</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>EMERGENCY: {who} asks for break-glass access to your emergency set</source>
        <translation>URGENCE : {who} demande un accès d&apos;urgence (bris de glace) à votre dossier d&apos;urgence</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Unknown requester</source>
        <translation>Demandeur inconnu</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alert: {alerts}.</source>
        <translation>Alerte : {alerts}.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{who} read {titles}</source>
        <translation>{who} a lu {titles}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} was refused: {reason}</source>
        <translation>{who} a été refusé : {reason}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} started a read but read no record</source>
        <translation>{who} a commencé une lecture mais n&apos;a lu aucun document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified on the ledger.</source>
        <translation>Vérifié sur le registre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Emergency: asked for break-glass access</source>
        <translation>Urgence : accès d&apos;urgence (bris de glace) demandé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency: approved by you</source>
        <translation>Urgence : approuvée par vous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency: vetoed by you</source>
        <translation>Urgence : refusée par vous (veto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency: a node released its key share</source>
        <translation>Urgence : un nœud a remis sa part de la clé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Emergency read</source>
        <translation>Lecture d&apos;urgence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started a read, no record read</source>
        <translation>Lecture commencée, aucun document lu</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read</source>
        <translation>Lu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(limited consent: {left} of {total} reads left)</source>
        <translation>(consentement limité : {left} lectures restantes sur {total})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deleted by you</source>
        <translation>Supprimé par vous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused: {reason}</source>
        <translation>Refusé : {reason}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Alert: {rules}</source>
        <translation>Alerte : {rules}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/clinic_desk_view.py" line="+163"/>
        <source>Proof</source>
        <translation>Preuve</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Qui</translation>
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
        <translation>Finalité</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Not verified</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verified: transaction {tx}… is proven in block {height} of the ledger&apos;s verified header chain.</source>
        <translation>Vérifié : la transaction {tx}… est prouvée dans le bloc {height} de la chaîne d&apos;en-têtes vérifiée du registre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>So is the fetch of the consent&apos;s keys that came first (transaction {tx}…).</source>
        <translation>De même que la récupération préalable des clés du consentement (transaction {tx}…).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verified</source>
        <translation>Vérifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your request</source>
        <translation>Votre demande</translation>
    </message>
    <message>
        <location line="+47"/>
        <location filename="../../wallet/gui/main_window.py" line="+52"/>
        <source>Access log</source>
        <translation>Journal des accès</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every read of your records, and every refusal, is signed and recorded on the ledger. Medwallet checks each one against the ledger&apos;s blocks before showing it as verified. New ones appear here within seconds.</source>
        <translation>Chaque lecture de vos documents, et chaque refus, est signé et inscrit dans le registre. Medwallet vérifie chacun d&apos;eux dans les blocs du registre avant de l&apos;afficher comme vérifié. Les nouveaux apparaissent ici en quelques secondes.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Filter by record</source>
        <translation>Filtrer par document</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/deidentified_dialog.py" line="+36"/>
        <source>&amp;Record:</source>
        <translation>&amp;Document :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by institution</source>
        <translation>Filtrer par établissement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Who:</source>
        <translation>&amp;Qui :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by outcome</source>
        <translation>Filtrer par résultat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>O&amp;utcome:</source>
        <translation>Rés&amp;ultat :</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+135"/>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Reads</source>
        <translation>Lectures</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Refusals</source>
        <translation>Refus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletions</source>
        <translation>Suppressions</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/alerts_group.py" line="+15"/>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../wallet/gui/credentials_view.py" line="+74"/>
        <source>Re&amp;fresh</source>
        <translation>Actua&amp;liser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the ledger for new accesses</source>
        <translation>Rechercher de nouveaux accès dans le registre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exporter en CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the shown events as CSV</source>
        <translation>Exporter les événements affichés en CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/consent_view.py" line="+63"/>
        <source>Export F&amp;HIR…</source>
        <translation>Exporter en F&amp;HIR…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the access log as a FHIR AuditEvent bundle</source>
        <translation>Exporter le journal des accès en lot FHIR AuditEvent</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access events</source>
        <translation>Événements d&apos;accès</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No one has read your records yet. When an institution reads a record you shared, or is refused, it appears here within seconds, checked against the ledger.</source>
        <translation>Personne n&apos;a encore lu vos documents. Lorsqu&apos;un établissement lit un document que vous avez partagé, ou se voit refuser l&apos;accès, cela apparaît ici en quelques secondes, vérifié dans le registre.</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Checking the ledger…</source>
        <translation>Vérification du registre…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Offline: {why} Medwallet keeps trying.</source>
        <translation>Hors ligne : {why} Medwallet continue d&apos;essayer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the ledger could not be checked.</source>
        <translation>le registre n&apos;a pas pu être vérifié.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Up to date: %n new event(s) verified at {time}.</source>
        <translation>
            <numerusform>À jour : %n nouvel événement vérifié à {time}.</numerusform>
            <numerusform>À jour : %n nouveaux événements vérifiés à {time}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to date (checked at {time}).</source>
        <translation>À jour (vérifié à {time}).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export the access log</source>
        <translation>Exporter le journal des accès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file (*.csv)</source>
        <translation>Fichier CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Exported %n event(s) to {path}</source>
        <translation>
            <numerusform>%n événement exporté vers {path}</numerusform>
            <numerusform>%n événements exportés vers {path}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the access log as FHIR</source>
        <translation>Exporter le journal des accès en FHIR</translation>
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
        <translation>Journal des accès exporté en FHIR vers {path}</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/camera_dialog.py" line="+30"/>
        <source>Camera scanning needs Qt Multimedia (the PySide6-Addons package), which is not installed here ({detail}).</source>
        <translation>La lecture par caméra nécessite Qt Multimedia (le paquet PySide6-Addons), qui n&apos;est pas installé ici ({detail}).</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>No camera was found on this computer. Use a USB code scanner (it types into the scan field), open a photo of the code with “Open QR image…”, or paste the code&apos;s text.</source>
        <translation>Aucune caméra n&apos;a été trouvée sur cet ordinateur. Utilisez un lecteur de codes USB (il saisit le code dans le champ de lecture), ouvrez une photo du code avec « Ouvrir une image QR… », ou collez le texte du code.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Scan with the camera</source>
        <translation>Lire avec la caméra</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Starting the camera…</source>
        <translation>Démarrage de la caméra…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Camera preview</source>
        <translation>Aperçu de la caméra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hold the patient&apos;s code in front of the camera.</source>
        <translation>Tenez le code du patient devant la caméra.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Camera scanning needs Qt Multimedia (the PySide6-Addons package), which is not installed here.</source>
        <translation>La lecture par caméra nécessite Qt Multimedia (le paquet PySide6-Addons), qui n&apos;est pas installé ici.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No camera</source>
        <translation>Aucune caméra</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>This code cannot be read.</source>
        <translation>Ce code ne peut pas être lu.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/clinic_desk_view.py" line="-77"/>
        <source>Refusal or problem</source>
        <translation>Refus ou problème</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records read</source>
        <translation>Documents lus</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan the code the patient shows (a USB scanner types it into the field above), or open a photo of it, or use the camera. The consent appears here, checked on the ledger; then read the records it allows.</source>
        <translation>Lisez le code que montre le patient (un lecteur USB le saisit dans le champ ci-dessus), ouvrez-en une photo ou utilisez la caméra. Le consentement apparaît ici, vérifié dans le registre ; lisez ensuite les documents qu&apos;il autorise.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Received files stay in a private folder until the desk closes.</source>
        <translation>Les fichiers reçus restent dans un dossier privé jusqu&apos;à la fermeture du poste.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+221"/>
        <source>&amp;Save to…</source>
        <translation>&amp;Enregistrer dans…</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>Save the received files to a folder</source>
        <translation>Enregistrer les fichiers reçus dans un dossier</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Scan:</source>
        <translation>&amp;Lire :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Grant code</source>
        <translation>Code d&apos;autorisation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the patient&apos;s QR code, or paste its text, then press Enter</source>
        <translation>Lisez le code QR du patient, ou collez son texte, puis appuyez sur Entrée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open QR &amp;image…</source>
        <translation>Ouvrir une &amp;image QR…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read a grant code from an image file</source>
        <translation>Lire un code d&apos;autorisation dans un fichier image</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Camera…</source>
        <translation>&amp;Caméra…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the grant code with the camera</source>
        <translation>Lire le code d&apos;autorisation avec la caméra</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMART Health &amp;Link…</source>
        <translation>&amp;Lien SMART Health…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read a SMART Health Link (shlink:/) a patient shows</source>
        <translation>Lire un lien SMART Health (shlink:/) que montre un patient</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save the countersigned consent</source>
        <translation>Enregistrer le consentement contresigné</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receipt saved: {name}</source>
        <translation>Reçu enregistré : {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name the patient chose to show in the code. The ledger does not check it.</source>
        <translation>Le nom que le patient a choisi de montrer dans le code. Le registre ne le vérifie pas.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consent status</source>
        <translation>État du consentement</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../wallet/gui/consent_view.py" line="-308"/>
        <source>Reads left</source>
        <translation>Lectures restantes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many more times this consent lets the desk read the records, as the ledger counts them.</source>
        <translation>Combien de fois encore ce consentement permet au poste de lire les documents, selon le décompte du registre.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patient:</source>
        <translation>Patient :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Purpose:</source>
        <translation>Finalité :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid:</source>
        <translation>Valable :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status:</source>
        <translation>État :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Records:</source>
        <translation>Documents :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reads left:</source>
        <translation>Lectures restantes :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read:</source>
        <translation>Lus :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Proof:</source>
        <translation>Preuve :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Read records</source>
        <translation>&amp;Lire les documents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the records this consent allows</source>
        <translation>Lire les documents que ce consentement autorise</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Countersign (receipt)…</source>
        <translation>&amp;Contresigner (reçu)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign the scanned consent for the patient to keep</source>
        <translation>Signer le consentement lu, pour que le patient le conserve</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{name}: clinic desk</source>
        <translation>{name} : poste de clinique</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/clinic_setup_view.py" line="+16"/>
        <source>Clinic</source>
        <translation>Clinique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network {network}.</source>
        <translation>Réseau {network}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This desk is not registered yet: the network&apos;s governance must register its keys (see &apos;medwallet clinic info&apos;) before patients can share with it.</source>
        <translation>Ce poste n&apos;est pas encore enregistré : la gouvernance du réseau doit enregistrer ses clés (voir « medwallet clinic info ») avant que les patients puissent partager avec lui.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+91"/>
        <source>Open a QR code image</source>
        <translation>Ouvrir une image de code QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Checking the consent on the ledger</source>
        <translation>Vérification du consentement dans le registre</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(no name in the code)</source>
        <translation>(aucun nom dans le code)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{start} to {end}</source>
        <translation>du {start} au {end}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/consent_view.py" line="-5"/>
        <location line="+11"/>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked by the patient</source>
        <translation>Révoqué par le patient</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/consent_view.py" line="-11"/>
        <location line="+11"/>
        <source>Expired</source>
        <translation>Expiré</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/consent_view.py" line="+0"/>
        <source>Not yet valid</source>
        <translation>Pas encore valable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Used up (no reads left)</source>
        <translation>Épuisé (plus aucune lecture)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Verified: consent proven on ledger block {height}</source>
        <translation>Vérifié : consentement prouvé dans le bloc {height} du registre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The ledger refused reads under this consent.</source>
        <translation>Le registre a refusé des lectures au titre de ce consentement.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlimited until the consent ends</source>
        <translation>Illimité jusqu&apos;à la fin du consentement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One-time consent: {left} read left</source>
        <translation>Consentement à usage unique : {left} lecture restante</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/consent_view.py" line="+12"/>
        <source>{left} of {total}</source>
        <translation>{left} sur {total}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Reading the records</source>
        <translation>Lecture des documents</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open {title}</source>
        <translation>Ouvrir {title}</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n record(s) read, each read recorded on the ledger</source>
        <translation>
            <numerusform>%n document lu, chaque lecture est inscrite dans le registre</numerusform>
            <numerusform>%n documents lus, chaque lecture est inscrite dans le registre</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+18"/>
        <source>&amp;Save to {folder}…</source>
        <translation>&amp;Enregistrer dans {folder}…</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Save the received files to</source>
        <translation>Enregistrer les fichiers reçus dans</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Saved %n file(s) to {folder}.</source>
        <translation>
            <numerusform>%n fichier enregistré dans {folder}.</numerusform>
            <numerusform>%n fichiers enregistrés dans {folder}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The refusal is recorded on the ledger and the patient sees it.</source>
        <translation>Le refus est inscrit dans le registre et le patient le voit.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/clinic_setup_view.py" line="+0"/>
        <source>Hospital</source>
        <translation>Hôpital</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Laboratory</source>
        <translation>Laboratoire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pharmacy</source>
        <translation>Pharmacie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Insurer</source>
        <translation>Assureur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Research study</source>
        <translation>Étude de recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/delegates_view.py" line="+41"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Set up this clinic desk</source>
        <translation>Configurer ce poste de clinique</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The desk gets its own institution keys. Patients find it in the network&apos;s directory once the network&apos;s governance has registered it.</source>
        <translation>Le poste reçoit ses propres clés d&apos;établissement. Les patients le trouvent dans l&apos;annuaire du réseau dès que la gouvernance du réseau l&apos;a enregistré.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the governance key file</source>
        <translation>Choisir le fichier de clé de gouvernance</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Institution &amp;name:</source>
        <translation>&amp;Nom de l&apos;établissement :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Institution name</source>
        <translation>Nom de l&apos;établissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Type :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind of institution</source>
        <translation>Type d&apos;établissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node &amp;addresses:</source>
        <translation>&amp;Adresses des nœuds :</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+158"/>
        <location filename="../../wallet/gui/settings_view.py" line="+137"/>
        <source>Node addresses</source>
        <translation>Adresses des nœuds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Governance key (local networks):</source>
        <translation>Clé de &amp;gouvernance (réseaux locaux) :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Governance key file</source>
        <translation>Fichier de clé de gouvernance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;phrase (without a keyring):</source>
        <translation>P&amp;hrase secrète (sans trousseau) :</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+31"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="+45"/>
        <location filename="../../wallet/gui/unlock_view.py" line="+40"/>
        <location line="+1"/>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+5"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Répéter :</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="-5"/>
        <source>Repeat passphrase</source>
        <translation>Répéter la phrase secrète</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Create the desk</source>
        <translation>&amp;Créer le poste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the clinic desk</source>
        <translation>Créer le poste de clinique</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Governance key</source>
        <translation>Clé de gouvernance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key files (*.key);;All files (*)</source>
        <translation>Fichiers de clé (*.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the institution&apos;s name, as patients will see it.</source>
        <translation>Saisissez le nom de l&apos;établissement, tel que les patients le verront.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/clinic_window.py" line="+34"/>
        <source>Opening the clinic desk…</source>
        <translation>Ouverture du poste de clinique…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The clinic desk is locked</source>
        <translation>Le poste de clinique est verrouillé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The clinic desk could not be opened.</source>
        <translation>Le poste de clinique n&apos;a pas pu être ouvert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>desk</source>
        <translation>poste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medwallet clinic desk</source>
        <translation>Poste de clinique Medwallet</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/consent_view.py" line="-22"/>
        <source>Revoked</source>
        <translation>Révoqué</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Institution</source>
        <translation>Établissement</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/main_window.py" line="+0"/>
        <location filename="../../wallet/gui/records_view.py" line="+119"/>
        <source>Records</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/grant_dialog.py" line="-86"/>
        <source>Valid until</source>
        <translation>Valable jusqu&apos;au</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../wallet/gui/credentials_view.py" line="-24"/>
        <location filename="../../wallet/gui/records_view.py" line="-51"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Revoked on {day}</source>
        <translation>Révoqué le {day}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended: its records were deleted</source>
        <translation>Terminé : ses documents ont été supprimés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used up: its reads were all made</source>
        <translation>Épuisé : toutes ses lectures ont été faites</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unlimited</source>
        <translation>Illimité</translation>
    </message>
    <message>
        <location line="+30"/>
        <location filename="../../wallet/gui/main_window.py" line="+0"/>
        <source>Sharing</source>
        <translation>Partage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;New grant…</source>
        <translation>&amp;Nouvelle autorisation…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give an institution access to records</source>
        <translation>Donner à un établissement l&apos;accès à des documents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show &amp;QR code</source>
        <translation>Afficher le code &amp;QR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the QR code of the selected consent</source>
        <translation>Afficher le code QR du consentement sélectionné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;voke…</source>
        <translation>Ré&amp;voquer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke the selected consent</source>
        <translation>Révoquer le consentement sélectionné</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export the consents as FHIR Consent resources</source>
        <translation>Exporter les consentements en ressources FHIR Consent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share &amp;de-identified…</source>
        <translation>Partager une copie &amp;dé-identifiée…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share a de-identified copy of a FHIR record for research</source>
        <translation>Partager une copie dé-identifiée d&apos;un document FHIR pour la recherche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revoke &amp;all…</source>
        <translation>Tout &amp;révoquer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke every consent in force and share from fresh keys</source>
        <translation>Révoquer tous les consentements en vigueur et partager désormais avec de nouvelles clés</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Consents by status</source>
        <translation>Consentements par état</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{status} consents</source>
        <translation>Consentements : {status}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You have not shared any record yet. Choose “New grant…” to let a clinic read records you choose, until a date you choose; you can revoke at any time.</source>
        <translation>Vous n&apos;avez encore partagé aucun document. Choisissez « Nouvelle autorisation… » pour permettre à une clinique de lire les documents que vous choisissez, jusqu&apos;à la date que vous choisissez ; vous pouvez révoquer à tout moment.</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Import a record first: there is nothing to share yet.</source>
        <translation>Importez d&apos;abord un document : il n&apos;y a encore rien à partager.</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+64"/>
        <source>Sharing with {name}</source>
        <translation>Partage avec {name}</translation>
    </message>
    <message numerus="yes">
        <location line="-47"/>
        <source>{name} may now read %n record(s). Show the QR code at the desk.</source>
        <translation>
            <numerusform>{name} peut maintenant lire %n document. Montrez le code QR au poste d&apos;accueil.</numerusform>
            <numerusform>{name} peut maintenant lire %n documents. Montrez le code QR au poste d&apos;accueil.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Only FHIR records can be de-identified: import one first.</source>
        <translation>Seuls les documents FHIR peuvent être dé-identifiés : importez-en un d&apos;abord.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No research institution is registered on this network yet.</source>
        <translation>Aucun établissement de recherche n&apos;est encore enregistré sur ce réseau.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>De-identifying the record to show what the copy keeps…</source>
        <translation>Dé-identification du document pour montrer ce que la copie conserve…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../wallet/gui/deidentified_dialog.py" line="-8"/>
        <source>Share a de-identified copy</source>
        <translation>Partager une copie dé-identifiée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share</source>
        <translation>Partager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not shared.</source>
        <translation>Non partagé.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consent for {name}. Let the desk scan this code, or copy its text.</source>
        <translation>Consentement pour {name}. Laissez le poste lire ce code, ou copiez son texte.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Consent for {name}, {purpose}, valid until {day}.</source>
        <translation>Consentement pour {name}, {purpose}, valable jusqu&apos;au {day}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the consents as FHIR</source>
        <translation>Exporter les consentements en FHIR</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported the consents as FHIR to {path}</source>
        <translation>Consentements exportés en FHIR vers {path}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revoke consent</source>
        <translation>Révoquer le consentement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoke</source>
        <translation>Révoquer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoked. {name}&apos;s next read will be refused.</source>
        <translation>Révoqué. La prochaine lecture de {name} sera refusée.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/credentials_view.py" line="-16"/>
        <source>Valid</source>
        <translation>Valable</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Revoked by the issuer</source>
        <translation>Révoquée par l&apos;émetteur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not checked (offline)</source>
        <translation>Non vérifiée (hors ligne)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Issuer</source>
        <translation>Émetteur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Credential</source>
        <translation>Attestation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attributes</source>
        <translation>Attributs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>Reçue le</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../wallet/gui/main_window.py" line="+1"/>
        <source>Credentials</source>
        <translation>Attestations</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Credentials held by this wallet</source>
        <translation>Attestations détenues par ce portefeuille</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Answer an offer…</source>
        <translation>&amp;Répondre à une offre…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Store a credential…</source>
        <translation>&amp;Enregistrer une attestation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer a &amp;proof request…</source>
        <translation>Répondre à une demande de &amp;preuve…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credentials status</source>
        <translation>État des attestations</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Open the issuer&apos;s offer</source>
        <translation>Ouvrir l&apos;offre de l&apos;émetteur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save your credential request</source>
        <translation>Enregistrer votre demande d&apos;attestation</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Request saved to {path}: send it to the issuer.</source>
        <translation>Demande enregistrée dans {path} : envoyez-la à l&apos;émetteur.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open the credential from the issuer</source>
        <translation>Ouvrir l&apos;attestation de l&apos;émetteur</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stored a credential from {issuer}.</source>
        <translation>Attestation de {issuer} enregistrée.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open the proof request</source>
        <translation>Ouvrir la demande de preuve</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>None of your valid credentials can answer this request from {name}.</source>
        <translation>Aucune de vos attestations valables ne permet de répondre à cette demande de {name}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Prove</source>
        <translation>Prouver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined: nothing was proven.</source>
        <translation>Refusé : rien n&apos;a été prouvé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save your proof</source>
        <translation>Enregistrer votre preuve</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Proof saved to {path}: send it to {name}.</source>
        <translation>Preuve enregistrée dans {path} : envoyez-la à {name}.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/deidentified_dialog.py" line="+5"/>
        <source>FHIR record to de-identify</source>
        <translation>Document FHIR à dé-identifier</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Research institution</source>
        <translation>Établissement de recherche</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Research &amp;institution:</source>
        <translation>&amp;Établissement de recherche :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next you see what the copy keeps and what it removes, before anything is shared.</source>
        <translation>Vous verrez ensuite ce que la copie conserve et ce qu&apos;elle retire, avant que quoi que ce soit ne soit partagé.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Preview…</source>
        <translation>&amp;Aperçu…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview the de-identified copy</source>
        <translation>Aperçu de la copie dé-identifiée</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/dialog_service.py" line="+72"/>
        <source>Medical records (*.pdf *.json *.png *.jpg *.jpeg *.tif *.tiff *.dcm *.xml *.txt);;All files (*)</source>
        <translation>Documents médicaux (*.pdf *.json *.png *.jpg *.jpeg *.tif *.tiff *.dcm *.xml *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/errors.py" line="+59"/>
        <source>The ledger refused this read: {reason}.</source>
        <translation>Le registre a refusé cette lecture : {reason}.</translation>
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
        <translation>Message d&apos;erreur</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Medwallet: unexpected error</source>
        <translation>Medwallet : erreur inattendue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something went wrong inside Medwallet. Your records are safe. If this happens again, copy the details below (they contain no health data and no key) and send them to your support contact.</source>
        <translation>Un problème est survenu dans Medwallet. Vos documents sont en sécurité. Si cela se reproduit, copiez les détails ci-dessous (ils ne contiennent aucune donnée de santé ni aucune clé) et envoyez-les à votre contact d&apos;assistance.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error details</source>
        <translation>Détails de l&apos;erreur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy error details</source>
        <translation>Copier les détails de l&apos;erreur</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/formatting.py" line="+33"/>
        <source>Encrypting</source>
        <translation>Chiffrement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uploading</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Downloading</source>
        <translation>Téléchargement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decrypting and checking</source>
        <translation>Déchiffrement et vérification</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Looking for your records</source>
        <translation>Recherche de vos documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing the shared copy</source>
        <translation>Préparation de la copie partagée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checking FHIR entries</source>
        <translation>Vérification des entrées FHIR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anchoring on the ledger</source>
        <translation>Ancrage dans le registre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Working</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/grant_dialog.py" line="+1"/>
        <source>&amp;Valid until:</source>
        <translation>&amp;Valable jusqu&apos;au :</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reads allowed</source>
        <translation>Lectures autorisées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlimited (until it ends)</source>
        <translation>Illimitées (jusqu&apos;à la fin)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Once</source>
        <translation>Une fois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A number of times</source>
        <translation>Un nombre de fois</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Number of reads allowed</source>
        <translation>Nombre de lectures autorisées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The ledger counts each read by the institution and refuses the next one once they are used up.</source>
        <translation>Le registre compte chaque lecture de l&apos;établissement et refuse la suivante une fois qu&apos;elles sont épuisées.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reads &amp;allowed:</source>
        <translation>Lectures &amp;autorisées :</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Share records</source>
        <translation>Partager des documents</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type part of the name</source>
        <translation>Saisissez une partie du nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search institutions</source>
        <translation>Rechercher des établissements</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search institutions:</source>
        <translation>&amp;Rechercher des établissements :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Institutions</source>
        <translation>Établissements</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>I&amp;nstitution:</source>
        <translation>Éta&amp;blissement :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Records to share</source>
        <translation>Documents à partager</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Records:</source>
        <translation>&amp;Documents :</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Purpose:</source>
        <translation>&amp;Finalité :</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optional, e.g. your name or initials</source>
        <translation>Facultatif, par exemple votre nom ou vos initiales</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name the desk shows for you</source>
        <translation>Nom que le poste affiche pour vous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only in the code you show, never on the ledger: it helps the desk know whose records it reads.</source>
        <translation>Uniquement dans le code que vous montrez, jamais dans le registre : il aide le poste à savoir à qui appartiennent les documents qu&apos;il lit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name shown to the desk:</source>
        <translation>&amp;Nom montré au poste :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading the network&apos;s institutions…</source>
        <translation>Chargement des établissements du réseau…</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+43"/>
        <source>Set up a clinic desk on this &amp;computer…</source>
        <translation>Configurer un poste de clinique sur cet &amp;ordinateur…</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Set up a clinic desk on this computer to try sharing</source>
        <translation>Configurer un poste de clinique sur cet ordinateur pour essayer le partage</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Grant access</source>
        <translation>&amp;Accorder l&apos;accès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grant access</source>
        <translation>Accorder l&apos;accès</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No institution takes part in the network of this computer yet: it is for trying Medwallet. To try sharing, set up a clinic desk on this computer; you then open it with “medwallet clinic” and show it your code.</source>
        <translation>Aucun établissement ne participe encore au réseau de cet ordinateur : il sert à essayer Medwallet. Pour essayer le partage, configurez un poste de clinique sur cet ordinateur ; ouvrez-le ensuite avec « medwallet clinic » et montrez-lui votre code.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No institution is registered on this network yet. Institutions are added by the network&apos;s operator (your hospital or pilot program): ask them which clinics take part.</source>
        <translation>Aucun établissement n&apos;est encore enregistré sur ce réseau. Les établissements sont ajoutés par l&apos;opérateur du réseau (votre hôpital ou programme pilote) : demandez-lui quelles cliniques y participent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only the institution you choose can read the shared copies, and only until the date you set. You can revoke at any time.</source>
        <translation>Seul l&apos;établissement que vous choisissez peut lire les copies partagées, et seulement jusqu&apos;à la date que vous fixez. Vous pouvez révoquer à tout moment.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set up another clinic desk on this &amp;computer…</source>
        <translation>Configurer un autre poste de clinique sur cet &amp;ordinateur…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The institutions could not be loaded.</source>
        <translation>Les établissements n&apos;ont pas pu être chargés.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>an institution</source>
        <translation>un établissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>at least one record</source>
        <translation>au moins un document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To grant access, choose {what}.</source>
        <translation>Pour accorder l&apos;accès, choisissez {what}.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <location filename="../../wallet/gui/help_view.py" line="+41"/>
        <source>About {name}</source>
        <translation>À propos de {name}</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../../wallet/gui/main_window.py" line="-63"/>
        <source>Help</source>
        <translation>Aide</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;About Medwallet…</source>
        <translation>À &amp;propos de Medwallet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Medwallet</source>
        <translation>À propos de Medwallet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;About {name}…</source>
        <translation>À &amp;propos de {name}…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support: {contact}</source>
        <translation>Assistance : {contact}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions about your care network go to the hospital or program that gave you its address.</source>
        <translation>Les questions sur votre réseau de soins s&apos;adressent à l&apos;hôpital ou au programme qui vous a donné son adresse.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/links_view.py" line="-119"/>
        <location filename="../../wallet/gui/main_window.py" line="-1"/>
        <source>Links &amp; evidence</source>
        <translation>Liens et preuves</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share a summary with someone who has no desk (SMART Health Link)</source>
        <translation>Partager un résumé avec une personne qui n&apos;a pas de poste (lien SMART Health)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Label shown to the person you share with</source>
        <translation>Libellé montré à la personne avec qui vous partagez</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passcode of the link (at least 6 characters)</source>
        <translation>Code d&apos;accès du lien (au moins 6 caractères)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many days the link lasts</source>
        <translation>Nombre de jours de validité du lien</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many times the link may be opened</source>
        <translation>Nombre de fois que le lien peut être ouvert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Label:</source>
        <translation>&amp;Libellé :</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="-34"/>
        <source>&amp;Passcode:</source>
        <translation>&amp;Code d&apos;accès :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lasts (&amp;days):</source>
        <translation>Durée (&amp;jours) :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened at most (&amp;times):</source>
        <translation>Ouvert au plus (&amp;fois) :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Make the link</source>
        <translation>&amp;Créer le lien</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your SMART Health Links</source>
        <translation>Vos liens SMART Health</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Read a SMART Health Link…</source>
        <translation>&amp;Lire un lien SMART Health…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep a clinic &amp;receipt…</source>
        <translation>Conserver un &amp;reçu de clinique…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Evidence for a regulator…</source>
        <translation>&amp;Preuves pour une autorité de contrôle…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print access &amp;log…</source>
        <translation>Imprimer le &amp;journal des accès…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print records &amp;summary…</source>
        <translation>Imprimer le ré&amp;sumé des documents…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;mergency set…</source>
        <translation>Dossier d&apos;&amp;urgence…</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>{label}: until {until}, opened {uses}/{max}, wrong passcodes {failures}, {status}</source>
        <translation>{label} : jusqu&apos;au {until}, ouvert {uses}/{max}, codes d&apos;accès erronés {failures}, {status}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no label)</source>
        <translation>(sans libellé)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Show this code, or send the link; it lasts until {until}</source>
        <translation>Montrez ce code, ou envoyez le lien ; il est valable jusqu&apos;au {until}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open a clinic&apos;s receipt</source>
        <translation>Ouvrir le reçu d&apos;une clinique</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipt checked on the ledger and kept.</source>
        <translation>Reçu vérifié dans le registre et conservé.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the evidence bundle</source>
        <translation>Enregistrer le lot de preuves</translation>
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
            <numerusform>Preuve de %n événement enregistrée ; chacun peut la vérifier avec medwallet-evidence.</numerusform>
            <numerusform>Preuve de %n événements enregistrée ; chacun peut la vérifier avec medwallet-evidence.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the access log as PDF</source>
        <translation>Enregistrer le journal des accès en PDF</translation>
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
        <translation>{name} enregistré</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Save the records summary as PDF</source>
        <translation>Enregistrer le résumé des documents en PDF</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/local_desk_dialog.py" line="+23"/>
        <source>Set up a clinic desk on this computer</source>
        <translation>Configurer un poste de clinique sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>To try sharing, Medwallet can set up a clinic desk on this computer and register it on the network of this computer. You then open the desk with “medwallet clinic” and let it read your code, as a clinic would.</source>
        <translation>Pour essayer le partage, Medwallet peut configurer un poste de clinique sur cet ordinateur et l&apos;enregistrer sur le réseau de cet ordinateur. Vous ouvrez ensuite le poste avec « medwallet clinic » et le laissez lire votre code, comme le ferait une clinique.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Name of the desk</source>
        <translation>Nom du poste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name of the desk:</source>
        <translation>&amp;Nom du poste :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desk passphrase</source>
        <translation>Phrase secrète du poste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Repeat desk passphrase</source>
        <translation>Répéter la phrase secrète du poste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Desk &amp;passphrase:</source>
        <translation>&amp;Phrase secrète du poste :</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="+87"/>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Répétez-la :</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checking the keyring…</source>
        <translation>Vérification du trousseau…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Set up the desk</source>
        <translation>&amp;Configurer le poste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up the clinic desk</source>
        <translation>Configurer le poste de clinique</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This computer has no keyring, so the desk&apos;s keys need a passphrase of their own (at least 8 characters). {why}</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau de clés : les clés du poste ont donc besoin d&apos;une phrase secrète à elles (au moins 8 caractères). {why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The desk&apos;s keys are kept in the system keyring, like your wallet&apos;s.</source>
        <translation>Les clés du poste sont conservées dans le trousseau du système, comme celles de votre portefeuille.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/main_window.py" line="+0"/>
        <location filename="../../wallet/gui/settings_view.py" line="-40"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>New access notification</source>
        <translation>Notification de nouvel accès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View access log</source>
        <translation>&amp;Voir le journal des accès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View the access log</source>
        <translation>Voir le journal des accès</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the notification</source>
        <translation>Fermer la notification</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Approve emergency access</source>
        <translation>&amp;Approuver l&apos;accès d&apos;urgence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ve&amp;to</source>
        <translation>&amp;Veto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Veto the emergency request</source>
        <translation>Opposer un veto à la demande d&apos;urgence</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Opening your wallet…</source>
        <translation>Ouverture de votre portefeuille…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your wallet is locked</source>
        <translation>Votre portefeuille est verrouillé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wallet could not be opened.</source>
        <translation>Le portefeuille n&apos;a pas pu être ouvert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>wallet</source>
        <translation>portefeuille</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Restore from the recovery phrase</source>
        <translation>Restaurer à partir de la phrase de récupération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore from my words</source>
        <translation>Restaurer à partir de mes mots</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Restored {records} record(s), {grants} consent(s) and {events} access event(s).</source>
        <translation>{records} document(s), {grants} consentement(s) et {events} événement(s) d&apos;accès restaurés.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{label} (Ctrl+{n})</source>
        <translation>{label} (Ctrl+{n})</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Locked</source>
        <translation>Verrouillé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on this computer</source>
        <translation>sur cet ordinateur</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n nœud</numerusform>
            <numerusform>%n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network {name} · {where}</source>
        <translation>Réseau {name} · {where}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The network of this computer: an embedded ledger node at {url}.</source>
        <translation>Le réseau de cet ordinateur : un nœud de registre intégré à l&apos;adresse {url}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>offline: {why}</source>
        <translation>hors ligne : {why}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ledger is at block {height}.</source>
        <translation>Le registre en est au bloc {height}.</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>Medwallet: new access</source>
        <translation>Medwallet : nouvel accès</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Medwallet: alert</source>
        <translation>Medwallet : alerte</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approved: the emergency request is open.</source>
        <translation>Approuvée : la demande d&apos;urgence est ouverte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vetoed: the emergency request will never open.</source>
        <translation>Veto : la demande d&apos;urgence ne s&apos;ouvrira jamais.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Working…</source>
        <translation>Traitement…</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/messages.py" line="+17"/>
        <source>Delete “{title}” for good?</source>
        <translation>Supprimer « {title} » définitivement ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medwallet removes this record and every copy you shared from every node of the network, narrows or ends every consent that covers it (the ledger never releases its key to anyone again), records the deletion in your access log, and forgets its title, file name, size and dates on this computer.

This is not crypto-shredding: a copy of the encrypted data taken earlier (a backup of a node, a copy of your wallet folder) still opens with your recovery phrase. Institutions that already read the record keep what they read. The ledger keeps the fact that a record existed and who read it, never its content. This cannot be undone.</source>
        <translation>Medwallet retire ce document et chaque copie que vous avez partagée de tous les nœuds du réseau, restreint ou met fin à chaque consentement qui le couvre (le registre ne communique plus jamais sa clé à personne), inscrit la suppression dans votre journal des accès, et oublie sur cet ordinateur son titre, son nom de fichier, sa taille et ses dates.

Ce n&apos;est pas un effacement cryptographique : une copie des données chiffrées prise auparavant (une sauvegarde d&apos;un nœud, une copie du dossier de votre portefeuille) s&apos;ouvre encore avec votre phrase de récupération. Les établissements qui ont déjà lu le document gardent ce qu&apos;ils ont lu. Le registre garde le fait qu&apos;un document a existé et qui l&apos;a lu, jamais son contenu. Cette action est irréversible.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{name} is already in your wallet; nothing was added.</source>
        <translation>{name} est déjà dans votre portefeuille ; rien n&apos;a été ajouté.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“{title}” is encrypted and stored safely.</source>
        <translation>« {title} » est chiffré et conservé en sécurité.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}: FHIR bundle of {entries} entries, kept whole as one record, encrypted and stored safely.</source>
        <translation>{name} : lot FHIR de {entries} entrées, conservé entier comme un seul document, chiffré et conservé en sécurité.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n invalid entries are kept in the file as they are: {first}</source>
        <translation>
            <numerusform>%n entrée non valable est conservée telle quelle dans le fichier : {first}</numerusform>
            <numerusform>%n entrées non valables sont conservées telles quelles dans le fichier : {first}</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name}, a registered research institution, would receive a de-identified copy ({types}) under a new pseudonym used for nothing else.</source>
        <translation>{name}, un établissement de recherche enregistré, recevrait une copie dé-identifiée ({types}) sous un nouveau pseudonyme qui ne sert à rien d&apos;autre.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The copy keeps:</source>
        <translation>La copie conserve :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It removes:</source>
        <translation>Elle retire :</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n free text(s) of the record are not sent as written.</source>
        <translation>
            <numerusform>%n texte libre du document n&apos;est pas envoyé tel quel.</numerusform>
            <numerusform>%n textes libres du document ne sont pas envoyés tels quels.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share this de-identified copy with {name}?</source>
        <translation>Partager cette copie dé-identifiée avec {name} ?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revoke the consent given to {institution}?</source>
        <translation>Révoquer le consentement donné à {institution} ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From now on the ledger refuses every read under this consent, and each refusal appears in your access log. What the institution already read stays with it. To share again, give a new consent.</source>
        <translation>Désormais, le registre refuse toute lecture au titre de ce consentement, et chaque refus apparaît dans votre journal des accès. Ce que l&apos;établissement a déjà lu reste chez lui. Pour partager à nouveau, donnez un nouveau consentement.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>These 24 words are the only way to recover your wallet if this computer is lost. Write them down on paper, in order, and keep them somewhere safe. Anyone who has them can read your records. You can show them again later from Settings.</source>
        <translation>Ces 24 mots sont le seul moyen de récupérer votre portefeuille si cet ordinateur est perdu. Notez-les sur papier, dans l&apos;ordre, et gardez-les en lieu sûr. Toute personne qui les possède peut lire vos documents. Vous pourrez les afficher à nouveau plus tard depuis les Paramètres.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The system keyring keeps the wallet&apos;s key like a browser keeps saved passwords: the wallet opens without a question when you are logged in. An optional passphrase lets you open it on a computer whose keyring was reset.</source>
        <translation>Le trousseau du système conserve la clé du portefeuille comme un navigateur conserve les mots de passe enregistrés : le portefeuille s&apos;ouvre sans question quand votre session est ouverte. Une phrase secrète facultative permet de l&apos;ouvrir sur un ordinateur dont le trousseau a été réinitialisé.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The wallet&apos;s key file is encrypted with your passphrase. You will type it each time you open Medwallet. Choose at least 8 characters; a few unrelated words are easy to remember.</source>
        <translation>Le fichier de clé du portefeuille est chiffré avec votre phrase secrète. Vous la saisirez à chaque ouverture de Medwallet. Choisissez au moins 8 caractères ; quelques mots sans rapport entre eux sont faciles à retenir.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Medwallet runs a small network of its own on this computer, started when needed. Choose this to try Medwallet, or until your care network gives you its addresses.</source>
        <translation>Medwallet fait fonctionner sur cet ordinateur un petit réseau qui lui est propre, démarré quand il le faut. Choisissez cette option pour essayer Medwallet, ou en attendant que votre réseau de soins vous donne ses adresses.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Credentials come from an issuer, such as your health insurer or a hospital you are registered with. A credential lets you prove you are a patient of the network without saying who you are, so your pseudonyms cannot be linked. When an issuer gives you one, it will appear here.</source>
        <translation>Les attestations proviennent d&apos;un émetteur, comme votre assurance maladie ou un hôpital où vous êtes inscrit. Une attestation vous permet de prouver que vous êtes patient du réseau sans dire qui vous êtes, de sorte que vos pseudonymes ne peuvent pas être reliés. Lorsqu&apos;un émetteur vous en donne une, elle apparaît ici.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>After this many minutes without keyboard or mouse use, Medwallet locks itself: the wallet is closed, decrypted copies are deleted and the passphrase is needed again. 0 turns this off.</source>
        <translation>Après ce nombre de minutes sans utilisation du clavier ou de la souris, Medwallet se verrouille : le portefeuille est fermé, les copies déchiffrées sont supprimées et la phrase secrète est de nouveau nécessaire. 0 désactive le verrouillage.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>no institution</source>
        <translation>aucun établissement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke all {count} consent(s) in force and share from fresh keys from now on?</source>
        <translation>Révoquer les {count} consentement(s) en vigueur et partager désormais avec de nouvelles clés ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Institutions: {names}. Every next read under these consents is refused and appears in your access log; what was already read stays with the institution. The revocations reach the network in one request and land side by side in one block, so its nodes, and the institutions that read its blocks, can tell that the pseudonyms that gave these consents are one patient&apos;s. New consents use new pseudonyms and new copies of your records.</source>
        <translation>Établissements : {names}. Toute lecture suivante sous ces consentements est refusée et apparaît dans votre journal des accès ; ce qui a déjà été lu reste chez l&apos;établissement. Les révocations parviennent au réseau en une seule requête et sont inscrites côte à côte dans un même bloc : ses nœuds, et les établissements qui lisent ses blocs, peuvent donc voir que les pseudonymes qui ont donné ces consentements sont ceux d&apos;un même patient. Les nouveaux consentements utilisent de nouveaux pseudonymes et de nouvelles copies de vos documents.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your medical records, your consent. Records are encrypted on this computer before they leave it; every permission and every read is recorded on a ledger you can check.</source>
        <translation>Vos documents médicaux, votre consentement. Les documents sont chiffrés sur cet ordinateur avant de le quitter ; chaque autorisation et chaque lecture sont inscrites dans un registre que vous pouvez vérifier.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Built on Medwallet, free software under the MIT licence.</source>
        <translation>Basé sur Medwallet, logiciel libre sous licence MIT.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free software under the MIT licence.</source>
        <translation>Logiciel libre sous licence MIT.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network in use: {network}.</source>
        <translation>Réseau utilisé : {network}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support: {support}.</source>
        <translation>Assistance : {support}.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../wallet/gui/records_view.py" line="+32"/>
        <source>Your records</source>
        <translation>Vos documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import a letter, a lab result or an image with Import, or drop the file on the window. Medwallet encrypts it on this computer, keeps the encrypted copy on the network and marks it “Stored safely” once the network has recorded it.</source>
        <translation>Importez une lettre, un résultat de laboratoire ou une image avec Importer, ou déposez le fichier sur la fenêtre. Medwallet le chiffre sur cet ordinateur, conserve la copie chiffrée sur le réseau et l&apos;indique « Conservé en sécurité » dès que le réseau l&apos;a inscrit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sharing with a clinic</source>
        <translation>Partager avec une clinique</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Under Sharing, choose New grant, the clinic, the records and until when. Medwallet shows a code: let the clinic&apos;s desk scan it, or save it as a picture. Only that clinic can read the shared copies, only until the date you chose, and you can revoke at any time.</source>
        <translation>Sous Partage, choisissez Nouvelle autorisation, la clinique, les documents et jusqu&apos;à quand. Medwallet affiche un code : laissez le poste de la clinique le lire, ou enregistrez-le en image. Seule cette clinique peut lire les copies partagées, seulement jusqu&apos;à la date que vous avez choisie, et vous pouvez révoquer à tout moment.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trying it on this computer</source>
        <translation>Essayer sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A wallet on the network of this computer (the default) is for trying Medwallet: no clinic takes part yet, so the grant form offers to set up a clinic desk on this computer. Open it with “medwallet clinic” and let it read your code, to see the whole journey.</source>
        <translation>Un portefeuille sur le réseau de cet ordinateur (par défaut) sert à essayer Medwallet : aucune clinique n&apos;y participe encore, le formulaire d&apos;autorisation propose donc de configurer un poste de clinique sur cet ordinateur. Ouvrez-le avec « medwallet clinic » et laissez-le lire votre code, pour voir tout le parcours.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The access log</source>
        <translation>Le journal des accès</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every read of your records, and every refusal, is recorded on the ledger and checked by Medwallet before it is shown. New ones appear within seconds, and a banner tells you who read what.</source>
        <translation>Chaque lecture de vos documents, et chaque refus, est inscrit dans le registre et vérifié par Medwallet avant d&apos;être affiché. Les nouveaux apparaissent en quelques secondes, et un bandeau vous indique qui a lu quoi.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="-150"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="-96"/>
        <source>Your recovery phrase</source>
        <translation>Votre phrase de récupération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The 24 words are the only way back into your wallet if this computer is lost or you forget your passphrase. Settings shows them again once you type your passphrase. To restore, choose “Restore from a recovery phrase” when Medwallet starts, or “Forgot your passphrase?” on the lock screen.</source>
        <translation>Les 24 mots sont le seul moyen de retrouver votre portefeuille si cet ordinateur est perdu ou si vous oubliez votre phrase secrète. Les Paramètres les affichent à nouveau une fois votre phrase secrète saisie. Pour restaurer, choisissez « Restaurer à partir d&apos;une phrase de récupération » au démarrage de Medwallet, ou « Phrase secrète oubliée ? » sur l&apos;écran de verrouillage.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passphrase and keyring</source>
        <translation>Phrase secrète et trousseau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The system keyring opens the wallet when you log in; a passphrase opens it anywhere. Settings lets you change the passphrase and lock the wallet now.</source>
        <translation>Le trousseau du système ouvre le portefeuille quand vous ouvrez votre session ; une phrase secrète l&apos;ouvre n&apos;importe où. Les Paramètres permettent de changer la phrase secrète et de verrouiller le portefeuille immédiatement.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The clinic desk “{name}” is set up on this computer and registered. Choose it in the grant form; then open the desk with “medwallet clinic” (or its menu entry) and let it read your code.</source>
        <translation>Le poste de clinique « {name} » est configuré sur cet ordinateur et enregistré. Choisissez-le dans le formulaire d&apos;autorisation ; ouvrez ensuite le poste avec « medwallet clinic » (ou son entrée de menu) et laissez-le lire votre code.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore your wallet from its 24 recovery words?</source>
        <translation>Restaurer votre portefeuille à partir de ses 24 mots de récupération ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without the passphrase this wallet cannot be opened, but your 24 words bring it back: your records, consents and access log come back from the network. You choose a new passphrase on the way.

The locked wallet&apos;s folder is kept aside, renamed, not deleted.</source>
        <translation>Sans la phrase secrète, ce portefeuille ne peut pas être ouvert, mais vos 24 mots le font revenir : vos documents, consentements et journal des accès reviennent depuis le réseau. Vous choisissez une nouvelle phrase secrète en chemin.

Le dossier du portefeuille verrouillé est mis de côté, renommé, pas supprimé.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>see your {attribute}</source>
        <translation>voir votre {attribute}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a proof that {statement} (the value itself stays hidden)</source>
        <translation>une preuve que {statement} (la valeur elle-même reste cachée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} asks for: {asks}.</source>
        <translation>{name} demande : {asks}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a registered {kind} institution</source>
        <translation>un établissement enregistré de type {kind}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a registered institution</source>
        <translation>un établissement enregistré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} is {kind} on your network (key {key}…); its request is signed and valid until {until}. </source>
        <translation>{name} est {kind} sur votre réseau (clé {key}…) ; sa demande est signée et valable jusqu&apos;au {until}. </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your credential from {issuer} answers it; nothing else about you is shown.</source>
        <translation>Votre attestation de {issuer} y répond ; rien d&apos;autre à votre sujet n&apos;est montré.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its issuer</source>
        <translation>son émetteur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prove this to {name}?</source>
        <translation>Prouver ceci à {name} ?</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/onboarding_view.py" line="+0"/>
        <source>Welcome to Medwallet</source>
        <translation>Bienvenue dans Medwallet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the network</source>
        <translation>Choisir le réseau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Protect the wallet on this computer</source>
        <translation>Protéger le portefeuille sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write down your recovery phrase</source>
        <translation>Notez votre phrase de récupération</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/backup_dialogs.py" line="+62"/>
        <location line="+1"/>
        <source>Guardians</source>
        <translation>Personnes de confiance</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Guardians are people you trust (family, a friend, your doctor). Each gets a share of your wallet; together, enough of them can restore it if you lose your recovery phrase. One share alone reveals nothing.</source>
        <translation>Les personnes de confiance sont des proches en qui vous avez confiance (famille, ami, médecin). Chacune reçoit une part de votre portefeuille ; ensemble, un nombre suffisant d&apos;entre elles peut le restaurer si vous perdez votre phrase de récupération. Une part seule ne révèle rien.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Guardians&apos; names, one per line</source>
        <translation>Noms des personnes de confiance, un par ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One name per line</source>
        <translation>Un nom par ligne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guardians needed to restore</source>
        <translation>Personnes de confiance nécessaires pour restaurer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Guardians:</source>
        <translation>&amp;Personnes de confiance :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Needed to restore:</source>
        <translation>&amp;Nécessaires pour restaurer :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wallet passphrase</source>
        <translation>Phrase secrète du portefeuille</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wallet &amp;passphrase:</source>
        <translation>&amp;Phrase secrète du portefeuille :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Make the shares</source>
        <translation>&amp;Créer les parts</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Share words</source>
        <translation>Mots de la part</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write these 33 words down for this guardian only, in order, or print this page. Medwallet keeps no copy and will not show them again.</source>
        <translation>Notez ces 33 mots pour cette personne de confiance seulement, dans l&apos;ordre, ou imprimez cette page. Medwallet n&apos;en garde aucune copie et ne les montrera plus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Print this share…</source>
        <translation>&amp;Imprimer cette part…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print this guardian&apos;s share</source>
        <translation>Imprimer la part de cette personne de confiance</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+56"/>
        <source>&amp;Next guardian</source>
        <translation>Personne de confiance &amp;suivante</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Medwallet guardian share {n} of {count}</source>
        <translation>Part de confiance Medwallet {n} sur {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For {name}. Any {needed} guardians together can restore the wallet; keep this page safe and give it to no one else.</source>
        <translation>Pour {name}. {needed} personnes de confiance quelconques peuvent ensemble restaurer le portefeuille ; gardez cette page en lieu sûr et ne la donnez à personne d&apos;autre.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Share {n} of {count}, for {name} ({needed} needed)</source>
        <translation>Part {n} sur {count}, pour {name} ({needed} nécessaires)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Done</source>
        <translation>&amp;Terminé</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+1"/>
        <source>Check your recovery phrase</source>
        <translation>Vérifiez votre phrase de récupération</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type these words of your recovery phrase, from your written copy.</source>
        <translation>Tapez ces mots de votre phrase de récupération, d&apos;après votre copie écrite.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Word {n}</source>
        <translation>Mot {n}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Check</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Restore from guardians&apos; shares</source>
        <translation>Restaurer à partir des parts des personnes de confiance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type or paste the shares your guardians kept, one per line or separated by an empty line.</source>
        <translation>Tapez ou collez les parts gardées par vos personnes de confiance, une par ligne ou séparées par une ligne vide.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guardians&apos; shares</source>
        <translation>Parts des personnes de confiance</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Rebuild my recovery phrase</source>
        <translation>&amp;Reconstituer ma phrase de récupération</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Backup reminder</source>
        <translation>Rappel de sauvegarde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back up now</source>
        <translation>&amp;Sauvegarder maintenant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remind me &amp;later</source>
        <translation>Me le rappeler &amp;plus tard</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your recovery phrase was never checked. If this computer is lost, it is the only way back to your records.</source>
        <translation>Votre phrase de récupération n&apos;a jamais été vérifiée. Si cet ordinateur est perdu, c&apos;est le seul moyen de retrouver vos documents.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have not checked your recovery phrase for months. Check it, or give shares to guardians.</source>
        <translation>Vous n&apos;avez pas vérifié votre phrase de récupération depuis des mois. Vérifiez-la, ou donnez des parts à des personnes de confiance.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Backup</source>
        <translation>Sauvegarde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Backup status</source>
        <translation>État de la sauvegarde</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check my recovery &amp;phrase…</source>
        <translation>Vérifier ma &amp;phrase de récupération…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Guardians…</source>
        <translation>&amp;Personnes de confiance…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give shares of your wallet to guardians</source>
        <translation>Donner des parts de votre portefeuille à des personnes de confiance</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Backed up.</source>
        <translation>Sauvegardé.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your recovery phrase was never checked.</source>
        <translation>Votre phrase de récupération n&apos;a jamais été vérifiée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your recovery phrase was last checked long ago.</source>
        <translation>Votre phrase de récupération a été vérifiée pour la dernière fois il y a longtemps.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{needed} of your {count} guardians can restore this wallet.</source>
        <translation>{needed} de vos {count} personnes de confiance peuvent restaurer ce portefeuille.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/onboarding_view.py" line="+1"/>
        <source>Setting up your wallet</source>
        <translation>Configuration de votre portefeuille</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Your wallet is ready.</source>
        <translation>Votre portefeuille est prêt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Précédent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back</source>
        <translation>Précédent</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+186"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Create a new wallet</source>
        <translation>&amp;Créer un nouveau portefeuille</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a new wallet</source>
        <translation>Créer un nouveau portefeuille</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restore from a recovery phrase</source>
        <translation>&amp;Restaurer à partir d&apos;une phrase de récupération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore a wallet from its recovery phrase</source>
        <translation>Restaurer un portefeuille à partir de sa phrase de récupération</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Medwallet keeps your medical records encrypted on this computer and lets you decide, record by record, who may read them. Every read is recorded and you can check it.</source>
        <translation>Medwallet conserve vos documents médicaux chiffrés sur cet ordinateur et vous laisse décider, document par document, qui peut les lire. Chaque lecture est inscrite et vous pouvez la vérifier.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Recovery phrase</source>
        <translation>Phrase de récupération</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>word1 word2 word3 … word24</source>
        <translation>mot1 mot2 mot3 … mot24</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use my &amp;guardians&apos; shares instead…</source>
        <translation>Utiliser plutôt les parts de mes personnes de &amp;confiance…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rebuild the recovery phrase from guardians&apos; shares</source>
        <translation>Reconstituer la phrase de récupération à partir des parts des personnes de confiance</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type or paste the 24 words of your recovery phrase, in order. Medwallet then finds your records, consents and access log on the network.</source>
        <translation>Saisissez ou collez les 24 mots de votre phrase de récupération, dans l&apos;ordre. Medwallet retrouve ensuite vos documents, consentements et journal des accès sur le réseau.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Try Medwallet on this computer (a network of its own)</source>
        <translation>&amp;Essayer Medwallet sur cet ordinateur (un réseau qui lui est propre)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join my care &amp;network (its addresses come from my hospital or pilot)</source>
        <translation>Rejoindre mon &amp;réseau de soins (ses adresses viennent de mon hôpital ou programme pilote)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Genesis hash (optional)</source>
        <translation>Hash de genèse (facultatif)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>64 characters, from your network&apos;s instructions (optional)</source>
        <translation>64 caractères, issus des instructions de votre réseau (facultatif)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network &amp;addresses:</source>
        <translation>&amp;Adresses du réseau :</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Fingerprint:</source>
        <translation>&amp;Empreinte :</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your hospital or pilot program gives these addresses. The fingerprint (technically the network&apos;s genesis hash, 64 characters) makes sure you join their network and no other; you may leave it empty.</source>
        <translation>Votre hôpital ou programme pilote vous donne ces adresses. L&apos;empreinte (techniquement le hash de genèse du réseau, 64 caractères) garantit que vous rejoignez leur réseau et aucun autre ; vous pouvez la laisser vide.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System &amp;keyring (checking…)</source>
        <translation>&amp;Trousseau du système (vérification…)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passphrase only (encrypted key file)</source>
        <translation>&amp;Phrase secrète seule (fichier de clé chiffré)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pass&amp;phrase:</source>
        <translation>P&amp;hrase secrète :</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Technically: the key file is sealed with a key that Argon2id, a deliberately slow function, derives from the passphrase, so that guessing it takes very long.</source>
        <translation>Techniquement : le fichier de clé est scellé avec une clé qu&apos;Argon2id, une fonction volontairement lente, dérive de la phrase secrète, de sorte que la deviner prend très longtemps.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../wallet/gui/protection_dialogs.py" line="+15"/>
        <source>The 24 recovery words</source>
        <translation>Les 24 mots de récupération</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>To be sure your copy is right, type these words from your list.</source>
        <translation>Pour vous assurer que votre copie est juste, saisissez ces mots de votre liste.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Step {n} of {total}</source>
        <translation>Étape {n} sur {total}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>I have written them &amp;down &gt;</source>
        <translation>Je les ai &amp;notés &gt;</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Try again</source>
        <translation>&amp;Réessayer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Word number {n}</source>
        <translation>Mot numéro {n}</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/backup_dialogs.py" line="-110"/>
        <location filename="../../wallet/gui/onboarding_view.py" line="+3"/>
        <source>Word {n}:</source>
        <translation>Mot {n} :</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/onboarding_view.py" line="+11"/>
        <source>Type your 24 recovery words. Your locked wallet&apos;s folder will be kept aside.</source>
        <translation>Saisissez vos 24 mots de récupération. Le dossier de votre portefeuille verrouillé sera mis de côté.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This installation is set up for the {name} network.</source>
        <translation>Cette installation est configurée pour le réseau {name}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>System &amp;keyring</source>
        <translation>&amp;Trousseau du système</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System &amp;keyring (not available on this computer)</source>
        <translation>&amp;Trousseau du système (non disponible sur cet ordinateur)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why: {reason} A passphrase protects the wallet just as well.</source>
        <translation>Pourquoi : {reason} Une phrase secrète protège le portefeuille tout aussi bien.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>With the keyring, a passphrase is optional: leave both fields empty to skip it.</source>
        <translation>Avec le trousseau, une phrase secrète est facultative : laissez les deux champs vides pour vous en passer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required: at least 8 characters.</source>
        <translation>Obligatoire : au moins 8 caractères.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restoring: looking for your records on the network…</source>
        <translation>Restauration : recherche de vos documents sur le réseau…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating your wallet and its keys…</source>
        <translation>Création de votre portefeuille et de ses clés…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restoring</source>
        <translation>Restauration</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Creating</source>
        <translation>Création</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cancelled. Nothing was kept; you can try again.</source>
        <translation>Annulé. Rien n&apos;a été conservé ; vous pouvez réessayer.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/progress_panel.py" line="+22"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the running task</source>
        <translation>Annuler la tâche en cours</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/protection_dialogs.py" line="-12"/>
        <source>Type your passphrase to see your 24 recovery words. Make sure no one is looking at your screen.</source>
        <translation>Saisissez votre phrase secrète pour voir vos 24 mots de récupération. Assurez-vous que personne ne regarde votre écran.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medwallet checks with the system keyring once more, then shows your 24 recovery words. Make sure no one is looking at your screen.</source>
        <translation>Medwallet interroge encore une fois le trousseau du système, puis affiche vos 24 mots de récupération. Assurez-vous que personne ne regarde votre écran.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;Show the words</source>
        <translation>&amp;Afficher les mots</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the recovery words</source>
        <translation>Afficher les mots de récupération</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Write these 24 words down on paper, in order, and keep them safe.</source>
        <translation>Notez ces 24 mots sur papier, dans l&apos;ordre, et gardez-les en lieu sûr.</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+24"/>
        <source>Change the passphrase</source>
        <translation>Changer la phrase secrète</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Set a passphrase</source>
        <translation>Définir une phrase secrète</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The passphrase opens your wallet on this computer. Choose at least 8 characters; a few unrelated words are easy to remember and hard to guess.</source>
        <translation>La phrase secrète ouvre votre portefeuille sur cet ordinateur. Choisissez au moins 8 caractères ; quelques mots sans rapport entre eux sont faciles à retenir et difficiles à deviner.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Current passphrase</source>
        <translation>Phrase secrète actuelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New passphrase</source>
        <translation>Nouvelle phrase secrète</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat the new passphrase</source>
        <translation>Répéter la nouvelle phrase secrète</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Current passphrase:</source>
        <translation>Phrase secrète &amp;actuelle :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Nouvelle phrase secrète :</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>C&amp;hange</source>
        <translation>C&amp;hanger</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/qr_dialog.py" line="+32"/>
        <source>Show this code to the institution</source>
        <translation>Montrez ce code à l&apos;établissement</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Drawing the code…</source>
        <translation>Dessin du code…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>QR code of the grant</source>
        <translation>Code QR de l&apos;autorisation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Grant code text</source>
        <translation>Texte du code d&apos;autorisation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Save PNG…</source>
        <translation>&amp;Enregistrer en PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the QR code as a PNG image</source>
        <translation>Enregistrer le code QR en image PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy &amp;text</source>
        <translation>Copier le &amp;texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the grant code text</source>
        <translation>Copier le texte du code d&apos;autorisation</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/emergency_dialog.py" line="+50"/>
        <source>This network has no emergency-access policy yet: no one can ask.</source>
        <translation>Ce réseau n&apos;a pas encore de règles d&apos;accès d&apos;urgence : personne ne peut en demander.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no one</source>
        <translation>personne</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>any clinic</source>
        <translation>toute clinique</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any hospital</source>
        <translation>tout hôpital</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any laboratory</source>
        <translation>tout laboratoire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any pharmacy</source>
        <translation>toute pharmacie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any insurer</source>
        <translation>tout assureur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any research study</source>
        <translation>toute étude de recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>any credential issuer</source>
        <translation>tout émetteur d&apos;attestations</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>any other institution</source>
        <translation>tout autre établissement</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n heure</numerusform>
            <numerusform>%n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>the key is split among %n node(s)</source>
        <translation>
            <numerusform>la clé est répartie entre %n nœud</numerusform>
            <numerusform>la clé est répartie entre %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may ask: {who}. A request opens after {delay} unless you approve it sooner or veto it; {nodes}, {t} of which are needed.</source>
        <translation>Qui peut demander : {who}. Une demande s&apos;ouvre après {delay}, sauf si vous l&apos;approuvez plus tôt ou y opposez un veto ; {nodes}, dont {t} sont nécessaires.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Emergency set</source>
        <translation>Dossier d&apos;urgence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Include my patient &amp;summary (allergies, medications, problems)</source>
        <translation>Inclure mon ré&amp;sumé patient (allergies, médicaments, problèmes de santé)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>FHIR records to include in the emergency set</source>
        <translation>Documents FHIR à inclure dans le dossier d&apos;urgence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emergency requests on your set</source>
        <translation>Demandes d&apos;urgence sur votre dossier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also include these records:</source>
        <translation>Inclure aussi ces documents :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests:</source>
        <translation>Demandes :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Publish the set</source>
        <translation>&amp;Publier le dossier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Withdraw the set</source>
        <translation>&amp;Retirer le dossier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Approve request</source>
        <translation>&amp;Approuver la demande</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Veto request</source>
        <translation>Opposer un &amp;veto</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../wallet/gui/qr_dialog.py" line="+1"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>You have no emergency set yet.</source>
        <translation>Vous n&apos;avez pas encore de dossier d&apos;urgence.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdrawn</source>
        <translation>retiré</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>active</source>
        <translation>en vigueur</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Your set: %n file(s), version {v}, {state}. Emergency card: {card}</source>
        <translation>
            <numerusform>Votre dossier : %n fichier, version {v}, {state}. Carte d&apos;urgence : {card}</numerusform>
            <numerusform>Votre dossier : %n fichiers, version {v}, {state}. Carte d&apos;urgence : {card}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Emergency set published (%n file(s)).</source>
        <translation>
            <numerusform>Dossier d&apos;urgence publié (%n fichier).</numerusform>
            <numerusform>Dossier d&apos;urgence publié (%n fichiers).</numerusform>
        </translation>
    </message>
    <message>
        <location line="-19"/>
        <source>EMERGENCY · {who}: {why} — asked {asked}, opens {opens}, {status}</source>
        <translation>URGENCE · {who} : {why} — demandée le {asked}, s&apos;ouvre le {opens}, {status}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Emergency set withdrawn.</source>
        <translation>Dossier d&apos;urgence retiré.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a request first.</source>
        <translation>Choisissez d&apos;abord une demande.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Approved: the request is open.</source>
        <translation>Approuvée : la demande est ouverte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vetoed: the request will never open.</source>
        <translation>Veto : la demande ne s&apos;ouvrira jamais.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/qr_dialog.py" line="+21"/>
        <source>Copied. Paste it into the clinic desk&apos;s scan field.</source>
        <translation>Copié. Collez-le dans le champ de lecture du poste de la clinique.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the QR code</source>
        <translation>Enregistrer le code QR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved to {path}</source>
        <translation>Enregistré dans {path}</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/records_view.py" line="-56"/>
        <source>Encrypted</source>
        <translation>Chiffré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted on this computer, not uploaded yet. Use Resume uploads to finish.</source>
        <translation>Chiffré sur cet ordinateur, pas encore envoyé. Utilisez Reprendre les envois pour terminer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uploaded</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted and uploaded; not yet anchored on the ledger. Use Resume uploads to finish.</source>
        <translation>Chiffré et envoyé ; pas encore ancré dans le registre. Utilisez Reprendre les envois pour terminer.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stored safely</source>
        <translation>Conservé en sécurité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted, uploaded and anchored on the ledger (the network has recorded it): stored for good.</source>
        <translation>Chiffré, envoyé et ancré dans le registre (le réseau l&apos;a inscrit) : conservé durablement.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>PDF document</source>
        <translation>Document PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image</source>
        <translation>Image PNG</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>JPEG image</source>
        <translation>Image JPEG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIFF image</source>
        <translation>Image TIFF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DICOM image</source>
        <translation>Image DICOM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text</source>
        <translation>Texte</translation>
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
        <translation>Titre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import files as records</source>
        <translation>Importer des fichiers comme documents</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+5"/>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a decrypted copy of the selected record</source>
        <translation>Ouvrir une copie déchiffrée du document sélectionné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the selected record for good</source>
        <translation>Supprimer définitivement le document sélectionné</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Resume uploads</source>
        <translation>&amp;Reprendre les envois</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish interrupted uploads</source>
        <translation>Terminer les envois interrompus</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Drop PDF, image or FHIR JSON files here to import them, or use Import.</source>
        <translation>Déposez ici des fichiers PDF, image ou FHIR JSON pour les importer, ou utilisez Importer.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Import records</source>
        <translation>Importer des documents</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Importing {name}</source>
        <translation>Importation de {name}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import cancelled: nothing of it was kept.</source>
        <translation>Importation annulée : rien n&apos;en a été conservé.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Finishing uploads</source>
        <translation>Fin des envois</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Decrypting “{title}”…</source>
        <translation>Déchiffrement de « {title} »…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opened a decrypted copy (deleted when Medwallet locks or quits).</source>
        <translation>Copie déchiffrée ouverte (supprimée quand Medwallet se verrouille ou se ferme).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No application on this computer opens this kind of file. The decrypted copy is in {folder}</source>
        <translation>Aucune application de cet ordinateur n&apos;ouvre ce type de fichier. La copie déchiffrée se trouve dans {folder}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Delete record</source>
        <translation>Supprimer le document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete for good</source>
        <translation>Supprimer définitivement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deleting “{title}”…</source>
        <translation>Suppression de « {title} »…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deleted: removed from every node ({n} copies retired on the ledger), {c} consents narrowed or ended, forgotten on this computer.</source>
        <translation>Supprimé : retiré de tous les nœuds ({n} copies retirées dans le registre), {c} consentements restreints ou terminés, oublié sur cet ordinateur.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/settings_view.py" line="-21"/>
        <source>System keyring ({backend})</source>
        <translation>Trousseau du système ({backend})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase-encrypted key file</source>
        <translation>Fichier de clé chiffré par phrase secrète</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set</source>
        <translation>définie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not set</source>
        <translation>non définie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the system keyring</source>
        <translation>le trousseau du système</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>the passphrase</source>
        <translation>la phrase secrète</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(created in this session)</source>
        <translation>(créé pendant cette session)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Network name</source>
        <translation>Nom du réseau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network:</source>
        <translation>Réseau :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Network fingerprint (genesis hash)</source>
        <translation>Empreinte du réseau (hash de genèse)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Technically the network&apos;s genesis hash: Medwallet refuses nodes of any other network.</source>
        <translation>Techniquement le hash de genèse du réseau : Medwallet refuse les nœuds de tout autre réseau.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the whole network fingerprint</source>
        <translation>Afficher l&apos;empreinte complète du réseau</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fingerprint:</source>
        <translation>Empreinte :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Empty: the network of this computer</source>
        <translation>Vide : le réseau de cet ordinateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use these node addresses</source>
        <translation>Utiliser ces adresses de nœuds</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Network addresses:</source>
        <translation>Adresses du &amp;réseau :</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Keys</source>
        <translation>Clés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keystore backend</source>
        <translation>Système de stockage des clés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wallet key kept in:</source>
        <translation>Clé du portefeuille conservée dans :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passphrase:</source>
        <translation>Phrase secrète :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened with:</source>
        <translation>Ouvert avec :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wallet folder:</source>
        <translation>Dossier du portefeuille :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the &amp;recovery phrase…</source>
        <translation>Afficher la phrase de &amp;récupération…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the 24 recovery words again</source>
        <translation>Afficher à nouveau les 24 mots de récupération</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+140"/>
        <source>C&amp;hange the passphrase…</source>
        <translation>C&amp;hanger la phrase secrète…</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Change the wallet&apos;s passphrase</source>
        <translation>Changer la phrase secrète du portefeuille</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Lock</source>
        <translation>Verrouillage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Lock now</source>
        <translation>&amp;Verrouiller maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the wallet now</source>
        <translation>Verrouiller le portefeuille maintenant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the wallet now (Ctrl+L)</source>
        <translation>Verrouiller le portefeuille maintenant (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-lock after minutes of inactivity</source>
        <translation>Verrouillage automatique après ce nombre de minutes d&apos;inactivité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Auto-lock after:</source>
        <translation>Verrouillage &amp;automatique après :</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the window</source>
        <translation>Langue de la fenêtre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lan&amp;guage:</source>
        <translation>Lan&amp;gue :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Medwallet shows the new language the next time it starts.</source>
        <translation>Medwallet affiche la nouvelle langue au prochain démarrage.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Window colours: as the system, light or dark</source>
        <translation>Couleurs de la fenêtre : comme le système, claires ou sombres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System follows the light or dark setting of your desktop, and its high-contrast theme.</source>
        <translation>Système suit le réglage clair ou sombre de votre bureau, et son thème à contraste élevé.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appearan&amp;ce:</source>
        <translation>Appa&amp;rence :</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>checking…</source>
        <translation>vérification…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>(not connected)</source>
        <translation>(non connecté)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name} (on this computer)</source>
        <translation>{name} (sur cet ordinateur)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Medwallet uses these nodes in turn and fails over when one is down. Leave the field empty to use the network of this computer instead.</source>
        <translation>Medwallet utilise ces nœuds à tour de rôle et passe au suivant lorsqu&apos;un nœud est en panne. Laissez le champ vide pour utiliser plutôt le réseau de cet ordinateur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A network for trying Medwallet, served by a node on this computer at {url}. Medwallet starts it when needed. To join your care network, type the addresses its instructions give.</source>
        <translation>Un réseau pour essayer Medwallet, servi par un nœud sur cet ordinateur à l&apos;adresse {url}. Medwallet le démarre quand il le faut. Pour rejoindre votre réseau de soins, saisissez les adresses que donnent ses instructions.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set a &amp;passphrase…</source>
        <translation>Définir une &amp;phrase secrète…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The passphrase is changed. Use the new one from now on.</source>
        <translation>La phrase secrète a été changée. Utilisez la nouvelle désormais.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connected.</source>
        <translation>Connecté.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing was changed: the wallet keeps using the network it had.</source>
        <translation>Rien n&apos;a été changé : le portefeuille continue d&apos;utiliser le réseau qu&apos;il avait.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saved. The new language is shown the next time Medwallet starts.</source>
        <translation>Enregistré. La nouvelle langue s&apos;affiche au prochain démarrage de Medwallet.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/shl_reader_view.py" line="-19"/>
        <source>Read a SMART Health Link</source>
        <translation>Lire un lien SMART Health</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>SMART Health Link</source>
        <translation>Lien SMART Health</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan or paste the shlink:/ code</source>
        <translation>Lisez ou collez le code shlink:/</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who is opening the link</source>
        <translation>Qui ouvre le lien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passcode of the link</source>
        <translation>Code d&apos;accès du lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Link:</source>
        <translation>&amp;Lien :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened &amp;by:</source>
        <translation>Ouvert &amp;par :</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>From QR &amp;image…</source>
        <translation>Depuis une &amp;image QR…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What the link holds</source>
        <translation>Contenu du lien</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save files</source>
        <translation>&amp;Enregistrer les fichiers</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep in my wallet</source>
        <translation>&amp;Conserver dans mon portefeuille</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/delegates_view.py" line="+141"/>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+11"/>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Images (*.png *.jpg *.jpeg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/shl_reader_view.py" line="+10"/>
        <source>No SMART Health Link in that image.</source>
        <translation>Aucun lien SMART Health dans cette image.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“{label}”</source>
        <translation>« {label} »</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Saved %n file(s) in {folder}</source>
        <translation>
            <numerusform>%n fichier enregistré dans {folder}</numerusform>
            <numerusform>%n fichiers enregistrés dans {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Kept in your wallet: %n record(s)</source>
        <translation>
            <numerusform>Conservé dans votre portefeuille : %n document</numerusform>
            <numerusform>Conservés dans votre portefeuille : %n documents</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../wallet/gui/unlock_view.py" line="-8"/>
        <source>Type the {noun}&apos;s passphrase. If the system keyring holds its key, just press Unlock.</source>
        <translation>Saisissez la phrase secrète du {noun}. Si le trousseau du système détient sa clé, appuyez simplement sur Déverrouiller.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+40"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Déverrouiller</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Unlock</source>
        <translation>Déverrouiller</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Forgot your passphrase? Restore the wallet from your 24 recovery words</source>
        <translation>Phrase secrète oubliée ? Restaurez le portefeuille à partir de vos 24 mots de récupération</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forgot the passphrase: restore the wallet from the recovery phrase</source>
        <translation>Phrase secrète oubliée : restaurer le portefeuille à partir de la phrase de récupération</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type your passphrase to open your {noun}.</source>
        <translation>Saisissez votre phrase secrète pour ouvrir votre {noun}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The system keyring did not open your {noun} here. Type your passphrase.</source>
        <translation>Le trousseau du système n&apos;a pas ouvert votre {noun} ici. Saisissez votre phrase secrète.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your {noun}&apos;s key is in the system keyring, which does not answer now. Log in to your desktop session (or unlock its keyring), then press Unlock.</source>
        <translation>La clé de votre {noun} se trouve dans le trousseau du système, qui ne répond pas pour le moment. Ouvrez votre session de bureau (ou déverrouillez son trousseau), puis appuyez sur Déverrouiller.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unlocking…</source>
        <translation>Déverrouillage…</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/delegates_view.py" line="-143"/>
        <source>Pictures</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FHIR records</source>
        <translation>Documents FHIR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Letters and documents</source>
        <translation>Courriers et documents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lab results</source>
        <translation>Résultats de laboratoire</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Medical imaging</source>
        <translation>Imagerie médicale</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Prescriptions</source>
        <translation>Ordonnances</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De-identified copies</source>
        <translation>Copies dé-identifiées</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clinical notes</source>
        <translation>Notes cliniques</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credential issuer</source>
        <translation>Émetteur d&apos;attestations</translation>
    </message>
    <message>
        <location line="+23"/>
        <location filename="../../wallet/gui/main_window.py" line="-472"/>
        <source>Delegates</source>
        <translation>Délégués</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Let someone grant and revoke for you (a parent, a carer), within limits you sign</source>
        <translation>Laisser quelqu&apos;un accorder et révoquer pour vous (un parent, un aidant), dans les limites que vous signez</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The delegate&apos;s code</source>
        <translation>Le code du délégué</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From an &amp;image…</source>
        <translation>Depuis une &amp;image…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>What you call the delegate (kept in your wallet only)</source>
        <translation>Le nom que vous donnez au délégué (gardé dans votre portefeuille seulement)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Longest validity of one consent the delegate gives, in days</source>
        <translation>Durée de validité maximale d&apos;un consentement donné par le délégué, en jours</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many days the delegation lasts</source>
        <translation>Nombre de jours que dure la délégation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>may also revoke consents under this delegation they did not give</source>
        <translation>peut aussi révoquer les consentements de cette délégation qu&apos;il n&apos;a pas donnés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purposes:</source>
        <translation>Finalités :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kinds of record (none: all):</source>
        <translation>Types de document (aucun : tous) :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kinds of institution (none: all):</source>
        <translation>Types d&apos;établissement (aucun : tous) :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longest consent (&amp;days):</source>
        <translation>Consentement le plus long (&amp;jours) :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delegation lasts (da&amp;ys):</source>
        <translation>Durée de la délégation (j&amp;ours) :</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Add the delegate</source>
        <translation>&amp;Ajouter le délégué</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your delegates</source>
        <translation>Vos délégués</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;End the delegation</source>
        <translation>&amp;Mettre fin à la délégation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End it and revoke &amp;every consent they gave</source>
        <translation>Y mettre fin et révoquer &amp;tous les consentements qu&apos;il a donnés</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What your delegates did for you, verified on the ledger</source>
        <translation>Ce que vos délégués ont fait pour vous, vérifié dans le registre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What your delegates did for you (verified):</source>
        <translation>Ce que vos délégués ont fait pour vous (vérifié) :</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>{label}: {purposes}, %n record(s), until {until}, {status}</source>
        <translation>
            <numerusform>{label} : {purposes}, %n document, jusqu&apos;au {until}, {status}</numerusform>
            <numerusform>{label} : {purposes}, %n documents, jusqu&apos;au {until}, {status}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>{label} is now your delegate for %n record(s). Read the fingerprint back with them: {fingerprint}</source>
        <translation>
            <numerusform>{label} est maintenant votre délégué pour %n document. Relisez l&apos;empreinte ensemble : {fingerprint}</numerusform>
            <numerusform>{label} est maintenant votre délégué pour %n documents. Relisez l&apos;empreinte ensemble : {fingerprint}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>{label} can no longer act for you; %n consent(s) revoked.</source>
        <translation>
            <numerusform>{label} ne peut plus agir pour vous ; %n consentement révoqué.</numerusform>
            <numerusform>{label} ne peut plus agir pour vous ; %n consentements révoqués.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Open a picture of the delegate&apos;s code</source>
        <translation>Ouvrir une image du code du délégué</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>End {label}&apos;s delegation and revoke every consent they gave?</source>
        <translation>Mettre fin à la délégation de {label} et révoquer tous les consentements qu&apos;il a donnés ?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End {label}&apos;s delegation? The consents they gave stay until they end or you revoke them.</source>
        <translation>Mettre fin à la délégation de {label} ? Les consentements qu&apos;il a donnés restent valables jusqu&apos;à leur fin ou jusqu&apos;à ce que vous les révoquiez.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the delegation</source>
        <translation>Mettre fin à la délégation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End it</source>
        <translation>Y mettre fin</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/alerts_group.py" line="+3"/>
        <source>Check for &amp;alerts while Medwallet is closed</source>
        <translation>Rechercher les &amp;alertes quand Medwallet est fermé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Background alert checker</source>
        <translation>Vérification des alertes en arrière-plan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First reads by an institution, reads at night, bursts, repeated refusals and emergency access raise an alert. With this on, a small checker started at login tells you even when the window is closed.</source>
        <translation>Une première lecture par un établissement, des lectures la nuit, des rafales, des refus répétés et un accès d&apos;urgence déclenchent une alerte. Avec cette option, un petit vérificateur lancé à l&apos;ouverture de session vous prévient même quand la fenêtre est fermée.</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/consent_preview.py" line="+24"/>
        <source>What this consent shares</source>
        <translation>Ce que partage ce consentement</translation>
    </message>
    <message>
        <location filename="../../wallet/gui/revoke_all_action.py" line="+32"/>
        <source>Revoke all</source>
        <translation>Tout révoquer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revoked {n} consent(s) in one batch. New consents use fresh pseudonyms.</source>
        <translation>{n} consentement(s) révoqué(s) en un seul lot. Les nouveaux consentements utilisent de nouveaux pseudonymes.</translation>
    </message>
</context>
</TS>
