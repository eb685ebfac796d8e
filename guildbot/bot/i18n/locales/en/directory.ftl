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
# A field's name, in "That title is 121 characters; the limit is 120" (`text.clean_field`).
profile-field = { $field ->
        [department] department
       *[title] title
    }
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

## Declared expertise: `expertise add|remove|list`.

expertise-too-many = Please add at most { $limit } skills at a time.
# Between the skills of a did-you-mean ("*kubernetes* or *kustomize*").
expertise-or = {" "}or{" "}
expertise-did-you-mean = { $typed }: did you mean { $options }?
expertise-add-skill = Add { $name }
expertise-add-new-skill = Add { $typed } as a new skill
expertise-not-a-skill-name = { $typed } isn't a skill name I can store (letters or digits, up to 60 characters).
expertise-choice-no-longer-valid = That choice is no longer valid; please type the skill again.
expertise-skill-gone = That skill is no longer in the directory; please type it again.
expertise-already-listed = You already list *{ $name }*.
expertise-added = Added *{ $name }*.
expertise-added-new = Added *{ $name }* (new to the directory: it's on your profile now, and offered to others once a facilitator accepts it).
expertise-removed = Removed *{ $name }*.
expertise-not-listed = You don't list { $typed }.
expertise-not-listed-suggest = You don't list { $typed }. Did you mean *{ $suggestion }*?
expertise-none-yet = You haven't declared any expertise yet. Try `expertise add plain language, excel`.
expertise-none-declared = { $name } hasn't declared any expertise yet.
expertise-yours = *Your expertise*
expertise-theirs = *{ $name }'s expertise*
expertise-line = • { $name } (since { $since })

## Reviewing new skills: `expertise review`.

expertise-nothing-to-review = No new skills are waiting for review.
expertise-reviewed-already = That skill was reviewed already (or removed): nothing changed.
expertise-reviewers-only = Only community facilitators and admins review new skills.
expertise-accept = Accept { $name }
expertise-reject = Reject { $name }
expertise-queue-title = *New skills waiting for review* (accepted, they join the shared vocabulary)
expertise-queue-line = • { $name } — declared by { $count ->
        [one] 1 person
       *[other] { $count } people
    }
expertise-queue-more = …and { $count } more after these.
expertise-accepted = Accepted *{ $name }*: everyone can now find and add it.
expertise-rejected = Rejected *{ $name }*: it's gone from the profiles that had it.

## Help: the forms of `expertise` (form-NAME-FORM).

form-expertise-add = declare skills you have
form-expertise-remove = remove skills
form-expertise-list = your skills, or another member's
form-expertise-review = new skills members added, to accept or reject (facilitators and admins)

## Finding the member a person named (`lookup.find_member`).

directory-member-unknown-mention = I don't know that member yet: they haven't used Guildbot so far.
directory-member-missing = Please name a member, like @amara.okafor.
directory-member-several = Several members are called { $name }; please use their @mention.
directory-member-unknown = I couldn't find a member called { $name }.
directory-member-unknown-suggest = I couldn't find a member called { $name }. Did you mean { $suggestion }?
