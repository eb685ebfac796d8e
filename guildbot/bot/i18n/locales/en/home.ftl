### A member's home page (Slack's App Home): its sections, in the viewer's language.

home-profile = Your profile
home-profile-department = Department: { $name }
home-profile-title = Title: { $title }
home-profile-timezone = Time zone: { $zone }
home-profile-communities = Communities: { $count ->
        [0] none yet
       *[other] { $names }
    }
home-not-set = not set
home-profile-hint = `profile set department|title|timezone|language VALUE`
home-expertise = Your expertise
home-expertise-empty = You haven't declared any skills yet.
home-expertise-hint = `expertise add SKILL`
home-questions = Open questions
home-questions-empty = No open questions yet.
home-questions-hint = `ask mine`
home-coffee = Coffee
home-coffee-empty = You're not taking part in coffee intros yet.
home-coffee-hint = `coffee status`
home-events = Upcoming events
home-event = *{ $title }* ({ $community }) — { $when }
home-events-empty = No upcoming events in your communities yet.
home-events-hint = `event list`
home-footer = Type `/guild help` to see everything I can do.
