### The directory: a member's profile and what changing it answers.

profile-name = *{ $name }*
profile-department = • Department: { $value }
profile-title = • Title: { $value }
profile-timezone = • Time zone: { $value }
profile-language = • Language: { $language ->
        [fr] French
       *[en] English
    }
profile-email = • E-mail: { $value } (only you see this)
profile-expertise = • Expertise: { $count ->
        [0] none declared yet
        [one] { $skills } (1 skill)
       *[other] { $skills } ({ $count } skills)
    }
profile-communities = • Communities: { $count ->
        [0] none yet
       *[other] { $communities }
    }
profile-community = { $name } ({ $role })
profile-not-set = not set
profile-hint = Change a field with `profile set department|title|timezone|language VALUE`.
profile-timezone-set = Your time zone is now { $zone }.
profile-title-set = Your title is now { $title }.
profile-department-set = Your department is now { $name }.
profile-language-set = I'll write to you in English from now on. En français : `profil set language fr`.
profile-unknown-language = { $typed } isn't a language I speak. Choose `en` (English) or `fr` (French), e.g. `profile set language fr`. Nothing was changed.
profile-no-such-department = There is no department called { $typed }. Did you mean *{ $suggestion }*?
profile-use-department = Use { $name }
profile-create-department = Create { $name }
directory-cancel = Cancel
directory-nothing-changed = OK, nothing changed.
