### The languages a member meets in for coffee (`coffee language`, `coffee practice`).

coffee-language-set = { $languages ->
        [fr] You work in French: intros will pair you with people you can talk to in it where the community asks for a shared language.
        [en-fr] You work in English and French: you can be paired with anyone.
       *[en] You work in English: intros will pair you with people you can talk to in it where the community asks for a shared language.
    }
coffee-practice-set = { $language ->
        [fr] Noted: you'd like to practise French. I'll prefer partners who work in French.
       *[en] Noted: you'd like to practise English. I'll prefer partners who work in English.
    }
coffee-practice-off = Noted: no language practice in your intros.
coffee-language-unknown = { $typed } isn't a language I know for coffee. Choose `en`, `fr` or `both` (for practice: `en`, `fr` or `off`). Nothing was changed.
form-coffee-language = the languages you work in, so intros pair you with people you can talk to
form-coffee-practice = ask for partners who work in a language you'd like to practise (or off)
coffee-summary-shared-language = • Languages: people are paired with someone they share a working language with (`coffee language`)
coffee-intro-text-set = *{ $name }*'s intros in { $lang ->
        [fr] French
       *[en] English
    } now open with your words instead of a standard conversation starter: { $text }
coffee-intro-text-off = *{ $name }*'s intros in { $lang ->
        [fr] French
       *[en] English
    } open with a standard conversation starter again.
form-coffee-intro = your own opening line for the community's intros, in English or French (facilitators)
coffee-intro-text-label = opening line
