### Communities of practice: creating, joining, leaving, browsing, welcoming, managing, roles.

# A community role as a word in a sentence ("you're facilitator").
communities-role = { $role ->
        [admin] admin
        [facilitator] facilitator
       *[member] member
    }
# A field's name, in "The community name can't be empty" (`text.clean_field`).
communities-field = { $field ->
        [description] description
        [welcome] welcome text
       *[name] community name
    }
communities-needs-a-letter = A community name needs at least one letter or digit.
communities-link-in-a-channel = Run `community link` in the channel you want to link.
communities-none = There are no communities yet. Start one with `community create NAME`.
communities-join-hint = Join one with `community join SLUG`.
communities-everyone-is-a-member = Everyone in a community is a member; to leave, they use `community leave`.
communities-name-the-community = Name the community, or run this in the community's channel.
communities-already-exists = There is already a community { $name } ({ $slug }). Join it with `community join { $slug }`.
communities-created = Created *{ $name }* ({ $slug }). You are its admin.
communities-created-linked = Created *{ $name }* ({ $slug }). You are its admin. This channel is now its channel.
communities-others-can-join = Others can join with `community join { $slug }`.
communities-channel-taken = This channel already belongs to { $name }.
communities-channel-linked = This channel is now { $name }'s channel.
communities-already-in = You're already in { $name }.
communities-welcome-aboard = Welcome to *{ $name }*!
communities-not-in = You're not in { $name }.
communities-only-admin = You're the only admin of { $name }. Make someone else admin first: `role grant @member admin { $slug }`.
communities-left = You've left { $name }.
communities-listing-title = *Communities*
communities-listing-line = • { $name } ({ $slug }): { $size ->
        [one] { $size } member
       *[other] { $size } members
    }
communities-listing-line-yours = • { $name } ({ $slug }): { $size ->
        [one] { $size } member
       *[other] { $size } members
    } — you're { $role }
communities-info-title = *{ $name }* ({ $slug })
communities-info-members = • Members: { $size }
communities-info-facilitators = • Facilitators: { $count ->
        [0] none
       *[other] { $leads }
    }
communities-info-you = • You: { $role }
communities-info-not-a-member = • You're not a member: `community join { $slug }`
communities-already-has-role = { $who } is already { $role } of { $community }.
communities-now-has-role = { $who } is now { $role } of { $community }.
communities-lacks-role = { $who } isn't { $role } of { $community }.
communities-no-longer-has-role = { $who } is no longer { $role } of { $community }.
communities-needs-an-admin = { $community } needs at least one admin.
communities-welcome-off = I won't greet people who join { $community }'s channel.
communities-welcome-preview = People who join { $community }'s channel will see:
    { $example }
communities-welcome-default = Try `ask` for a question, `coffee join { $slug }` for intros across departments, and `event list` for what's coming up.
communities-welcome = 👋 Welcome to *{ $community }*, { $newcomer }! { $intro }
communities-leave-instead = To leave a community yourself, use `community leave COMMUNITY`.
communities-renamed = Renamed { $old } to { $new }. Its short name stays { $slug }, so links and feeds keep working.
communities-not-a-member = { $name } isn't in { $community }: nothing to remove.
communities-removed = Removed { $name } from { $community }.
communities-button-expired = That button has expired.
communities-add-first = { $name } isn't in { $community } yet. Add them as { $role }? They'll see its events and can leave any time.
communities-add-them = Add them
communities-cancel = Cancel
communities-already-in-it = { $name } joined { $community } meanwhile: use `role grant` again to change their role.
communities-unarchived = { $name } is active again: listed, open to join, and events can be planned. Coffee intros stay paused until a facilitator runs `coffee resume { $slug }`.
communities-archived = Archived { $name }: it's kept as it was, but no longer listed or open to join, and no new events can be planned. `community unarchive { $slug }` brings it back.
communities-archived-coffee-paused = Archived { $name }: it's kept as it was, but no longer listed or open to join, and no new events can be planned. Its coffee intros are paused. `community unarchive { $slug }` brings it back.
communities-archived-already = { $name } is archived already: nothing changed.
communities-not-archived = { $name } is not archived: nothing changed.
communities-is-archived = { $name } is archived: it isn't taking new members or events. Its admins can bring it back with `community unarchive`.
communities-no-community-named = Please name a community (see `community list`).
communities-unknown = I couldn't find a community called { $name }.
communities-unknown-suggest = I couldn't find a community called { $name }. Did you mean { $suggestion } ({ $slug })?
# The refusal of `policy.require_manager`, for any feature's management of a community.
communities-managers-only = Only { $community }'s facilitators and admins can do that.
communities-managers-only-admins = Only { $community }'s facilitators and admins can do that (and only admins can make admins).

## Help: the forms of `community` and `role` (form-NAME-FORM).

form-community-create = start a community (you become its admin)
form-community-join = join a community
form-community-leave = leave a community
form-community-list = every community, with its size
form-community-info = about one community
form-community-link = make this channel the community's channel (facilitators)
form-community-rename = give a community a new name; its short name stays (facilitators)
form-community-remove = take a member out of a community (facilitators; admins by admins)
form-community-archive = keep a community as it is, no longer active (admins)
form-community-unarchive = bring an archived community back (admins)
form-community-welcome = greet people who join its channel (facilitators; off by default)
form-role-grant = give a member a role
form-role-revoke = take a role back (they stay a member)
