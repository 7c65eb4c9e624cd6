"""UI strings of sign-in, roles and the users page (merged by ``app_pages.i18n``)."""

STRINGS: dict[str, dict[str, str]] = {
    "de": {
        "auth.role.admin": "Administration",
        "auth.role.analyst": "Analyse",
        "auth.role.viewer": "Nur lesen",
        "auth.local_mode": (
            ":material/computer: **Lokaler Einzelplatzbetrieb** – ohne Anmeldung, nur auf "
            "diesem Rechner erreichbar (localhost). Sie haben alle Rechte."
        ),
        "auth.signed_in": ":material/person: **{name}**  \nRolle: {role}",
        "auth.sign_out": "Abmelden",
        "auth.signin.title": "Prozessanalyse – Anmeldung",
        "auth.signin.body": (
            "Diese Werkbank enthält die Prozesse aller Fachbereiche. Melden Sie sich mit "
            "Ihrem Dienstkonto an. Ihre Rolle (Administration, Analyse oder Nur lesen) "
            "vergibt die Administration."
        ),
        "auth.signin.button": "Anmelden",
        "auth.signin.button_named": "Anmelden über {provider}",
        "auth.signin.error": (
            "Die Anmeldung kann nicht beginnen ({kind}: {detail}). Bitte wenden Sie sich an "
            "die Administration (Einstellungen in `.streamlit/secrets.toml`, siehe "
            "`docs/access.md`)."
        ),
        "auth.refused": (
            "Nicht erlaubt: Ihre Rolle „{role}“ darf hier nichts ändern. Erlaubt für: "
            "{allowed}. Es wurde nichts gespeichert. Wenn Sie Änderungen vornehmen müssen, "
            "bitten Sie die Administration um eine andere Rolle."
        ),
        "auth.refused_anonymous": (
            "Nicht erlaubt: Sie sind nicht angemeldet. Laden Sie die Seite neu und melden Sie "
            "sich an."
        ),
        "auth.readonly": (
            "Sie haben die Rolle „Nur lesen“: Sie sehen alles, können aber nichts ändern."
        ),
        "auth.refuse.title": "Prozessanalyse – kein Zugriff über das Netz",
        "auth.refuse.body": (
            "Die Werkbank zeigt keine Daten: Sie lauscht auf der Adresse „{address}“, ist also "
            "aus dem Netz erreichbar, aber es ist kein Anmeldedienst (OpenID Connect) "
            "eingerichtet. Ohne Anmeldung könnte jeder im Netz alle Prozesse sehen und ändern."
        ),
        "auth.refuse.help": (
            "**Was tun?** Entweder nur auf diesem Rechner arbeiten: `make run` ohne "
            "`STREAMLIT_SERVER_ADDRESS` starten (dann gilt `localhost`). Oder den "
            "Anmeldedienst der Stadt (Keycloak, ADFS, Entra ID) im Abschnitt `[auth]` von "
            "`.streamlit/secrets.toml` eintragen – siehe `docs/access.md`."
        ),
        "auth.config_error": (
            "Die Zugriffseinstellungen sind fehlerhaft: {detail}. Bitte korrigieren Sie die "
            "Umgebungsvariable und starten Sie die Werkbank neu (siehe `docs/access.md`)."
        ),
        # -- the users page ------------------------------------------------------------------
        "auth.nav": "Verwaltung",
        "auth.page.users": "Zugang & Rollen",
        "auth.users.title": "Zugang & Rollen",
        "auth.users.you": "Ihr Zugang",
        "auth.users.name": "Name",
        "auth.users.email": "E-Mail",
        "auth.users.subject": "Kennung (sub)",
        "auth.users.role": "Rolle",
        "auth.users.rights.admin": (
            "Sie dürfen alles: Prozesse, Befunde, Maßnahmen und Projekte ändern und Rollen "
            "vergeben."
        ),
        "auth.users.rights.analyst": (
            "Sie dürfen Prozesse, Befunde, Maßnahmen und Projekte ändern, aber keine Rollen "
            "vergeben."
        ),
        "auth.users.rights.viewer": (
            "Sie dürfen alles ansehen, aber nichts ändern (z. B. als Teilnehmerin oder "
            "Teilnehmer eines Workshops)."
        ),
        "auth.users.local": (
            "Lokaler Einzelplatzbetrieb: Es gibt keine Anmeldung; Sie arbeiten als "
            "Administration. Die Rollen unten gelten, sobald ein Anmeldedienst eingerichtet ist."
        ),
        "auth.users.listed_role": "Rolle laut Liste",
        "auth.users.note": "Hinweis",
        "auth.users.always_admin": "immer Administration (PROCESSANALYSIS_ADMINS)",
        "auth.users.manage": "Rollen vergeben",
        "auth.users.manage_caption": (
            "Wer sich einmal angemeldet hat, steht in der Liste. Eine Rolle aus dem "
            "Anmeldedienst (Claim) oder aus `PROCESSANALYSIS_ADMINS` geht der Rolle hier vor."
        ),
        "auth.users.empty": "Es hat sich noch niemand angemeldet.",
        "auth.users.pick": "Benutzer",
        "auth.users.new_role": "Neue Rolle",
        "auth.users.save": "Rolle speichern",
        "auth.users.saved": "Die Rolle von „{user}“ ist jetzt „{role}“.",
        "auth.users.db_error": (
            "Die Benutzerliste kann nicht gelesen werden ({kind}). Prüfen Sie die Datenbank "
            "(`DATABASE_URL`)."
        ),
    },
    "en": {
        "auth.role.admin": "Admin",
        "auth.role.analyst": "Analyst",
        "auth.role.viewer": "Viewer",
        "auth.local_mode": (
            ":material/computer: **Local single-user mode** – no sign-in, listening on "
            "localhost only. You have all rights."
        ),
        "auth.signed_in": ":material/person: **{name}**  \nRole: {role}",
        "auth.sign_out": "Sign out",
        "auth.signin.title": "Process analysis – sign in",
        "auth.signin.body": (
            "This workbench holds every department's processes. Sign in with your work "
            "account. Your role (admin, analyst or viewer) is given by the administrators."
        ),
        "auth.signin.button": "Sign in",
        "auth.signin.button_named": "Sign in with {provider}",
        "auth.signin.error": (
            "Sign-in cannot start ({kind}: {detail}). Please contact the administrators "
            "(settings in `.streamlit/secrets.toml`, see `docs/access.md`)."
        ),
        "auth.refused": (
            "Not allowed: your role '{role}' may not change anything here. Allowed for: "
            "{allowed}. Nothing was saved. If you need to make changes, ask the "
            "administrators for another role."
        ),
        "auth.refused_anonymous": (
            "Not allowed: you are not signed in. Reload the page and sign in."
        ),
        "auth.readonly": "You have the role 'viewer': you see everything but cannot change it.",
        "auth.refuse.title": "Process analysis – no access over the network",
        "auth.refuse.body": (
            "The workbench shows no data: it listens on the address '{address}', so it can be "
            "reached over the network, but no sign-in service (OpenID Connect) is configured. "
            "Without sign-in anybody on the network could see and change every process."
        ),
        "auth.refuse.help": (
            "**What to do?** Either work on this machine only: start `make run` without "
            "`STREAMLIT_SERVER_ADDRESS` (then `localhost` applies). Or enter the city's "
            "sign-in service (Keycloak, ADFS, Entra ID) in the `[auth]` section of "
            "`.streamlit/secrets.toml` – see `docs/access.md`."
        ),
        "auth.config_error": (
            "The access settings are wrong: {detail}. Please correct the environment variable "
            "and restart the workbench (see `docs/access.md`)."
        ),
        "auth.nav": "Administration",
        "auth.page.users": "Access & roles",
        "auth.users.title": "Access & roles",
        "auth.users.you": "Your access",
        "auth.users.name": "Name",
        "auth.users.email": "E-mail",
        "auth.users.subject": "Identifier (sub)",
        "auth.users.role": "Role",
        "auth.users.rights.admin": (
            "You may do everything: change processes, findings, measures and projects, and "
            "give roles."
        ),
        "auth.users.rights.analyst": (
            "You may change processes, findings, measures and projects, but not give roles."
        ),
        "auth.users.rights.viewer": (
            "You may look at everything but change nothing (e.g. as a workshop participant)."
        ),
        "auth.users.local": (
            "Local single-user mode: there is no sign-in; you work as admin. The roles below "
            "apply once a sign-in service is configured."
        ),
        "auth.users.listed_role": "Role in this list",
        "auth.users.note": "Note",
        "auth.users.always_admin": "always admin (PROCESSANALYSIS_ADMINS)",
        "auth.users.manage": "Give roles",
        "auth.users.manage_caption": (
            "Everybody who signed in once is listed. A role from the sign-in service (claim) "
            "or from `PROCESSANALYSIS_ADMINS` takes precedence over the role given here."
        ),
        "auth.users.empty": "Nobody has signed in yet.",
        "auth.users.pick": "User",
        "auth.users.new_role": "New role",
        "auth.users.save": "Save role",
        "auth.users.saved": "The role of '{user}' is now '{role}'.",
        "auth.users.db_error": (
            "The user list cannot be read ({kind}). Check the database (`DATABASE_URL`)."
        ),
    },
}
