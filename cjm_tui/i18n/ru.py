"""The interface in Russian: English source text -> translation.

A plain string for `_()`; for `_n()` a tuple of the three forms (one, few, many), keyed by
the English singular. Fields in braces stay as they are.

Words of the trade, as Russian CX consultants use them: карта пути клиента, точка контакта
(touchpoint), момент истины, персона, этап, эмоция, канал, владелец, план действий,
быстрая победа (quick win). Map content is never translated: only the program's words.
"""

from __future__ import annotations

MESSAGES: dict[str, str | tuple[str, ...]] = {
    # cli/diff.py
    "all {value} → per persona": "все {value} → по персонам",
    "per persona → all {value}": "по персонам → все {value}",
    "emotion": "эмоция",
    "persona": "персона",
    "stage": "этап",
    "touchpoint": "точка контакта",
    "action": "действие",
    "map": "карта",
    " in stage {stage}": " в этапе {stage}",
    " from stage {stage}": " из этапа {stage}",
    "{what} {old} renamed to {new}": "{what} {old}: идентификатор изменён на {new}",
    "moved from stage {old} to {new}": "перенесено из этапа {old} в этап {new}",
    "moved in journey order": "перемещено в порядке пути",
    "is now a moment of truth": "теперь момент истины",
    "is no longer a moment of truth": "больше не момент истины",
    # fields.py
    "Id": "Идентификатор",
    "Title": "Название",
    "Kind of map": "Тип карты",
    "Description": "Описание",
    "Owner": "Владелец",
    "Last updated": "Обновлено",
    "Name": "Название",
    "Goals": "Цели",
    "Pains": "Боли",
    "Quote": "Цитата",
    "Goal": "Цель",
    "Stage": "Этап",
    "Channel": "Канал",
    "Personas": "Персоны",
    "Doing": "Что делает",
    "Thinking": "Что думает",
    "Feeling": "Что чувствует",
    "Expectation": "Ожидания",
    "Experience": "Опыт",
    "Emotion": "Эмоция",
    "Moment of truth": "Момент истины",
    "Why it is a moment of truth": "Почему это момент истины",
    "Pain points": "Болевые точки",
    "Opportunities": "Возможности",
    "Backstage": "Закулисье",
    "Supporting systems": "Поддерживающие системы",
    "Evidence": "Источники",
    "Status": "Статус",
    "Touchpoint": "Точка контакта",
    "Effort": "Затраты",
    "Impact": "Эффект",
    "Quick win": "Быстрая победа",
    "Due date": "Срок",
    "State": "Состояние",
    "a-z, 0-9, - and _; other entries refer to it": (
        "a-z, 0-9, - и _; другие записи ссылаются на него"
    ),
    "what the map is about": "о чём эта карта",
    "blank = customer; employee for an employee experience map": (
        "пусто = customer (клиент); employee — для карты опыта сотрудника"
    ),
    "a date: 2026-11-20": "дата: 2026-11-20",
    "free text, any language": "свободный текст на любом языке",
    "what this persona wants to achieve": "чего хочет добиться эта персона",
    "what gets in their way": "что им мешает",
    "something they said, in their words": "что они сказали, их словами",
    "what the customer wants to achieve in this stage": "чего клиент хочет добиться на этом этапе",
    "the journey stage it belongs to": "этап пути, к которому она относится",
    "web, app, phone, shop, email, sms, person...": (
        "сайт, приложение, телефон, магазин, e-mail, SMS, сотрудник..."
    ),
    "what they do here": "что они здесь делают",
    "what goes through their head": "что у них в голове",
    "their feelings, in words": "их чувства, словами",
    "what they expect": "чего они ожидают",
    "what they actually get": "что они получают на деле",
    "space toggles; decides whether the customer stays or leaves": (
        "пробел переключает; решает, останется клиент или уйдёт"
    ),
    "what is decided here": "что здесь решается",
    "what hurts here": "что здесь болит",
    "ideas to make it better": "идеи улучшений",
    "internal processes behind it": "внутренние процессы за ней",
    "systems that support it": "системы, которые её поддерживают",
    "where we know it from (interviews, data)": "откуда мы это знаем (интервью, данные)",
    "hypothesis until research backs it": "гипотеза, пока исследование её не подтвердит",
    "the touchpoint this action improves": "точка контакта, которую улучшает это действие",
    "low, medium or high": "низкий, средний или высокий",
    "space toggles; never set = worked out from effort and impact": (
        "пробел переключает; не задано = определяется по трудозатратам и эффекту"
    ),
    "a date: 2026-12-15": "дата: 2026-12-15",
    "blank = todo": "пусто = открыто",
    "why this map exists, for whom, in which workshop": (
        "зачем эта карта, для кого, на каком воркшопе"
    ),
    "who keeps the map current": "кто поддерживает карту в актуальном виде",
    "department or role responsible": "ответственный отдел или роль",
    "who does it": "кто выполняет",
    "the improvement, in a few words": "улучшение в нескольких словах",
    '{noun}: "{ident}" is not a stage id (known: {known})': (
        "{noun}: «{ident}» — не идентификатор этапа (известные: {known})"
    ),
    '{noun}: "{ident}" is not a persona id (known: {known})': (
        "{noun}: «{ident}» — не идентификатор персоны (известные: {known})"
    ),
    '{noun}: "{ident}" is not a touchpoint id (known: {known})': (
        "{noun}: «{ident}» — не идентификатор точки контакта (известные: {known})"
    ),
    '{noun}: "{ident}" is not an id (known: {known})': (
        "{noun}: «{ident}» — не идентификатор (известные: {known})"
    ),
    "none yet": "пока нет",
    "{label} (one per line)": "{label} (по одному в строке)",
    "persona ids; none = every persona (known: {known})": (
        "идентификаторы персон; пусто = все персоны (известные: {known})"
    ),
    "{low}..+{high} (0 neutral)": "{low}..+{high} (0 — нейтральная)",
    ", or per persona: {example}": ", или по персонам: {example}",
    " (known: {known})": " (известные: {known})",
    "; blank = none": "; пусто = нет",
    "{what} must be a whole number from {low} to +{high}": (
        "{what}: нужно целое число от {low} до +{high}"
    ),
    (
        "{what} {text} is out of range: use {low}..+{high} (-2 very negative, 0 neutral, +2 "
        "very positive)"
    ): (
        "{what} {text} вне диапазона: используйте {low}..+{high} (-2 — очень негативная, 0 — "
        "нейтральная, +2 — очень позитивная)"
    ),
    (
        'Emotion: "{part}" is neither a number from {low} to +{high} nor persona=value (for '
        "example student=-1, senior=+2)"
    ): (
        "Эмоция: «{part}» — не число от {low} до +{high} и не персона=значение (например, "
        "student=-1, senior=+2)"
    ),
    (
        'Emotion: "{id}" is not a persona id (the map has no personas yet: use one number for '
        "everybody)"
    ): (
        "Эмоция: «{id}» — не идентификатор персоны (в карте ещё нет персон: укажите одно число "
        "для всех)"
    ),
    'Emotion: "{id}" is not a persona id (known: {known})': (
        "Эмоция: «{id}» — не идентификатор персоны (известные: {known})"
    ),
    'Emotion: persona "{id}" is given twice': "Эмоция: персона «{id}» указана дважды",
    "Emotion for {id}": "Эмоция для {id}",
    '{noun}: "{text}" is not a real date': "{noun}: «{text}» — несуществующая дата",
    '{noun}: "{text}" is not a date: write it as 2026-12-15 (or 2026-12-15T09:30 with a time)': (
        "{noun}: «{text}» — не дата: запишите её как 2026-12-15 (или 2026-12-15T09:30 со временем)"
    ),
    "{noun} needs at least one line": "{noun}: нужна хотя бы одна строка",
    "{noun} cannot be blank": "{noun}: поле не может быть пустым",
    ' (try "{hint}")': " (попробуйте «{hint}»)",
    (
        '"{id}" is not a valid id: use a-z, 0-9, - and _, starting with a letter or digit, at '
        "most 64 characters"
    ): (
        "«{id}» — недопустимый идентификатор: используйте a-z, 0-9, - и _, начиная с буквы или "
        "цифры, не более 64 символов"
    ),
    '{noun}: "{text}" is not one of {choices}': "{noun}: «{text}» — не одно из значений: {choices}",
    '{noun}: "{text}" is neither true nor false': "{noun}: «{text}» — ни true (да), ни false (нет)",
    # i18n/words.py
    "very negative": "очень негативная",
    "negative": "негативная",
    "neutral": "нейтральная",
    "positive": "позитивная",
    "very positive": "очень позитивная",
    "no emotion": "нет эмоции",
    "customer": "клиент",
    "employee": "сотрудник",
    "hypothesis": "гипотеза",
    "verified": "подтверждено",
    "low": "низкий",
    "medium": "средний",
    "high": "высокий",
    "todo": "открыто",
    "state|doing": "в работе",
    "done": "готово",
    # openmap.py
    "the map is open read-only: nothing can be changed or saved": (
        "карта открыта только для чтения: ничего нельзя изменить или сохранить"
    ),
    "the map is still loading; try again in a moment": (
        "карта ещё загружается; попробуйте чуть позже"
    ),
    "{id} is no longer in the map": "{id} больше нет в карте",
    "edit the map's details": "изменение данных карты",
    "stage {id} has touchpoints: move or delete them first": (
        "в этапе {id} есть точки контакта: сначала перенесите или удалите их"
    ),
    "a map needs at least one stage": "в карте должен быть хотя бы один этап",
    "choose another stage for its touchpoints": "выберите другой этап для его точек контакта",
    "delete stage {id}, touchpoints to {to}": "удаление этапа {id}, точки контакта — в {to}",
    "move touchpoint {id} to stage {to}": "перенос точки контакта {id} в этап {to}",
    "reload from disk": "перезагрузка с диска",
    "restore the recovery draft": "восстановление черновика",
    "duplicate persona id {id}: another persona has it already": (
        "повторяющийся идентификатор персоны {id}: он уже есть у другой персоны"
    ),
    "duplicate stage id {id}: another stage has it already": (
        "повторяющийся идентификатор этапа {id}: он уже есть у другого этапа"
    ),
    "duplicate touchpoint id {id}: another touchpoint has it already": (
        "повторяющийся идентификатор точки контакта {id}: он уже есть у другой точки контакта"
    ),
    "duplicate action id {id}: another action has it already": (
        "повторяющийся идентификатор действия {id}: он уже есть у другого действия"
    ),
    "add persona {id}": "добавление персоны {id}",
    "add stage {id}": "добавление этапа {id}",
    "add touchpoint {id}": "добавление точки контакта {id}",
    "add action {id}": "добавление действия {id}",
    "edit persona {id}": "изменение персоны {id}",
    "edit stage {id}": "изменение этапа {id}",
    "edit touchpoint {id}": "изменение точки контакта {id}",
    "edit action {id}": "изменение действия {id}",
    "delete persona {id}": "удаление персоны {id}",
    "delete stage {id}": "удаление этапа {id}",
    "delete touchpoint {id}": "удаление точки контакта {id}",
    "delete action {id}": "удаление действия {id}",
    "move persona {id}": "перемещение персоны {id}",
    "move stage {id}": "перемещение этапа {id}",
    "move touchpoint {id}": "перемещение точки контакта {id}",
    "move action {id}": "перемещение действия {id}",
    # presentation.py
    "Too small to present: at least {min_width}×{min_height} (this is {width}×{height}).": (
        "Слишком мало места для презентации: нужно не меньше {min_width}×{min_height} (сейчас "
        "{width}×{height})."
    ),
    "This map has no stages yet.": "В этой карте ещё нет этапов.",
    "No touchpoints in this stage yet.": "В этом этапе ещё нет точек контакта.",
    "stage {n} of {total}": "этап {n} из {total}",
    "part {n} of {total}": "часть {n} из {total}",
    "(untitled map)": "(карта без названия)",
    "Goal: {goal}": "Цель: {goal}",
    "{n} touchpoint": (
        "{n} точка контакта",
        "{n} точки контакта",
        "{n} точек контакта",
    ),
    "{n} moment of truth": (
        "{n} момент истины",
        "{n} момента истины",
        "{n} моментов истины",
    ),
    "(touchpoints {first}–{last})": "(точки контакта {first}–{last})",
    "moment of truth": "момент истины",
    # quickadd.py
    "the line has no name: type what happens, e.g. 'Security guard asks for ID @office -1 !'": (
        "в строке нет названия: опишите, что происходит, например 'Охранник просит документ "
        "@офис -1 !'"
    ),
    "the map has no stages yet: add a stage first": "в карте ещё нет этапов: сначала добавьте этап",
    "unknown stage #{id} (stages: {known})": "неизвестный этап #{id} (этапы: {known})",
    "none defined": "не заданы",
    "unknown persona ^{id} (personas: {known})": "неизвестная персона ^{id} (персоны: {known})",
    # timeline.py
    "all personas": "все персоны",
    "no touchpoints yet": "точек контакта пока нет",
    "no stages yet": "этапов пока нет",
    "selected": "выбрано",
    # tui/analysis_rows.py
    "(unnamed)": "(без названия)",
    "(no owner)": "(без владельца)",
    "Actions": "Действия",
    "Why": "Почему",
    "Emotion:": "Эмоция:",
    "Why:": "Почему:",
    "Actions:": "Действия:",
    "Lowest": "Минимум",
    "Mean": "Среднее",
    "For": "Для кого",
    "Lowest:": "Минимум:",
    "mean": "среднее",
    "Lowest for:": "Минимум для:",
    "Expected:": "Ожидание:",
    "Got:": "Реальность:",
    "Expected": "Ожидание",
    "Got": "Реальность",
    "Action": "Действие",
    "Due": "Срок",
    "Touchpoint:": "Точка контакта:",
    "Effort / impact:": "Затраты / эффект:",
    "Department": "Отдел",
    "Touchpoints": "Точки контакта",
    "Average": "Среднее",
    "Moments": "Моменты",
    "Open actions": "Открытые действия",
    "average {value}": "в среднем {value}",
    "Touchpoints:": "Точки контакта:",
    "Moments of truth:": "Моменты истины:",
    "Open actions:": "Открытые действия:",
    "(no channel)": "(без канала)",
    "What": "Что",
    "Item": "Элемент",
    "Where": "Где",
    "Persona meets nothing in": "Персона ни с чем не сталкивается в",
    "No emotion for": "Нет эмоции для",
    "No evidence": "Нет источников",
    "No emotion": "Нет эмоции",
    "Empty stage": "Пустой этап",
    # tui/app.py
    "Theme": "Тема",
    "Change the current theme": "Сменить тему оформления",
    "Quit the application as soon as possible": "Немедленно закрыть приложение",
    "Keys": "Клавиши",
    "Show help for the focused widget and a summary of available keys": (
        "Показать справку по активной панели и список доступных клавиш"
    ),
    "Hide the keys and widget help panel": "Скрыть панель клавиш и справки",
    "Minimize": "Свернуть",
    "Minimize the widget and restore to normal size": "Вернуть панели обычный размер",
    "Maximize": "Развернуть",
    "Maximize the focused widget": "Развернуть активную панель на весь экран",
    "Screenshot": "Снимок экрана",
    "Save an SVG 'screenshot' of the current screen": "Сохранить снимок текущего экрана в SVG",
    "Read-only": "Только чтение",
    "Theme not remembered": "Тема не запомнена",
    "Not saved": "Не сохранено",
    "Saved {name}": "Сохранено: {name}",
    "Nothing to save in {name}": "Нечего сохранять в {name}",
    "Not reloaded": "Не перезагружено",
    "Reloaded from disk; ctrl+z brings your changes back.": (
        "Перезагружено с диска; ctrl+z вернёт ваши изменения."
    ),
    "Undid: {what}": "Отменено: {what}",
    "Nothing to undo": "Нечего отменять",
    "Redid: {what}": "Повторено: {what}",
    "Nothing to redo": "Нечего повторять",
    "Search for commands…": "Поиск команд…",
    # tui/bindings.py
    "Save": "Сохранить",
    "Save to the file (only the changed lines are written)": (
        "Сохранить в файл (записываются только изменённые строки)"
    ),
    "Undo": "Отменить",
    "Undo the last change": "Отменить последнее изменение",
    "Redo": "Повторить",
    "Redo what was undone": "Повторить отменённое",
    "Help": "Справка",
    "This screen": "Этот экран",
    "Quit": "Выход",
    "Quit; with unsaved changes it asks: save, discard or cancel": (
        "Выйти; если есть несохранённые изменения, спросит: сохранить, отбросить или отменить"
    ),
    "Go to Personas": "Перейти к персонам",
    "Stages": "Этапы",
    "Go to Stages": "Перейти к этапам",
    "Details": "Детали",
    "Go to the side pane (details, moments of truth, action plan)": (
        "Перейти к боковой панели (детали, моменты истины, план действий)"
    ),
    "Timeline": "Кривая эмоций",
    "Go to the emotion timeline": "Перейти к кривой эмоций",
    "Present": "Показ",
    "Presentation mode: one stage at a time, in large type, read-only": (
        "Режим презентации: по одному этапу, крупным шрифтом, только чтение"
    ),
    "Analysis": "Анализ",
    (
        "Analysis views: moments of truth, lowest touchpoints and gaps, action plan, "
        "departments, channels, coverage (read-only)"
    ): (
        "Аналитика: моменты истины, самые низкие точки контакта и разрывы, план действий, "
        "отделы, каналы, покрытие (только чтение)"
    ),
    "View": "Вид",
    "Analysis: show view 1..6 (the numbers on the tabs)": (
        "Анализ: показать вид 1..6 (номера на вкладках)"
    ),
    "Next view": "Виды",
    "Analysis: the next view": "Анализ: следующий вид",
    "Previous view": "Предыдущий вид",
    "Analysis: the previous view": "Анализ: предыдущий вид",
    "Close": "Закрыть",
    "Close the analysis and go back to the map": "Закрыть анализ и вернуться к карте",
    "Close the analysis and quit; with unsaved changes it asks first": (
        "Закрыть анализ и выйти; если есть несохранённые изменения, сначала спросит"
    ),
    "Next": "Далее",
    "Presentation: the next stage (also l, space)": "Презентация: следующий этап (также l, пробел)",
    "Previous": "Назад",
    "Presentation: the previous stage (also h, backspace)": (
        "Презентация: предыдущий этап (также h, backspace)"
    ),
    "First": "Первый",
    "Presentation: the first stage": "Презентация: первый этап",
    "Last": "Последний",
    "Presentation: the last stage": "Презентация: последний этап",
    "Leave": "Выйти",
    "Leave the presentation, back to the editor (also q, p)": (
        "Выйти из презентации в редактор (также q, p)"
    ),
    "Down": "Вниз",
    "Up": "Вверх",
    "Edit": "Изменить",
    "Edit the selected item in a form (also enter)": (
        "Изменить выбранный элемент в форме (также enter)"
    ),
    "Delete": "Удалить",
    "Delete the selected item, after a confirmation": (
        "Удалить выбранный элемент после подтверждения"
    ),
    "Move up": "Переместить выше",
    "Move the selected item up in journey order": (
        "Переместить выбранный элемент раньше в порядке пути"
    ),
    "Move down": "Переместить ниже",
    "Move the selected item down in journey order": (
        "Переместить выбранный элемент дальше в порядке пути"
    ),
    "Add persona": "Добавить персону",
    "Add stage": "Добавить этап",
    "Add touchpoint": "Добавить точку",
    "Add action": "Добавить действие",
    "Raise the emotion by one (also =); no emotion becomes +1": (
        "Повысить эмоцию на единицу (также =); без эмоции станет +1"
    ),
    "Emotion -": "Эмоция -",
    "Lower the emotion by one; no emotion becomes -1": (
        "Понизить эмоцию на единицу; без эмоции станет -1"
    ),
    "Moment": "Момент",
    "Mark or unmark a moment of truth": "Отметить момент истины или снять отметку",
    "Previous stage": "Предыдущий этап",
    "Move to the end of the previous stage": "Перенести в конец предыдущего этапа",
    "Next stage": "Следующий этап",
    "Move to the start of the next stage": "Перенести в начало следующего этапа",
    # tui/commands.py
    "write the map to its file (ctrl+s)": "записать карту в её файл (ctrl+s)",
    "undo the last change (ctrl+z)": "отменить последнее изменение (ctrl+z)",
    "redo what was undone (ctrl+y)": "повторить отменённое (ctrl+y)",
    "Help: keys": "Справка: клавиши",
    "every key and what it does (?)": "все клавиши и что они делают (?)",
    "Presentation mode": "Режим презентации",
    "one stage at a time, in large type, read-only (p)": (
        "по одному этапу, крупным шрифтом, только чтение (p)"
    ),
    "leave cjm, asking about unsaved changes (q)": (
        "выйти из cjm, спросив о несохранённых изменениях (q)"
    ),
    "open the quick-add line (a on Touchpoints)": (
        "открыть строку быстрого добавления (a в точках контакта)"
    ),
    "a new stage after the selected one": "новый этап после выбранного",
    "a new persona": "новая персона",
    "a new action for the selected touchpoint": "новое действие для выбранной точки контакта",
    "Edit touchpoint": "Изменить точку контакта",
    "the selected touchpoint's form (enter)": "форма выбранной точки контакта (enter)",
    "Delete touchpoint": "Удалить точку контакта",
    "after a confirmation (d)": "после подтверждения (d)",
    "Emotion up": "Эмоция выше",
    "raise the selected touchpoint's emotion (+)": "повысить эмоцию выбранной точки контакта (+)",
    "Emotion down": "Эмоция ниже",
    "lower the selected touchpoint's emotion (-)": "понизить эмоцию выбранной точки контакта (-)",
    "Toggle moment of truth": "Переключить момент истины",
    "mark or unmark the selected touchpoint (m)": (
        "отметить выбранную точку контакта или снять отметку (m)"
    ),
    "Move touchpoint to previous stage": "Перенести точку контакта в предыдущий этап",
    "Move touchpoint to next stage": "Перенести точку контакта в следующий этап",
    "the selected item, in journey order (K)": "выбранный элемент, в порядке пути (K)",
    "the selected item, in journey order (J)": "выбранный элемент, в порядке пути (J)",
    "Edit stage": "Изменить этап",
    "the selected stage's form": "форма выбранного этапа",
    "Delete stage": "Удалить этап",
    "asks where its touchpoints go": "спросит, куда перенести его точки контакта",
    "Edit persona": "Изменить персону",
    "the selected persona's form": "форма выбранной персоны",
    "Delete persona": "Удалить персону",
    "after a confirmation": "после подтверждения",
    "Edit action": "Изменить действие",
    "the selected action's form": "форма выбранного действия",
    "Edit map details": "Изменить данные карты",
    "title, kind, description, owner, updated": (
        "название, тип, описание, владелец, дата обновления"
    ),
    "Focus personas": "Перейти к персонам",
    "Focus stages": "Перейти к этапам",
    "Focus touchpoints": "Перейти к точкам контакта",
    "Show details": "Показать детали",
    "the selected item's keys (4)": "поля выбранного элемента (4)",
    "Show moments of truth": "Показать моменты истины",
    "in journey order": "в порядке пути",
    "Show action plan": "Показать план действий",
    "actions, quick wins first marked ★": "действия; быстрые победы отмечены ★",
    "Fit timeline": "Вписать кривую эмоций",
    "the whole journey in the width, or scroll (z on the timeline)": (
        "весь путь по ширине или прокрутка (z на кривой эмоций)"
    ),
    "read-only analysis (v, then {n})": "анализ, только чтение (v, затем {n})",
    # tui/components/actions_pane.py
    "Action plan": "План действий",
    "No actions yet: press a to add one": "Действий пока нет: нажмите a, чтобы добавить",
    # tui/components/analysis_table.py
    "Go to touchpoint": "К точке контакта",
    # tui/components/detail_view.py
    "Nothing selected.": "Ничего не выбрано.",
    "id": "id",
    "kind": "тип",
    "description": "описание",
    "owner": "владелец",
    "updated": "обновлено",
    "goals": "цели",
    "pains": "боли",
    "quote": "цитата",
    "goal": "цель",
    "channel": "канал",
    "personas": "персоны",
    "doing": "что делает",
    "thinking": "что думает",
    "feeling": "что чувствует",
    "expectation": "ожидания",
    "experience": "опыт",
    "why it matters": "почему это важно",
    "pain points": "болевые точки",
    "opportunities": "возможности",
    "backstage": "закулисье",
    "support": "системы поддержки",
    "evidence": "источники",
    "status": "статус",
    "effort": "затраты",
    "impact": "эффект",
    "quick win": "быстрая победа",
    "due": "срок",
    "state": "состояние",
    "(none)": "(нет)",
    "yes": "да",
    "no": "нет",
    # tui/components/impact_matrix.py
    "(untitled)": "(без названия)",
    "Impact and effort": "Эффект и трудозатраты",
    "impact ↓": "эффект ↓",
    "low effort": "малые затраты",
    "medium effort": "средние затраты",
    "high effort": "большие затраты",
    "+{n} more": "ещё {n}",
    "Without impact or effort: ": "Без эффекта или затрат: ",
    # tui/components/moments_pane.py
    "Moments of truth": "Моменты истины",
    "No moments of truth yet: m marks one": "Моментов истины пока нет: m отмечает точку",
    # tui/components/personas_pane.py
    "All personas": "Все персоны",
    # tui/components/stages_pane.py
    "All stages": "Все этапы",
    # tui/components/timeline_view.py
    "Scroll": "Прокрутка",
    "Fit/scroll": "Вписать/прокрутка",
    "Start": "Начало",
    "End": "Конец",
    "Emotion timeline": "Кривая эмоций",
    "fit, averaged": "вписано, усреднено",
    "fit": "вписано",
    "scroll": "прокрутка",
    # tui/components/touchpoints_pane.py
    "name @channel #stage ^persona +2..-2 !  (enter adds, esc closes)": (
        "название @канал #этап ^персона +2..-2 !  (enter добавляет, esc закрывает)"
    ),
    "No touchpoints yet: press a to add one": "Точек контакта пока нет: нажмите a, чтобы добавить",
    "Quick add": "Быстрое добавление",
    # tui/drafts.py
    "Could not keep a recovery draft of your changes ({reason}). Save often.": (
        "Не удалось сохранить черновик ваших изменений для восстановления ({reason}). "
        "Сохраняйте почаще."
    ),
    "A recovery draft was found but cannot be used: {error}. It was left as it is ({path}).": (
        "Найден черновик для восстановления, но его нельзя использовать: {error}. Он оставлен "
        "как есть ({path})."
    ),
    "Recovery draft": "Черновик для восстановления",
    "Not restored": "Не восстановлено",
    (
        "Restored the draft: {n} change, not saved yet. ctrl+s saves it; ctrl+z goes back to "
        "the file."
    ): (
        (
            "Черновик восстановлен: {n} изменение, ещё не сохранено. ctrl+s сохранит его; "
            "ctrl+z вернёт к файлу."
        ),
        (
            "Черновик восстановлен: {n} изменения, ещё не сохранены. ctrl+s сохранит их; "
            "ctrl+z вернёт к файлу."
        ),
        (
            "Черновик восстановлен: {n} изменений, ещё не сохранены. ctrl+s сохранит их; "
            "ctrl+z вернёт к файлу."
        ),
    ),
    "Draft discarded.": "Черновик удалён.",
    (
        "The draft is kept; opening the map again asks again. Changes made now replace it with "
        "their own draft."
    ): (
        "Черновик сохранён; при следующем открытии карты вопрос повторится. Изменения, "
        "сделанные сейчас, заменят его своим черновиком."
    ),
    # tui/keymap.py
    "{path}: keymap ignored: {error}": "{path}: раскладка клавиш пропущена: {error}",
    '{path}: [keys] "{id}" ignored: no binding has this id (the help screen, ?, lists them)': (
        '{path}: [keys] "{id}" пропущено: нет привязки с таким идентификатором (список — на '
        "экране справки, ?)"
    ),
    (
        "Keys moved to [keys] in {new}; {old} is still read ({new} wins where both remap a "
        "binding)."
    ): (
        "Свои клавиши перенесены в [keys] файла {new}; {old} по-прежнему читается (если оба "
        "переназначают одну привязку, действует {new})."
    ),
    "{path}: keymap ignored: [keys] must map binding ids to key strings": (
        "{path}: раскладка клавиш пропущена: в [keys] идентификаторам привязок должны "
        "соответствовать строки с клавишами"
    ),
    # tui/readonly.py
    "Could not mark {name} as open ({reason}): another editor would not know this one has it.": (
        "Не удалось отметить {name} как открытый ({reason}): другой редактор не узнает, что "
        "этот его открыл."
    ),
    "{user}@{host}, pid {pid}, since {since}": "{user}@{host}, pid {pid}, с {since}",
    "{user}@{host}, pid {pid}": "{user}@{host}, pid {pid}",
    (
        "{name} is open in another editor ({who}). This one is read-only: you can look, but "
        "not change or save."
    ): (
        "{name} открыт в другом редакторе ({who}). Этот — только для чтения: смотреть можно, "
        "изменять и сохранять нельзя."
    ),
    "{name} is open read-only: you can look, but not change or save.": (
        "{name} открыт только для чтения: смотреть можно, изменять и сохранять нельзя."
    ),
    "Read-only: another editor has this map ({who}).": (
        "Только чтение: эта карта открыта в другом редакторе ({who})."
    ),
    "Read-only: this map was opened with --read-only.": (
        "Только чтение: карта открыта с параметром --read-only."
    ),
    # tui/screens/analysis.py
    "Analysis: moments of truth": "Анализ: моменты истины",
    "Lowest & gaps": "Минимумы и разрывы",
    "Analysis: lowest touchpoints and gaps": "Анализ: самые низкие точки контакта и разрывы",
    "Plan": "План",
    "Analysis: quick wins and action plan": "Анализ: быстрые победы и план действий",
    "Departments": "Отделы",
    "Analysis: departments": "Анализ: отделы",
    "Channels": "Каналы",
    "Analysis: channels": "Анализ: каналы",
    "Coverage": "Покрытие",
    "Analysis: coverage": "Анализ: покрытие",
    "Lowest touchpoints: by the lowest persona emotion, ties by the mean": (
        "Самые низкие точки контакта: по минимальной эмоции персоны, при равенстве — по среднему"
    ),
    "Gaps: expectation and experience": "Разрывы: ожидания и опыт",
    "Action plan: quick wins ★ first": "План действий: сначала быстрые победы ★",
    "Channels: touchpoints and average emotion": "Каналы: точки контакта и средняя эмоция",
    "Coverage: what the map does not cover yet": "Покрытие: что карта ещё не охватывает",
    "Analysis: {name}": "Анализ: {name}",
    "No moments of truth yet: m on a touchpoint marks one": (
        "Моментов истины пока нет: m на точке контакта отмечает её"
    ),
    "No touchpoint has an emotion yet.": "Ни у одной точки контакта ещё нет эмоции.",
    "No touchpoint has both an expectation and an experience yet.": (
        "Ни у одной точки контакта ещё нет одновременно ожиданий и опыта."
    ),
    "No actions yet.": "Действий пока нет.",
    "No touchpoints or actions yet.": "Точек контакта и действий пока нет.",
    "No touchpoints yet.": "Точек контакта пока нет.",
    "Nothing missing: every check passes.": "Ничего не упущено: все проверки пройдены.",
    "Personas: ": "Персоны: ",
    "Close analysis": "Закрыть анализ",
    "back to the map (esc)": "назад к карте (esc)",
    # tui/screens/choice.py
    "Cancel": "Отмена",
    "Yes": "Да",
    "No": "Нет",
    "Yes (y)": "Да (y)",
    "No (n)": "Нет (n)",
    "There are unsaved changes. Save them before quitting?": (
        "Есть несохранённые изменения. Сохранить их перед выходом?"
    ),
    "Discard": "Отбросить",
    (
        "{path} was changed by someone else since it was opened. Reload it (your unsaved "
        "changes stay one undo away), overwrite it with your version, or cancel?"
    ): (
        "Кто-то другой изменил {path} после открытия. Перезагрузить файл (ваши несохранённые "
        "изменения вернёт одна отмена), перезаписать его своей версией или отменить?"
    ),
    "Reload": "Перезагрузить",
    "Overwrite": "Перезаписать",
    # tui/screens/form.py
    "ctrl+s apply · esc cancel · enter next field": (
        "ctrl+s применить · esc отмена · enter следующее поле"
    ),
    "no (not set)": "нет (не задано)",
    "Apply": "Применить",
    "Next field": "Следующее поле",
    "(not set)": "(не задано)",
    "(choose)": "(выберите)",
    # tui/screens/help.py
    "next / previous pane": "следующая / предыдущая панель",
    "move the selection": "переместить выделение",
    "edit the selected item (on a moment of truth: go to it)": (
        "изменить выбранный элемент (на моменте истины: перейти к нему)"
    ),
    "command palette: every action by name": "палитра команд: любое действие по названию",
    "timeline: fit the whole journey / scroll": "кривая эмоций: весь путь / прокрутка",
    "timeline: scroll": "кривая эмоций: прокрутка",
    (
        "With “All personas” selected, + and - move the touchpoint's emotion (every persona's "
        "value when it has one per persona). With one persona selected they move that "
        "persona's value; a single value becomes one per persona, keeping the others'."
    ): (
        "Когда выбраны «Все персоны», + и - меняют эмоцию точки контакта (значение каждой "
        "персоны, если они заданы по персонам). Когда выбрана одна персона, меняется её "
        "значение; общее значение при этом становится значениями по персонам, у остальных "
        "персон оно сохраняется."
    ),
    (
        "A touchpoint with no emotion has no point on the curve (a gap, not neutral): + sets "
        "+1, - sets -1."
    ): (
        "У точки контакта без эмоции нет точки на кривой (это разрыв, а не нейтральность): + "
        "ставит +1, - ставит -1."
    ),
    "Deleting a touchpoint deletes its actions; deleting a stage asks where its touchpoints go.": (
        "Удаление точки контакта удаляет её действия; при удалении этапа будет вопрос, куда "
        "перенести его точки контакта."
    ),
    (
        "In a form: tab moves between fields, enter goes to the next field and applies on the "
        "last one, ctrl+s applies, esc cancels. Lists take one item per line."
    ): (
        "В форме: tab переходит между полями, enter — к следующему полю, а на последнем "
        "применяет; ctrl+s применяет, esc отменяет. В списках — по одному элементу в строке."
    ),
    (
        "Undo (ctrl+z) and redo (ctrl+y) cover every change; undoing back to the saved state "
        "clears the unsaved marker."
    ): (
        "Отмена (ctrl+z) и повтор (ctrl+y) охватывают любое изменение; если отменить всё до "
        "сохранённого состояния, отметка о несохранённых изменениях исчезает."
    ),
    'Your own keys: [keys] binding-id = "keys" in your config.toml (or $CJM_CONFIG).': (
        'Свои клавиши: [keys] id-привязки = "клавиши" в вашем config.toml (или $CJM_CONFIG).'
    ),
    "The interface language: cjm edit --lang en|pl|ru, or CJM_LANG, else the locale.": (
        "Язык интерфейса: cjm edit --lang en|pl|ru или CJM_LANG, иначе — языковые настройки "
        "системы."
    ),
    (
        "Colours: ctrl+p → Change theme, or cjm edit --theme dark|light|high-contrast|ansi; "
        "the choice is remembered in your config.toml (or $CJM_CONFIG)."
    ): (
        "Цвета: ctrl+p → Сменить тему оформления или cjm edit --theme "
        "dark|light|high-contrast|ansi; выбор запоминается в вашем config.toml (или "
        "$CJM_CONFIG)."
    ),
    "key": "клавиша",
    "does": "что делает",
    "Anywhere": "Везде",
    "In a list": "В списке",
    "Presentation": "Презентация",
    "Analysis (v)": "Анализ (v)",
    "Add to the focused pane (on Touchpoints: the quick-add line)": (
        "Добавить в активную панель (в точках контакта: строка быстрого добавления)"
    ),
    "More": "Ещё",
    "Keys (esc or ? closes)": "Клавиши (esc или ? закрывает)",
    "Quick-add line (a on Touchpoints)": "Строка быстрого добавления (a в точках контакта)",
    "Example: Security guard asks for ID @office #arrive -1 !": (
        "Пример: Охранник просит документ @офис #приезд -1 !"
    ),
    "A backslash keeps @ # ^ ! + - as text.": (
        "Обратная косая черта перед @ # ^ ! + - оставляет их текстом."
    ),
    "Good to know": "Полезно знать",
    # tui/screens/main.py
    (
        "Terminal too small: cjm needs at least {min_width}×{min_height} (this one is "
        "{width}×{height}). Make the window larger."
    ): (
        "Терминал слишком мал: cjm нужно не меньше {min_width}×{min_height} (сейчас "
        "{width}×{height}). Увеличьте окно."
    ),
    "{name} (loading…)": "{name} (загрузка…)",
    "{name} [read-only]": "{name} [только чтение]",
    "● {name} [unsaved]": "● {name} [не сохранено]",
    "The map is still loading; try again in a moment.": (
        "Карта ещё загружается; попробуйте чуть позже."
    ),
    "Choose an item first (the “All” entries cannot be edited).": (
        "Сначала выберите элемент (пункты «Все» изменить нельзя)."
    ),
    "Not changed": "Без изменений",
    "leave blank to make it from the name": "оставьте пустым, чтобы создать из названия",
    "The map": "Карта",
    "A map needs at least one stage.": "В карте должен быть хотя бы один этап.",
    "Its {n} action goes too.": (
        "Вместе с ней будет удалено {n} действие.",
        "Вместе с ней будут удалены {n} действия.",
        "Вместе с ней будут удалены {n} действий.",
    ),
    "Its emotions on touchpoints go too.": "Её эмоции в точках контакта тоже будут удалены.",
    "Not added": "Не добавлено",
    "Added “{name}”; the selected persona does not meet it.": (
        "Добавлено «{name}»; выбранная персона с ней не сталкивается."
    ),
    "New persona": "Новая персона",
    "New stage": "Новый этап",
    "New touchpoint": "Новая точка контакта",
    "New action": "Новое действие",
    "Edit persona: {title}": "Изменение персоны: {title}",
    "Edit stage: {title}": "Изменение этапа: {title}",
    "Edit touchpoint: {title}": "Изменение точки контакта: {title}",
    "Edit action: {title}": "Изменение действия: {title}",
    "Delete persona “{title}”?": "Удалить персону «{title}»?",
    "Delete stage “{title}”?": "Удалить этап «{title}»?",
    "Delete touchpoint “{title}”?": "Удалить точку контакта «{title}»?",
    "Delete action “{title}”?": "Удалить действие «{title}»?",
    # tui/screens/present.py
    "in the presentation (→)": "в презентации (→)",
    "in the presentation (←)": "в презентации (←)",
    "First stage": "Первый этап",
    "in the presentation (home)": "в презентации (home)",
    "Last stage": "Последний этап",
    "in the presentation (end)": "в презентации (end)",
    "Leave presentation": "Выйти из презентации",
    "back to the editor (esc)": "назад в редактор (esc)",
    # tui/screens/recovery.py
    "Restore": "Восстановить",
    "Later": "Позже",
    "Unsaved changes were left in a draft of {name} ({when}).": (
        "Несохранённые изменения остались в черновике {name} ({when})."
    ),
    "It holds {n} change to the file:": (
        "В нём {n} изменение файла:",
        "В нём {n} изменения файла:",
        "В нём {n} изменений файла:",
    ),
    "The map was never saved; the draft holds {n} change to a new map:": (
        "Карта ещё ни разу не сохранялась; в черновике {n} изменение новой карты:",
        "Карта ещё ни разу не сохранялась; в черновике {n} изменения новой карты:",
        "Карта ещё ни разу не сохранялась; в черновике {n} изменений новой карты:",
    ),
    "… and {n} more": (
        "… и ещё {n}",
        "… и ещё {n}",
        "… и ещё {n}",
    ),
    (
        "The map file changed on disk after this draft was started: restoring puts the draft's "
        "version over those changes (ctrl+z goes back)."
    ): (
        "Файл карты изменился на диске после начала этого черновика: восстановление запишет "
        "версию черновика поверх этих изменений (ctrl+z вернёт назад)."
    ),
    "Restored changes stay unsaved: the file is as it was until you save.": (
        "Восстановленные изменения остаются несохранёнными: файл не меняется, пока вы не сохраните."
    ),
    # tui/screens/stage_delete.py
    'Stage "{name}" has {n} touchpoint. Where should it go?': (
        "В этапе «{name}» {n} точка контакта. Куда её перенести?",
        "В этапе «{name}» {n} точки контакта. Куда их перенести?",
        "В этапе «{name}» {n} точек контакта. Куда их перенести?",
    ),
    "Move it to {stage}": (
        "Перенести её в этап {stage}",
        "Перенести их в этап {stage}",
        "Перенести их в этап {stage}",
    ),
    "Delete it too": (
        "Удалить её вместе с этапом",
        "Удалить их вместе с этапом",
        "Удалить их вместе с этапом",
    ),
    "enter chooses · esc cancels": "enter выбирает · esc отменяет",
    # tui/themes.py
    "unknown theme {name!r} for --theme: choose from {names}": (
        "неизвестная тема {name!r} для --theme: выберите из {names}"
    ),
    "{path}: unknown theme {name!r} ignored": "{path}: неизвестная тема {name!r} пропущена",
    # userconfig.py
    "{path}: settings ignored: {reason}": "{path}: настройки пропущены: {reason}",
    "{path}: not changed: {reason}": "{path}: не изменено: {reason}",
    '{path}: [keys] "{id}" ignored: keys must be a string, like "ctrl+s,f2"': (
        '{path}: [keys] "{id}" пропущено: клавиши должны быть строкой, например "ctrl+s,f2"'
    ),
    '{path}: theme ignored: it must be a string, like theme = "nord"': (
        '{path}: тема пропущена: нужна строка, например theme = "nord"'
    ),
}
