### Un champ de texte libre refusé avant d'être enregistré (`text.clean_field`) ; le nom du
### champ vient du catalogue de l'appelant, dans la même langue.

field-empty = Le champ « { $label } » ne peut pas être vide.
field-too-long = Le champ « { $label } » fait { $length } caractères ; la limite est de { $limit }.
