### Cafés-rencontres : pourquoi un groupe a été formé (les éléments que donne le
### jumelage, séparés par « ; »), et pourquoi quelqu'un n'a pas pu être placé.

coffee-reason-two-departments = { $first } × { $second }
coffee-reason-one-department = même service : { $department }
coffee-reason-departments = { $count } services : { $names }
coffee-reason-never-met = { $size ->
    [2] jamais rencontrés
   *[other] aucun n'a encore rencontré les autres
}
coffee-reason-met = { $size ->
    [2] déjà rencontrés
   *[other] deux d'entre eux déjà rencontrés
} { $rounds ->
    [1] à la dernière ronde
   *[other] il y a { $rounds } rondes
}
coffee-reason-same-hours = mêmes heures de travail
coffee-reason-some-hours = { $hours } h de journée de travail en commun
coffee-reason-no-hours = aucune heure de travail en commun
coffee-reason-shared-skills = { $size ->
    [2] connaissent tous deux
   *[other] en commun :
} { $names }
coffee-reason-complementary = complémentaires : { $names }
coffee-reason-folded = un groupe de { $size } pour que personne ne reste seul
coffee-alone-nobody-else = personne d'autre ne participe à cette ronde
coffee-alone-all-never-pairs = toutes les autres personnes de cette ronde sont sur une liste « ne jamais jumeler »
coffee-alone-nobody-left = aucune autre personne disponible pour un jumelage
coffee-alone-never-pair = aucun groupe possible sans aller contre une demande « ne jamais jumeler »
