### The dashboard command's answers in chat (the web pages are not here).

dashboard-not-on = The dashboard is not switched on for this Guildbot yet: an operator turns it on with GUILDBOT_DASHBOARD=on (see the README's “Facilitator dashboard”).
dashboard-nothing-to-show = The dashboard shows the communities you facilitate, and you do not facilitate any yet.
dashboard-link = Your dashboard link: { $link }
dashboard-link-opens-on = Your dashboard link (it opens on { $community }): { $link }
# The words of the link itself.
dashboard-link-label = open the dashboard
dashboard-link-hint = It works once, for 15 minutes, and only signs you in: please don't forward it.

## Help: the form of `dashboard` (form-NAME-FORM).

form-dashboard-open = a sign-in link for you alone, valid once for 15 minutes
