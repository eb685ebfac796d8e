### Confidentialité : ce que Guildbot garde au sujet d'un membre, son exportation et son effacement.

# Ce qui s'écrit à la place d'un champ du profil vide.
privacy-none = —
privacy-export-hint = `confidentialité export` vous donne le tout en JSON ; `confidentialité erase` l'efface.
privacy-summary-title = *Ce que Guildbot garde à votre sujet*
privacy-summary-profile = • Profil : { $name }, ministère { $department }, titre { $title }, courriel { $email }, fuseau horaire { $zone }
privacy-summary-accounts = • Comptes : { $accounts }
privacy-summary-expertise = • Expertise : { $count ->
        [one] { $count } compétence
       *[other] { $count } compétences
    }
privacy-summary-communities = • Communautés : { $count }
privacy-summary-questions = • Questions que vous avez posées : { $asked } ; demandes d'aide reçues : { $requests } ; indices de votre expertise : { $evidence }
privacy-summary-events = • Réponses aux événements : { $rsvps } ; cafés-rencontres : { $intros }
privacy-summary-actions = • Actions que vous avez faites, dans le journal d'audit : { $count }
privacy-summary-channels = Les autres messages des canaux ne sont jamais enregistrés : là où un canal achemine des questions, seules les questions qu'il achemine sont conservées.
# Combien de temps chaque type de données est conservé (« messages envoyés par le bot : 30 jours »).
privacy-kept = { $what ->
        [messages] messages envoyés par le bot
        [questions] questions fermées
        [rsvps] réponses aux événements, après leur date
        [coffee] historique des cafés-rencontres
       *[audit] journal d'audit
    } : { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }
privacy-kept-for = • Conservation : { $periods } (sauf si une retenue légale les garde plus longtemps).
privacy-export = Tout ce que Guildbot garde à votre sujet :
    { $data }
privacy-erase-warning = Ceci efface de Guildbot votre profil, votre expertise, vos appartenances aux communautés, vos questions, vos réponses aux événements et vos cafés-rencontres. C'est irréversible.
privacy-erase-button = Effacer mes données
privacy-cancel = Annuler
privacy-erase-confirm-title = Effacer vos données ?
privacy-erase-confirm-text = C'est irréversible.
privacy-erase-confirm-yes = Effacer
privacy-not-yours = Ce bouton était destiné à quelqu'un d'autre ; rien n'a été effacé.
privacy-nothing-left = Il n'y a plus rien à effacer.
privacy-erased = C'est fait : vos données sont effacées. Si vous utilisez de nouveau Guildbot, vous repartirez d'un profil neuf et vide.
privacy-hand-over-first = Vous êtes le seul administrateur de communautés où se trouvent d'autres personnes : { $names }. Nommez d'abord quelqu'un d'autre administrateur (`role grant @membre admin { $slug }`), puis effacez : rien n'a été effacé.
privacy-under-hold = Vos données ne peuvent pas être effacées pour l'instant : elles font l'objet d'une retenue légale (par exemple une demande d'accès à l'information ou un litige), et la loi exige qu'elles restent telles quelles. J'ai enregistré votre demande ; elle sera traitée lorsque la retenue sera levée. Le coordonnateur de la protection des renseignements personnels de votre organisation peut vous en dire plus.

## Aide : les formes de `confidentialité` (form-NOM-FORME).

form-privacy-show = un résumé de ce qui est enregistré à votre sujet
form-privacy-export = le tout, en JSON
form-privacy-erase = l'effacer (demande d'abord)
# Entre deux durées de la ligne « Conservation ».
privacy-kept-separator = {"\u202F; "}
