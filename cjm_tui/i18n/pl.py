"""The interface in Polish: English source text -> translation.

A plain string for `_()`; for `_n()` a tuple of the three forms (one, few, many), keyed by
the English singular. Fields in braces stay as they are.

Words of the trade, as Polish CX consultants use them: mapa podróży klienta, punkt styku
(touchpoint), moment prawdy, persona, etap, emocja, kanał, właściciel, plan działań,
szybkie usprawnienie (quick win). Map content is never translated: only the program's words.
"""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, ...]] = {
    # cli/diff.py
    "all {value} → per persona": "wszystkie {value} → osobno dla person",
    "per persona → all {value}": "osobno dla person → wszystkie {value}",
    "emotion": "emocja",
    "persona": "persona",
    "stage": "etap",
    "touchpoint": "punkt styku",
    "action": "działanie",
    "map": "mapa",
    " in stage {stage}": " w etapie {stage}",
    " from stage {stage}": " z etapu {stage}",
    "{what} {old} renamed to {new}": "{what} {old}: zmiana identyfikatora na {new}",
    "moved from stage {old} to {new}": "przeniesiono z etapu {old} do etapu {new}",
    "moved in journey order": "przesunięto w kolejności podróży",
    "is now a moment of truth": "jest teraz momentem prawdy",
    "is no longer a moment of truth": "nie jest już momentem prawdy",
    # fields.py
    "Id": "Identyfikator",
    "Title": "Tytuł",
    "Kind of map": "Rodzaj mapy",
    "Description": "Opis",
    "Owner": "Właściciel",
    "Last updated": "Ostatnia aktualizacja",
    "Name": "Nazwa",
    "Goals": "Cele",
    "Pains": "Bolączki",
    "Quote": "Cytat",
    "Goal": "Cel",
    "Stage": "Etap",
    "Channel": "Kanał",
    "Personas": "Persony",
    "Doing": "Co robi",
    "Thinking": "Co myśli",
    "Feeling": "Co czuje",
    "Expectation": "Oczekiwania",
    "Experience": "Doświadczenie",
    "Emotion": "Emocja",
    "Moment of truth": "Moment prawdy",
    "Why it is a moment of truth": "Dlaczego to moment prawdy",
    "Pain points": "Punkty bólu",
    "Opportunities": "Szanse",
    "Backstage": "Zaplecze",
    "Supporting systems": "Systemy wspierające",
    "Evidence": "Źródła",
    "Status": "Status",
    "Touchpoint": "Punkt styku",
    "Effort": "Nakład",
    "Impact": "Wpływ",
    "Quick win": "Szybkie usprawnienie",
    "Due date": "Termin",
    "State": "Stan",
    "a-z, 0-9, - and _; other entries refer to it": (
        "a-z, 0-9, - i _; inne wpisy odwołują się do niego"
    ),
    "what the map is about": "czego dotyczy mapa",
    "blank = customer; employee for an employee experience map": (
        "puste = customer (klient); employee dla mapy doświadczeń pracownika"
    ),
    "a date: 2026-11-20": "data: 2026-11-20",
    "free text, any language": "dowolny tekst, w dowolnym języku",
    "what this persona wants to achieve": "co ta persona chce osiągnąć",
    "what gets in their way": "co im przeszkadza",
    "something they said, in their words": "coś, co powiedzieli, ich własnymi słowami",
    "what the customer wants to achieve in this stage": "co klient chce osiągnąć na tym etapie",
    "the journey stage it belongs to": "etap podróży, do którego należy",
    "web, app, phone, shop, email, sms, person...": (
        "www, aplikacja, telefon, sklep, e-mail, SMS, osoba..."
    ),
    "what they do here": "co tu robią",
    "what goes through their head": "co im chodzi po głowie",
    "their feelings, in words": "ich uczucia, opisane słowami",
    "what they expect": "czego oczekują",
    "what they actually get": "co faktycznie dostają",
    "space toggles; decides whether the customer stays or leaves": (
        "spacja przełącza; rozstrzyga, czy klient zostaje, czy odchodzi"
    ),
    "what is decided here": "co się tu rozstrzyga",
    "what hurts here": "co tu boli",
    "ideas to make it better": "pomysły na poprawę",
    "internal processes behind it": "procesy wewnętrzne za kulisami",
    "systems that support it": "systemy, które to wspierają",
    "where we know it from (interviews, data)": "skąd to wiemy (wywiady, dane)",
    "hypothesis until research backs it": "hipoteza, dopóki badania jej nie potwierdzą",
    "the touchpoint this action improves": "punkt styku, który to działanie usprawnia",
    "low, medium or high": "niski, średni lub wysoki",
    "space toggles; never set = worked out from effort and impact": (
        "spacja przełącza; nieustawione = wynika z nakładu pracy i wpływu"
    ),
    "a date: 2026-12-15": "data: 2026-12-15",
    "blank = todo": "puste = otwarte",
    "why this map exists, for whom, in which workshop": (
        "po co ta mapa, dla kogo, na jakim warsztacie"
    ),
    "who keeps the map current": "kto dba o aktualność mapy",
    "department or role responsible": "odpowiedzialny dział lub rola",
    "who does it": "kto to robi",
    "the improvement, in a few words": "usprawnienie w kilku słowach",
    '{noun}: "{ident}" is not a stage id (known: {known})': (
        "{noun}: „{ident}” nie jest identyfikatorem etapu (znane: {known})"
    ),
    '{noun}: "{ident}" is not a persona id (known: {known})': (
        "{noun}: „{ident}” nie jest identyfikatorem persony (znane: {known})"
    ),
    '{noun}: "{ident}" is not a touchpoint id (known: {known})': (
        "{noun}: „{ident}” nie jest identyfikatorem punktu styku (znane: {known})"
    ),
    '{noun}: "{ident}" is not an id (known: {known})': (
        "{noun}: „{ident}” nie jest identyfikatorem (znane: {known})"
    ),
    "none yet": "jeszcze żadnych",
    "{label} (one per line)": "{label} (po jednym w wierszu)",
    "persona ids; none = every persona (known: {known})": (
        "identyfikatory person; puste = każda persona (znane: {known})"
    ),
    "{low}..+{high} (0 neutral)": "{low}..+{high} (0 = neutralna)",
    ", or per persona: {example}": ", albo osobno dla person: {example}",
    " (known: {known})": " (znane: {known})",
    "; blank = none": "; puste = brak",
    "{what} must be a whole number from {low} to +{high}": (
        "{what}: potrzebna liczba całkowita od {low} do +{high}"
    ),
    (
        "{what} {text} is out of range: use {low}..+{high} (-2 very negative, 0 neutral, +2 "
        "very positive)"
    ): (
        "{what} {text} jest poza zakresem: użyj {low}..+{high} (-2 bardzo negatywna, 0 "
        "neutralna, +2 bardzo pozytywna)"
    ),
    (
        'Emotion: "{part}" is neither a number from {low} to +{high} nor persona=value (for '
        "example student=-1, senior=+2)"
    ): (
        "Emocja: „{part}” to ani liczba od {low} do +{high}, ani persona=wartość (na przykład "
        "student=-1, senior=+2)"
    ),
    (
        'Emotion: "{id}" is not a persona id (the map has no personas yet: use one number for '
        "everybody)"
    ): (
        "Emocja: „{id}” nie jest identyfikatorem persony (mapa nie ma jeszcze person: wpisz "
        "jedną liczbę dla wszystkich)"
    ),
    'Emotion: "{id}" is not a persona id (known: {known})': (
        "Emocja: „{id}” nie jest identyfikatorem persony (znane: {known})"
    ),
    'Emotion: persona "{id}" is given twice': "Emocja: persona „{id}” jest podana dwa razy",
    "Emotion for {id}": "Emocja dla {id}",
    '{noun}: "{text}" is not a real date': "{noun}: „{text}” nie jest prawdziwą datą",
    '{noun}: "{text}" is not a date: write it as 2026-12-15 (or 2026-12-15T09:30 with a time)': (
        "{noun}: „{text}” nie jest datą: wpisz ją jako 2026-12-15 (albo 2026-12-15T09:30 z godziną)"
    ),
    "{noun} needs at least one line": "{noun}: potrzebny co najmniej jeden wiersz",
    "{noun} cannot be blank": "{noun}: pole nie może być puste",
    ' (try "{hint}")': " (spróbuj „{hint}”)",
    (
        '"{id}" is not a valid id: use a-z, 0-9, - and _, starting with a letter or digit, at '
        "most 64 characters"
    ): (
        "„{id}” nie jest poprawnym identyfikatorem: użyj a-z, 0-9, - i _, zaczynając od litery "
        "lub cyfry, najwyżej 64 znaki"
    ),
    '{noun}: "{text}" is not one of {choices}': (
        "{noun}: „{text}” nie jest żadną z wartości: {choices}"
    ),
    '{noun}: "{text}" is neither true nor false': (
        "{noun}: „{text}” to ani true (tak), ani false (nie)"
    ),
    # i18n/words.py
    "very negative": "bardzo negatywna",
    "negative": "negatywna",
    "neutral": "neutralna",
    "positive": "pozytywna",
    "very positive": "bardzo pozytywna",
    "no emotion": "brak emocji",
    "customer": "klient",
    "employee": "pracownik",
    "hypothesis": "hipoteza",
    "verified": "zweryfikowany",
    "low": "niski",
    "medium": "średni",
    "high": "wysoki",
    "todo": "otwarte",
    "state|doing": "w toku",
    "done": "gotowe",
    # openmap.py
    "the map is open read-only: nothing can be changed or saved": (
        "mapa jest otwarta tylko do odczytu: nie można nic zmienić ani zapisać"
    ),
    "the map is still loading; try again in a moment": (
        "mapa jeszcze się wczytuje; spróbuj za chwilę"
    ),
    "{id} is no longer in the map": "{id} nie ma już na mapie",
    "edit the map's details": "edycja danych mapy",
    "stage {id} has touchpoints: move or delete them first": (
        "etap {id} ma punkty styku: najpierw je przenieś albo usuń"
    ),
    "a map needs at least one stage": "mapa musi mieć co najmniej jeden etap",
    "choose another stage for its touchpoints": "wybierz inny etap dla jego punktów styku",
    "delete stage {id}, touchpoints to {to}": "usunięcie etapu {id}, punkty styku do {to}",
    "move touchpoint {id} to stage {to}": "przeniesienie punktu styku {id} do etapu {to}",
    "reload from disk": "ponowne wczytanie z dysku",
    "restore the recovery draft": "przywrócenie szkicu do odzyskania",
    "duplicate persona id {id}: another persona has it already": (
        "powtórzony identyfikator persony {id}: ma go już inna persona"
    ),
    "duplicate stage id {id}: another stage has it already": (
        "powtórzony identyfikator etapu {id}: ma go już inny etap"
    ),
    "duplicate touchpoint id {id}: another touchpoint has it already": (
        "powtórzony identyfikator punktu styku {id}: ma go już inny punkt styku"
    ),
    "duplicate action id {id}: another action has it already": (
        "powtórzony identyfikator działania {id}: ma go już inne działanie"
    ),
    "add persona {id}": "dodanie persony {id}",
    "add stage {id}": "dodanie etapu {id}",
    "add touchpoint {id}": "dodanie punktu styku {id}",
    "add action {id}": "dodanie działania {id}",
    "edit persona {id}": "edycja persony {id}",
    "edit stage {id}": "edycja etapu {id}",
    "edit touchpoint {id}": "edycja punktu styku {id}",
    "edit action {id}": "edycja działania {id}",
    "delete persona {id}": "usunięcie persony {id}",
    "delete stage {id}": "usunięcie etapu {id}",
    "delete touchpoint {id}": "usunięcie punktu styku {id}",
    "delete action {id}": "usunięcie działania {id}",
    "move persona {id}": "przesunięcie persony {id}",
    "move stage {id}": "przesunięcie etapu {id}",
    "move touchpoint {id}": "przesunięcie punktu styku {id}",
    "move action {id}": "przesunięcie działania {id}",
    # presentation.py
    "Too small to present: at least {min_width}×{min_height} (this is {width}×{height}).": (
        "Za mało miejsca na prezentację: potrzeba co najmniej {min_width}×{min_height} (jest "
        "{width}×{height})."
    ),
    "This map has no stages yet.": "Ta mapa nie ma jeszcze etapów.",
    "No touchpoints in this stage yet.": "Ten etap nie ma jeszcze punktów styku.",
    "stage {n} of {total}": "etap {n} z {total}",
    "part {n} of {total}": "część {n} z {total}",
    "(untitled map)": "(mapa bez tytułu)",
    "Goal: {goal}": "Cel: {goal}",
    "{n} touchpoint": (
        "{n} punkt styku",
        "{n} punkty styku",
        "{n} punktów styku",
    ),
    "{n} moment of truth": (
        "{n} moment prawdy",
        "{n} momenty prawdy",
        "{n} momentów prawdy",
    ),
    "(touchpoints {first}–{last})": "(punkty styku {first}–{last})",
    "moment of truth": "moment prawdy",
    # quickadd.py
    "the line has no name: type what happens, e.g. 'Security guard asks for ID @office -1 !'": (
        "w wierszu brakuje nazwy: wpisz, co się dzieje, np. 'Ochroniarz prosi o dowód @biuro -1 !'"
    ),
    "the map has no stages yet: add a stage first": (
        "mapa nie ma jeszcze etapów: najpierw dodaj etap"
    ),
    "unknown stage #{id} (stages: {known})": "nieznany etap #{id} (etapy: {known})",
    "none defined": "brak",
    "unknown persona ^{id} (personas: {known})": "nieznana persona ^{id} (persony: {known})",
    # timeline.py
    "all personas": "wszystkie persony",
    "no touchpoints yet": "brak punktów styku",
    "no stages yet": "brak etapów",
    "selected": "zaznaczony",
    # tui/analysis_rows.py
    "(unnamed)": "(bez nazwy)",
    "(no owner)": "(bez właściciela)",
    "Actions": "Działania",
    "Why": "Dlaczego",
    "Emotion:": "Emocja:",
    "Why:": "Dlaczego:",
    "Actions:": "Działania:",
    "Lowest": "Najniższa",
    "Mean": "Średnia",
    "For": "Dla kogo",
    "Lowest:": "Najniższa:",
    "mean": "średnia",
    "Lowest for:": "Najniższa dla:",
    "Expected:": "Oczekiwanie:",
    "Got:": "Rzeczywistość:",
    "Expected": "Oczekiwanie",
    "Got": "Rzeczywistość",
    "Action": "Działanie",
    "Due": "Termin",
    "Touchpoint:": "Punkt styku:",
    "Effort / impact:": "Nakład / wpływ:",
    "Department": "Dział",
    "Touchpoints": "Punkty styku",
    "Average": "Średnia",
    "Moments": "Momenty",
    "Open actions": "Otwarte działania",
    "average {value}": "średnia {value}",
    "Touchpoints:": "Punkty styku:",
    "Moments of truth:": "Momenty prawdy:",
    "Open actions:": "Otwarte działania:",
    "(no channel)": "(bez kanału)",
    "What": "Co",
    "Item": "Element",
    "Where": "Gdzie",
    "Persona meets nothing in": "Persona nie ma punktów styku w",
    "No emotion for": "Brak emocji dla",
    "No evidence": "Brak źródeł",
    "No emotion": "Brak emocji",
    "Empty stage": "Pusty etap",
    # tui/app.py
    "Theme": "Motyw",
    "Change the current theme": "Zmień bieżący motyw",
    "Quit the application as soon as possible": "Zamknij aplikację od razu",
    "Keys": "Klawisze",
    "Show help for the focused widget and a summary of available keys": (
        "Pokaż pomoc do aktywnego panelu i listę dostępnych klawiszy"
    ),
    "Hide the keys and widget help panel": "Ukryj panel klawiszy i pomocy",
    "Minimize": "Przywróć rozmiar",
    "Minimize the widget and restore to normal size": "Przywróć panelowi zwykły rozmiar",
    "Maximize": "Maksymalizuj",
    "Maximize the focused widget": "Powiększ aktywny panel na cały ekran",
    "Screenshot": "Zrzut ekranu",
    "Save an SVG 'screenshot' of the current screen": "Zapisz zrzut bieżącego ekranu jako SVG",
    "Read-only": "Tylko do odczytu",
    "Theme not remembered": "Nie zapamiętano motywu",
    "Not saved": "Nie zapisano",
    "Saved {name}": "Zapisano {name}",
    "Nothing to save in {name}": "Brak zmian do zapisania w {name}",
    "Not reloaded": "Nie wczytano ponownie",
    "Reloaded from disk; ctrl+z brings your changes back.": (
        "Wczytano ponownie z dysku; ctrl+z przywraca twoje zmiany."
    ),
    "Undid: {what}": "Cofnięto: {what}",
    "Nothing to undo": "Nie ma czego cofnąć",
    "Redid: {what}": "Ponowiono: {what}",
    "Nothing to redo": "Nie ma czego ponowić",
    "Search for commands…": "Szukaj poleceń…",
    # tui/bindings.py
    "Save": "Zapisz",
    "Save to the file (only the changed lines are written)": (
        "Zapisz do pliku (zapisywane są tylko zmienione wiersze)"
    ),
    "Undo": "Cofnij",
    "Undo the last change": "Cofnij ostatnią zmianę",
    "Redo": "Ponów",
    "Redo what was undone": "Ponów cofniętą zmianę",
    "Help": "Pomoc",
    "This screen": "Ten ekran",
    "Quit": "Wyjdź",
    "Quit; with unsaved changes it asks: save, discard or cancel": (
        "Wyjdź; przy niezapisanych zmianach pyta: zapisać, odrzucić czy anulować"
    ),
    "Go to Personas": "Przejdź do person",
    "Stages": "Etapy",
    "Go to Stages": "Przejdź do etapów",
    "Details": "Szczegóły",
    "Go to the side pane (details, moments of truth, action plan)": (
        "Przejdź do panelu bocznego (szczegóły, momenty prawdy, plan działań)"
    ),
    "Timeline": "Krzywa emocji",
    "Go to the emotion timeline": "Przejdź do krzywej emocji",
    "Present": "Prezentuj",
    "Presentation mode: one stage at a time, in large type, read-only": (
        "Tryb prezentacji: po jednym etapie, dużą czcionką, tylko do odczytu"
    ),
    "Analysis": "Analiza",
    (
        "Analysis views: moments of truth, lowest touchpoints and gaps, action plan, "
        "departments, channels, coverage (read-only)"
    ): (
        "Widoki analizy: momenty prawdy, najsłabsze punkty styku i luki, plan działań, działy, "
        "kanały, pokrycie (tylko do odczytu)"
    ),
    "View": "Widok",
    "Analysis: show view 1..6 (the numbers on the tabs)": (
        "Analiza: pokaż widok 1..6 (numery na zakładkach)"
    ),
    "Next view": "Widoki",
    "Analysis: the next view": "Analiza: następny widok",
    "Previous view": "Poprzedni widok",
    "Analysis: the previous view": "Analiza: poprzedni widok",
    "Close": "Zamknij",
    "Close the analysis and go back to the map": "Zamknij analizę i wróć do mapy",
    "Close the analysis and quit; with unsaved changes it asks first": (
        "Zamknij analizę i wyjdź; przy niezapisanych zmianach najpierw zapyta"
    ),
    "Next": "Dalej",
    "Presentation: the next stage (also l, space)": "Prezentacja: następny etap (także l, spacja)",
    "Previous": "Wstecz",
    "Presentation: the previous stage (also h, backspace)": (
        "Prezentacja: poprzedni etap (także h, backspace)"
    ),
    "First": "Pierwszy",
    "Presentation: the first stage": "Prezentacja: pierwszy etap",
    "Last": "Ostatni",
    "Presentation: the last stage": "Prezentacja: ostatni etap",
    "Leave": "Wyjdź",
    "Leave the presentation, back to the editor (also q, p)": (
        "Zakończ prezentację i wróć do edytora (także q, p)"
    ),
    "Down": "W dół",
    "Up": "W górę",
    "Edit": "Edytuj",
    "Edit the selected item in a form (also enter)": (
        "Edytuj zaznaczony element w formularzu (także enter)"
    ),
    "Delete": "Usuń",
    "Delete the selected item, after a confirmation": "Usuń zaznaczony element, po potwierdzeniu",
    "Move up": "Przesuń w górę",
    "Move the selected item up in journey order": (
        "Przesuń zaznaczony element wcześniej w kolejności podróży"
    ),
    "Move down": "Przesuń w dół",
    "Move the selected item down in journey order": (
        "Przesuń zaznaczony element dalej w kolejności podróży"
    ),
    "Add persona": "Dodaj personę",
    "Add stage": "Dodaj etap",
    "Add touchpoint": "Dodaj punkt styku",
    "Add action": "Dodaj działanie",
    "Raise the emotion by one (also =); no emotion becomes +1": (
        "Podnieś emocję o jeden (także =); brak emocji daje +1"
    ),
    "Emotion -": "Emocja -",
    "Lower the emotion by one; no emotion becomes -1": "Obniż emocję o jeden; brak emocji daje -1",
    "Moment": "Moment",
    "Mark or unmark a moment of truth": "Oznacz lub odznacz moment prawdy",
    "Previous stage": "Poprzedni etap",
    "Move to the end of the previous stage": "Przenieś na koniec poprzedniego etapu",
    "Next stage": "Następny etap",
    "Move to the start of the next stage": "Przenieś na początek następnego etapu",
    # tui/commands.py
    "write the map to its file (ctrl+s)": "zapisz mapę do jej pliku (ctrl+s)",
    "undo the last change (ctrl+z)": "cofnij ostatnią zmianę (ctrl+z)",
    "redo what was undone (ctrl+y)": "ponów cofniętą zmianę (ctrl+y)",
    "Help: keys": "Pomoc: klawisze",
    "every key and what it does (?)": "wszystkie klawisze i ich działanie (?)",
    "Presentation mode": "Tryb prezentacji",
    "one stage at a time, in large type, read-only (p)": (
        "po jednym etapie, dużą czcionką, tylko do odczytu (p)"
    ),
    "leave cjm, asking about unsaved changes (q)": "zamknij cjm, pytając o niezapisane zmiany (q)",
    "open the quick-add line (a on Touchpoints)": (
        "otwórz wiersz szybkiego dodawania (a w punktach styku)"
    ),
    "a new stage after the selected one": "nowy etap po zaznaczonym",
    "a new persona": "nowa persona",
    "a new action for the selected touchpoint": "nowe działanie dla zaznaczonego punktu styku",
    "Edit touchpoint": "Edytuj punkt styku",
    "the selected touchpoint's form (enter)": "formularz zaznaczonego punktu styku (enter)",
    "Delete touchpoint": "Usuń punkt styku",
    "after a confirmation (d)": "po potwierdzeniu (d)",
    "Emotion up": "Emocja w górę",
    "raise the selected touchpoint's emotion (+)": "podnieś emocję zaznaczonego punktu styku (+)",
    "Emotion down": "Emocja w dół",
    "lower the selected touchpoint's emotion (-)": "obniż emocję zaznaczonego punktu styku (-)",
    "Toggle moment of truth": "Przełącz moment prawdy",
    "mark or unmark the selected touchpoint (m)": "oznacz lub odznacz zaznaczony punkt styku (m)",
    "Move touchpoint to previous stage": "Przenieś punkt styku do poprzedniego etapu",
    "Move touchpoint to next stage": "Przenieś punkt styku do następnego etapu",
    "the selected item, in journey order (K)": "zaznaczony element, w kolejności podróży (K)",
    "the selected item, in journey order (J)": "zaznaczony element, w kolejności podróży (J)",
    "Edit stage": "Edytuj etap",
    "the selected stage's form": "formularz zaznaczonego etapu",
    "Delete stage": "Usuń etap",
    "asks where its touchpoints go": "pyta, dokąd trafią jego punkty styku",
    "Edit persona": "Edytuj personę",
    "the selected persona's form": "formularz zaznaczonej persony",
    "Delete persona": "Usuń personę",
    "after a confirmation": "po potwierdzeniu",
    "Edit action": "Edytuj działanie",
    "the selected action's form": "formularz zaznaczonego działania",
    "Edit map details": "Edytuj dane mapy",
    "title, kind, description, owner, updated": (
        "tytuł, rodzaj, opis, właściciel, data aktualizacji"
    ),
    "Focus personas": "Przejdź do person",
    "Focus stages": "Przejdź do etapów",
    "Focus touchpoints": "Przejdź do punktów styku",
    "Show details": "Pokaż szczegóły",
    "the selected item's keys (4)": "pola zaznaczonego elementu (4)",
    "Show moments of truth": "Pokaż momenty prawdy",
    "in journey order": "w kolejności podróży",
    "Show action plan": "Pokaż plan działań",
    "actions, quick wins first marked ★": "działania; szybkie usprawnienia oznaczone ★",
    "Fit timeline": "Dopasuj krzywą emocji",
    "the whole journey in the width, or scroll (z on the timeline)": (
        "cała podróż na szerokość albo przewijanie (z na krzywej emocji)"
    ),
    "read-only analysis (v, then {n})": "analiza tylko do odczytu (v, potem {n})",
    # tui/components/actions_pane.py
    "Action plan": "Plan działań",
    "No actions yet: press a to add one": "Brak działań: naciśnij a, aby dodać",
    # tui/components/analysis_table.py
    "Go to touchpoint": "Do punktu styku",
    # tui/components/detail_view.py
    "Nothing selected.": "Nic nie zaznaczono.",
    "id": "id",
    "kind": "rodzaj",
    "description": "opis",
    "owner": "właściciel",
    "updated": "aktualizacja",
    "goals": "cele",
    "pains": "bolączki",
    "quote": "cytat",
    "goal": "cel",
    "channel": "kanał",
    "personas": "persony",
    "doing": "co robi",
    "thinking": "co myśli",
    "feeling": "co czuje",
    "expectation": "oczekiwania",
    "experience": "doświadczenie",
    "why it matters": "dlaczego to ważne",
    "pain points": "punkty bólu",
    "opportunities": "szanse",
    "backstage": "zaplecze",
    "support": "systemy wspierające",
    "evidence": "źródła",
    "status": "status",
    "effort": "nakład",
    "impact": "wpływ",
    "quick win": "szybkie usprawnienie",
    "due": "termin",
    "state": "stan",
    "(none)": "(brak)",
    "yes": "tak",
    "no": "nie",
    # tui/components/impact_matrix.py
    "(untitled)": "(bez tytułu)",
    "Impact and effort": "Wpływ i nakład pracy",
    "impact ↓": "wpływ ↓",
    "low effort": "mały nakład",
    "medium effort": "średni nakład",
    "high effort": "duży nakład",
    "+{n} more": "+{n} więcej",
    "Without impact or effort: ": "Bez wpływu lub nakładu: ",
    # tui/components/moments_pane.py
    "Moments of truth": "Momenty prawdy",
    "No moments of truth yet: m marks one": "Brak momentów prawdy: m oznacza punkt styku",
    # tui/components/personas_pane.py
    "All personas": "Wszystkie",
    # tui/components/stages_pane.py
    "All stages": "Wszystkie etapy",
    # tui/components/timeline_view.py
    "Scroll": "Przewiń",
    "Fit/scroll": "Dopasuj/przewiń",
    "Start": "Początek",
    "End": "Koniec",
    "Emotion timeline": "Krzywa emocji",
    "fit, averaged": "dopasowane, uśrednione",
    "fit": "dopasowane",
    "scroll": "przewijanie",
    # tui/components/touchpoints_pane.py
    "name @channel #stage ^persona +2..-2 !  (enter adds, esc closes)": (
        "nazwa @kanał #etap ^persona +2..-2 !  (enter dodaje, esc zamyka)"
    ),
    "No touchpoints yet: press a to add one": "Brak punktów styku: naciśnij a, aby dodać",
    "Quick add": "Szybkie dodawanie",
    # tui/drafts.py
    "Could not keep a recovery draft of your changes ({reason}). Save often.": (
        "Nie udało się zachować szkicu twoich zmian do odzyskania ({reason}). Zapisuj często."
    ),
    "A recovery draft was found but cannot be used: {error}. It was left as it is ({path}).": (
        "Znaleziono szkic do odzyskania, ale nie da się go użyć: {error}. Pozostawiono go bez "
        "zmian ({path})."
    ),
    "Recovery draft": "Szkic do odzyskania",
    "Not restored": "Nie przywrócono",
    (
        "Restored the draft: {n} change, not saved yet. ctrl+s saves it; ctrl+z goes back to "
        "the file."
    ): (
        (
            "Przywrócono szkic: {n} zmiana, jeszcze niezapisana. ctrl+s ją zapisuje; ctrl+z "
            "wraca do pliku."
        ),
        (
            "Przywrócono szkic: {n} zmiany, jeszcze niezapisane. ctrl+s je zapisuje; ctrl+z "
            "wraca do pliku."
        ),
        (
            "Przywrócono szkic: {n} zmian, jeszcze niezapisanych. ctrl+s je zapisuje; ctrl+z "
            "wraca do pliku."
        ),
    ),
    "Draft discarded.": "Szkic odrzucono.",
    (
        "The draft is kept; opening the map again asks again. Changes made now replace it with "
        "their own draft."
    ): (
        "Szkic zostaje; przy następnym otwarciu mapy pytanie wróci. Zmiany wprowadzone teraz "
        "zastąpią go własnym szkicem."
    ),
    # tui/keymap.py
    "{path}: keymap ignored: {error}": "{path}: pominięto własne klawisze: {error}",
    '{path}: [keys] "{id}" ignored: no binding has this id (the help screen, ?, lists them)': (
        '{path}: pominięto [keys] "{id}": żaden skrót nie ma takiego identyfikatora (lista na '
        "ekranie pomocy, ?)"
    ),
    (
        "Keys moved to [keys] in {new}; {old} is still read ({new} wins where both remap a "
        "binding)."
    ): (
        "Własne klawisze przeniesiono do [keys] w {new}; plik {old} jest nadal czytany (gdy oba "
        "zmieniają ten sam skrót, obowiązuje {new})."
    ),
    "{path}: keymap ignored: [keys] must map binding ids to key strings": (
        "{path}: pominięto własne klawisze: [keys] musi przypisywać identyfikatorom skrótów "
        "klawisze (tekst)"
    ),
    # tui/readonly.py
    "Could not mark {name} as open ({reason}): another editor would not know this one has it.": (
        "Nie udało się oznaczyć pliku {name} jako otwartego ({reason}): inny edytor nie będzie "
        "wiedział, że ten go używa."
    ),
    "{user}@{host}, pid {pid}, since {since}": "{user}@{host}, pid {pid}, od {since}",
    "{user}@{host}, pid {pid}": "{user}@{host}, pid {pid}",
    (
        "{name} is open in another editor ({who}). This one is read-only: you can look, but "
        "not change or save."
    ): (
        "Plik {name} jest otwarty w innym edytorze ({who}). Ten jest tylko do odczytu: możesz "
        "przeglądać, ale nie zmieniać ani zapisywać."
    ),
    "{name} is open read-only: you can look, but not change or save.": (
        "Plik {name} jest otwarty tylko do odczytu: możesz przeglądać, ale nie zmieniać ani "
        "zapisywać."
    ),
    "Read-only: another editor has this map ({who}).": (
        "Tylko do odczytu: tę mapę ma otwartą inny edytor ({who})."
    ),
    "Read-only: this map was opened with --read-only.": (
        "Tylko do odczytu: mapę otwarto z opcją --read-only."
    ),
    # tui/screens/analysis.py
    "Analysis: moments of truth": "Analiza: momenty prawdy",
    "Lowest & gaps": "Najsłabsze i luki",
    "Analysis: lowest touchpoints and gaps": "Analiza: najsłabsze punkty styku i luki",
    "Plan": "Plan",
    "Analysis: quick wins and action plan": "Analiza: szybkie usprawnienia i plan działań",
    "Departments": "Działy",
    "Analysis: departments": "Analiza: działy",
    "Channels": "Kanały",
    "Analysis: channels": "Analiza: kanały",
    "Coverage": "Pokrycie",
    "Analysis: coverage": "Analiza: pokrycie",
    "Lowest touchpoints: by the lowest persona emotion, ties by the mean": (
        "Najsłabsze punkty styku: wg najniższej emocji persony, przy remisie wg średniej"
    ),
    "Gaps: expectation and experience": "Luki: oczekiwania a doświadczenie",
    "Action plan: quick wins ★ first": "Plan działań: najpierw szybkie usprawnienia ★",
    "Channels: touchpoints and average emotion": "Kanały: punkty styku i średnia emocja",
    "Coverage: what the map does not cover yet": "Pokrycie: czego mapa jeszcze nie obejmuje",
    "Analysis: {name}": "Analiza: {name}",
    "No moments of truth yet: m on a touchpoint marks one": (
        "Brak momentów prawdy: m na punkcie styku go oznacza"
    ),
    "No touchpoint has an emotion yet.": "Żaden punkt styku nie ma jeszcze emocji.",
    "No touchpoint has both an expectation and an experience yet.": (
        "Żaden punkt styku nie ma jeszcze jednocześnie oczekiwań i doświadczenia."
    ),
    "No actions yet.": "Brak działań.",
    "No touchpoints or actions yet.": "Brak punktów styku i działań.",
    "No touchpoints yet.": "Brak punktów styku.",
    "Nothing missing: every check passes.": (
        "Niczego nie brakuje: wszystkie sprawdzenia przechodzą."
    ),
    "Personas: ": "Persony: ",
    "Close analysis": "Zamknij analizę",
    "back to the map (esc)": "powrót do mapy (esc)",
    # tui/screens/choice.py
    "Cancel": "Anuluj",
    "Yes": "Tak",
    "No": "Nie",
    "Yes (y)": "Tak (y)",
    "No (n)": "Nie (n)",
    "There are unsaved changes. Save them before quitting?": (
        "Są niezapisane zmiany. Zapisać je przed wyjściem?"
    ),
    "Discard": "Odrzuć",
    (
        "{path} was changed by someone else since it was opened. Reload it (your unsaved "
        "changes stay one undo away), overwrite it with your version, or cancel?"
    ): (
        "Ktoś inny zmienił {path} po jego otwarciu. Wczytać plik ponownie (twoje niezapisane "
        "zmiany wrócą po jednym cofnięciu), nadpisać go twoją wersją czy anulować?"
    ),
    "Reload": "Wczytaj ponownie",
    "Overwrite": "Nadpisz",
    # tui/screens/form.py
    "ctrl+s apply · esc cancel · enter next field": (
        "ctrl+s zatwierdź · esc anuluj · enter następne pole"
    ),
    "no (not set)": "nie (nie ustawiono)",
    "Apply": "Zatwierdź",
    "Next field": "Następne pole",
    "(not set)": "(nie ustawiono)",
    "(choose)": "(wybierz)",
    # tui/screens/help.py
    "next / previous pane": "następny / poprzedni panel",
    "move the selection": "przesuń zaznaczenie",
    "edit the selected item (on a moment of truth: go to it)": (
        "edytuj zaznaczony element (na momencie prawdy: przejdź do niego)"
    ),
    "command palette: every action by name": "paleta poleceń: każda czynność po nazwie",
    "timeline: fit the whole journey / scroll": "krzywa emocji: cała podróż / przewijanie",
    "timeline: scroll": "krzywa emocji: przewijanie",
    (
        "With “All personas” selected, + and - move the touchpoint's emotion (every persona's "
        "value when it has one per persona). With one persona selected they move that "
        "persona's value; a single value becomes one per persona, keeping the others'."
    ): (
        "Gdy w personach zaznaczona jest pozycja „Wszystkie”, + i - zmieniają emocję punktu "
        "styku (wartość każdej persony, jeśli są osobne). Gdy zaznaczona jest jedna persona, "
        "zmieniają jej wartość; pojedyncza wartość zamienia się wtedy w osobne wartości dla "
        "person, a pozostałe persony zachowują swoje."
    ),
    (
        "A touchpoint with no emotion has no point on the curve (a gap, not neutral): + sets "
        "+1, - sets -1."
    ): (
        "Punkt styku bez emocji nie ma punktu na krzywej (to przerwa, a nie neutralność): + "
        "ustawia +1, - ustawia -1."
    ),
    "Deleting a touchpoint deletes its actions; deleting a stage asks where its touchpoints go.": (
        "Usunięcie punktu styku usuwa jego działania; przy usuwaniu etapu padnie pytanie, "
        "dokąd trafią jego punkty styku."
    ),
    (
        "In a form: tab moves between fields, enter goes to the next field and applies on the "
        "last one, ctrl+s applies, esc cancels. Lists take one item per line."
    ): (
        "W formularzu: tab przechodzi między polami, enter przechodzi do następnego pola, a na "
        "ostatnim zatwierdza; ctrl+s zatwierdza, esc anuluje. Na listach: jeden element w "
        "wierszu."
    ),
    (
        "Undo (ctrl+z) and redo (ctrl+y) cover every change; undoing back to the saved state "
        "clears the unsaved marker."
    ): (
        "Cofanie (ctrl+z) i ponawianie (ctrl+y) obejmują każdą zmianę; po cofnięciu do "
        "zapisanego stanu znika znacznik niezapisanych zmian."
    ),
    'Your own keys: [keys] binding-id = "keys" in your config.toml (or $CJM_CONFIG).': (
        'Własne klawisze: [keys] id-skrótu = "klawisze" w twoim config.toml (lub $CJM_CONFIG).'
    ),
    "The interface language: cjm edit --lang en|pl|ru, or CJM_LANG, else the locale.": (
        "Język interfejsu: cjm edit --lang en|pl|ru albo CJM_LANG, a bez nich ustawienia "
        "regionalne systemu."
    ),
    (
        "Colours: ctrl+p → Change theme, or cjm edit --theme dark|light|high-contrast|ansi; "
        "the choice is remembered in your config.toml (or $CJM_CONFIG)."
    ): (
        "Kolory: ctrl+p → Zmień bieżący motyw albo cjm edit --theme "
        "dark|light|high-contrast|ansi; wybór zostaje zapamiętany w twoim config.toml (lub "
        "$CJM_CONFIG)."
    ),
    "key": "klawisz",
    "does": "co robi",
    "Anywhere": "Wszędzie",
    "In a list": "Na liście",
    "Presentation": "Prezentacja",
    "Analysis (v)": "Analiza (v)",
    "Add to the focused pane (on Touchpoints: the quick-add line)": (
        "Dodaj do aktywnego panelu (w punktach styku: wiersz szybkiego dodawania)"
    ),
    "More": "Więcej",
    "Keys (esc or ? closes)": "Klawisze (esc lub ? zamyka)",
    "Quick-add line (a on Touchpoints)": "Wiersz szybkiego dodawania (a w punktach styku)",
    "Example: Security guard asks for ID @office #arrive -1 !": (
        "Przykład: Ochroniarz prosi o dowód @biuro #przyjazd -1 !"
    ),
    "A backslash keeps @ # ^ ! + - as text.": (
        "Ukośnik wsteczny przed @ # ^ ! + - zostawia je jako tekst."
    ),
    "Good to know": "Warto wiedzieć",
    # tui/screens/main.py
    (
        "Terminal too small: cjm needs at least {min_width}×{min_height} (this one is "
        "{width}×{height}). Make the window larger."
    ): (
        "Terminal jest za mały: cjm potrzebuje co najmniej {min_width}×{min_height} (ten ma "
        "{width}×{height}). Powiększ okno."
    ),
    "{name} (loading…)": "{name} (wczytywanie…)",
    "{name} [read-only]": "{name} [tylko do odczytu]",
    "● {name} [unsaved]": "● {name} [niezapisane]",
    "The map is still loading; try again in a moment.": (
        "Mapa jeszcze się wczytuje; spróbuj za chwilę."
    ),
    "Choose an item first (the “All” entries cannot be edited).": (
        "Najpierw wybierz element (pozycji „Wszystkie” nie da się edytować)."
    ),
    "Not changed": "Bez zmian",
    "leave blank to make it from the name": "zostaw puste, aby utworzyć go z nazwy",
    "The map": "Mapa",
    "A map needs at least one stage.": "Mapa musi mieć co najmniej jeden etap.",
    "Its {n} action goes too.": (
        "Jego {n} działanie też zostanie usunięte.",
        "Jego {n} działania też zostaną usunięte.",
        "Jego {n} działań też zostanie usuniętych.",
    ),
    "Its emotions on touchpoints go too.": "Jej emocje w punktach styku też zostaną usunięte.",
    "Not added": "Nie dodano",
    "Added “{name}”; the selected persona does not meet it.": (
        "Dodano „{name}”; zaznaczona persona nie ma z nim styczności."
    ),
    "New persona": "Nowa persona",
    "New stage": "Nowy etap",
    "New touchpoint": "Nowy punkt styku",
    "New action": "Nowe działanie",
    "Edit persona: {title}": "Edycja persony: {title}",
    "Edit stage: {title}": "Edycja etapu: {title}",
    "Edit touchpoint: {title}": "Edycja punktu styku: {title}",
    "Edit action: {title}": "Edycja działania: {title}",
    "Delete persona “{title}”?": "Usunąć personę „{title}”?",
    "Delete stage “{title}”?": "Usunąć etap „{title}”?",
    "Delete touchpoint “{title}”?": "Usunąć punkt styku „{title}”?",
    "Delete action “{title}”?": "Usunąć działanie „{title}”?",
    # tui/screens/present.py
    "in the presentation (→)": "w prezentacji (→)",
    "in the presentation (←)": "w prezentacji (←)",
    "First stage": "Pierwszy etap",
    "in the presentation (home)": "w prezentacji (home)",
    "Last stage": "Ostatni etap",
    "in the presentation (end)": "w prezentacji (end)",
    "Leave presentation": "Zakończ prezentację",
    "back to the editor (esc)": "powrót do edytora (esc)",
    # tui/screens/recovery.py
    "Restore": "Przywróć",
    "Later": "Później",
    "Unsaved changes were left in a draft of {name} ({when}).": (
        "Niezapisane zmiany zostały w szkicu pliku {name} ({when})."
    ),
    "It holds {n} change to the file:": (
        "Zawiera {n} zmianę w pliku:",
        "Zawiera {n} zmiany w pliku:",
        "Zawiera {n} zmian w pliku:",
    ),
    "The map was never saved; the draft holds {n} change to a new map:": (
        "Mapa nie była jeszcze zapisana; szkic zawiera {n} zmianę w nowej mapie:",
        "Mapa nie była jeszcze zapisana; szkic zawiera {n} zmiany w nowej mapie:",
        "Mapa nie była jeszcze zapisana; szkic zawiera {n} zmian w nowej mapie:",
    ),
    "… and {n} more": (
        "… i jeszcze {n}",
        "… i jeszcze {n}",
        "… i jeszcze {n}",
    ),
    (
        "The map file changed on disk after this draft was started: restoring puts the draft's "
        "version over those changes (ctrl+z goes back)."
    ): (
        "Plik mapy zmienił się na dysku po rozpoczęciu tego szkicu: przywrócenie nadpisze te "
        "zmiany wersją ze szkicu (ctrl+z cofa)."
    ),
    "Restored changes stay unsaved: the file is as it was until you save.": (
        "Przywrócone zmiany pozostają niezapisane: plik się nie zmienia, dopóki nie zapiszesz."
    ),
    # tui/screens/stage_delete.py
    'Stage "{name}" has {n} touchpoint. Where should it go?': (
        "Etap „{name}” ma {n} punkt styku. Dokąd ma trafić?",
        "Etap „{name}” ma {n} punkty styku. Dokąd mają trafić?",
        "Etap „{name}” ma {n} punktów styku. Dokąd mają trafić?",
    ),
    "Move it to {stage}": (
        "Przenieś go do etapu {stage}",
        "Przenieś je do etapu {stage}",
        "Przenieś je do etapu {stage}",
    ),
    "Delete it too": (
        "Usuń go razem z etapem",
        "Usuń je razem z etapem",
        "Usuń je razem z etapem",
    ),
    "enter chooses · esc cancels": "enter wybiera · esc anuluje",
    # tui/themes.py
    "unknown theme {name!r} for --theme: choose from {names}": (
        "nieznany motyw {name!r} dla --theme: do wyboru {names}"
    ),
    "{path}: unknown theme {name!r} ignored": "{path}: pominięto nieznany motyw {name!r}",
    # userconfig.py
    "{path}: settings ignored: {reason}": "{path}: pominięto ustawienia: {reason}",
    "{path}: not changed: {reason}": "{path}: nie zmieniono: {reason}",
    '{path}: [keys] "{id}" ignored: keys must be a string, like "ctrl+s,f2"': (
        '{path}: pominięto [keys] "{id}": klawisze muszą być tekstem, np. "ctrl+s,f2"'
    ),
    '{path}: theme ignored: it must be a string, like theme = "nord"': (
        '{path}: pominięto motyw: musi to być tekst, np. theme = "nord"'
    ),
}
