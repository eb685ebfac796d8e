### Les langues dans lesquelles un membre se rencontre au café (`café language`, `café practice`).

coffee-language-set = { $languages ->
        [fr] Vous travaillez en français : là où la communauté demande une langue commune, vos cafés vous jumelleront avec des personnes à qui vous pouvez parler dans cette langue.
        [en-fr] Vous travaillez en anglais et en français : vous pouvez être jumelé avec n'importe qui.
       *[en] Vous travaillez en anglais : là où la communauté demande une langue commune, vos cafés vous jumelleront avec des personnes à qui vous pouvez parler dans cette langue.
    }
coffee-practice-set = { $language ->
        [fr] C'est noté : vous aimeriez pratiquer le français. Je privilégierai des partenaires qui travaillent en français.
       *[en] C'est noté : vous aimeriez pratiquer l'anglais. Je privilégierai des partenaires qui travaillent en anglais.
    }
coffee-practice-off = C'est noté : pas de pratique linguistique dans vos cafés.
coffee-language-unknown = { $typed } n'est pas une langue que je connais pour les cafés. Choisissez `en`, `fr` ou `both` (pour la pratique : `en`, `fr` ou `off`). Rien n'a été modifié.
form-coffee-language = les langues dans lesquelles vous travaillez, pour être jumelé avec des personnes à qui vous pouvez parler
form-coffee-practice = demander des partenaires qui travaillent dans une langue que vous aimeriez pratiquer (ou off)
coffee-summary-shared-language = • Langues : chacun est jumelé avec une personne avec qui il partage une langue de travail (`café language`)
coffee-intro-text-set = Les présentations de *{ $name }* en { $lang ->
        [fr] français
       *[en] anglais
    } commencent maintenant par vos mots plutôt que par une amorce de conversation standard : { $text }
coffee-intro-text-off = Les présentations de *{ $name }* en { $lang ->
        [fr] français
       *[en] anglais
    } commencent de nouveau par une amorce de conversation standard.
form-coffee-intro = votre propre phrase d'ouverture pour les présentations de la communauté, en anglais ou en français (animateurs)
coffee-intro-text-label = phrase d'ouverture
