### Cafés-rencontres : pourquoi un groupe a été formé (les éléments que donne le
### jumelage, séparés par « ; »), et pourquoi quelqu'un n'a pas pu être placé.

coffee-reason-separator = { " ; " }
coffee-reason-two-departments = { $first } × { $second }
coffee-reason-one-department = même service ({ $department })
coffee-reason-departments = { $count } services : { $names }
coffee-reason-never-met = { $size ->
    [2] première rencontre
   *[other] première rencontre pour tout le groupe
}
coffee-reason-met = { $size ->
    [2] déjà réunis
   *[other] deux membres déjà réunis
} { $rounds ->
    [1] lors de la ronde précédente
   *[other] il y a { $rounds } rondes
}
coffee-reason-same-hours = mêmes horaires de travail
coffee-reason-some-hours = { $hours } h de travail en commun
coffee-reason-no-hours = aucune plage horaire commune
coffee-reason-shared-skills = { $size ->
    [2] compétences communes :
   *[other] compétences partagées :
} { $names }
coffee-reason-complementary = compétences complémentaires : { $names }
coffee-reason-folded = groupe de { $size } pour n'exclure personne
coffee-alone-nobody-else = personne d'autre ne participe à cette ronde
coffee-alone-all-never-pairs = toutes les autres personnes de cette ronde figurent sur une liste « ne jamais jumeler »
coffee-alone-nobody-left = aucune autre personne disponible pour un jumelage
coffee-alone-never-pair = aucun groupe possible sans enfreindre une demande « ne jamais jumeler »
