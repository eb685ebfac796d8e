### La langue des messages d'une communauté dans son canal (`community language`).

community-language-set = { $setting ->
        [fr] *{ $community }* publie maintenant en français dans son canal. Les messages destinés à une personne restent dans la langue de cette personne.
        [en-fr] *{ $community }* publie maintenant en anglais et en français dans son canal, l'anglais d'abord. Les messages destinés à une personne restent dans la langue de cette personne.
        [fr-en] *{ $community }* publie maintenant en français et en anglais dans son canal, le français d'abord. Les messages destinés à une personne restent dans la langue de cette personne.
       *[en] *{ $community }* publie maintenant en anglais dans son canal. Les messages destinés à une personne restent dans la langue de cette personne.
    }
community-language-unknown = { $typed } n'est pas un réglage de langue. Choisissez `en`, `fr`, `both` (l'anglais d'abord) ou `both fr` (le français d'abord), p. ex. `communauté language data-science both`. Rien n'a été modifié.
form-community-language = ce que la communauté publie dans son canal : anglais, français ou les deux (animateurs)
