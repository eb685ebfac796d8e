### A community's language for its channel posts (`community language`).

community-language-set = { $setting ->
        [fr] *{ $community }* now posts in French in its channel. Messages to one person stay in that person's language.
        [en-fr] *{ $community }* now posts in English and French in its channel, English first. Messages to one person stay in that person's language.
        [fr-en] *{ $community }* now posts in French and English in its channel, French first. Messages to one person stay in that person's language.
       *[en] *{ $community }* now posts in English in its channel. Messages to one person stay in that person's language.
    }
community-language-unknown = { $typed } isn't a language setting. Choose `en`, `fr`, `both` (English first) or `both fr` (French first), e.g. `community language data-science both`. Nothing was changed.
form-community-language = what the community posts in its channel: English, French, or both (facilitators)
