### Trouver ce qu'une personne voulait dire : les fuseaux horaires (membres, communautés et ministères à venir).

timezone-missing = Indiquez un fuseau horaire IANA, comme America/Toronto ou Europe/Paris.
timezone-not-a-place = { $typed } désigne un décalage ou une abréviation, pas un lieu : son heure d'été n'est peut-être pas celle de votre ville, et les heures seraient décalées d'une heure une partie de l'année. Utilisez plutôt le fuseau de votre ville, par exemple { $zones }.
timezone-unknown = Je ne connais pas le fuseau horaire { $typed }. Utilisez un nom IANA comme America/Toronto ou Europe/Paris.
timezone-unknown-suggest = Je ne connais pas le fuseau horaire { $typed }. Vouliez-vous dire { $suggestion } ? Utilisez un nom IANA comme America/Toronto ou Europe/Paris.
