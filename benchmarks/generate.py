"""Generate realistic, valid journey maps of any size, for benchmarks and stress tests.

The output looks like a map a team drafted by hand and kept growing: a commented header,
four personas, about one stage per hundred touchpoints, touchpoints grouped by stage in file
order with a varied mix of optional keys, comment lines above some entries, and an action
plan of one action per twenty touchpoints. The same `n` and `seed` always give the same text.

Usage::

    python benchmarks/generate.py 2000 -o /tmp/map-2000.toml
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
from collections.abc import Sequence

PERSONAS: tuple[tuple[str, str, str, list[str], list[str], str], ...] = (
    (
        "student",
        "Ola, student, prepaid",
        "Second-year student, pays for everything from a part-time job; lives on her phone.",
        ["Lots of data for little money", "No contract, no paperwork"],
        ["Hidden fees", "Running out of data before payday"],
        "If I can't do it in the app, I won't do it.",
    ),
    (
        "sole-trader",
        "Marek, sole trader (plumber)",
        "Runs a one-man business from his van; the phone is his office.",
        ["A VAT invoice every month", "Never lose the business number"],
        ["Waiting on hold during working hours", "Invoices he has to ask for"],
        "Every missed call is a missed job.",
    ),
    (
        "senior",
        "Halina, 71, retired teacher",
        "Uses a smartphone for calls, photos of the grandchildren and the bank's SMS codes.",
        ["Keep the old number", "Someone to call when something breaks"],
        ["Small print", "Being rushed by sales staff"],
        "I want to talk to a person, not to a robot.",
    ),
    (
        "expat",
        "Andrii, warehouse worker from Ukraine",
        "In Poland for three years; calls home every day, reads Polish slowly.",
        ["Cheap calls to Ukraine", "Registration without a Polish ID card"],
        ["Forms only in Polish", "Staff who do not explain"],
        "Я хочу просто знати, скільки це коштує.",
    ),
)

STAGE_WORDS: tuple[tuple[str, str], ...] = (
    ("discover", "Discover"),
    ("compare", "Compare and decide"),
    ("order", "Order"),
    ("register", "Register the SIM"),
    ("port", "Keep the number"),
    ("activate", "Activate"),
    ("first-use", "First use"),
    ("top-up", "Top up"),
    ("support", "Get help"),
    ("billing", "Invoices and payments"),
    ("roaming", "Travel abroad"),
    ("upgrade", "Change the bundle"),
    ("renew", "Renew"),
    ("loyalty", "Loyalty and rewards"),
    ("leave", "Leave or stay"),
)

CHANNELS = (
    "web",
    "web (mobile)",
    "app",
    "sms",
    "email",
    "phone",
    "shop",
    "person",
    "chat",
    "web chat",
    "outdoor",
    "post",
    "kiosk",
    "social media",
)
OWNERS = (
    "Marketing",
    "Digital",
    "Sales",
    "Retail",
    "Customer Care",
    "Billing",
    "Network",
    "Legal",
    "IT",
    "Logistics",
    "Partner shops",
)
SUBJECTS = (
    "the offer page",
    "the app",
    "the SMS",
    "the shop assistant",
    "the hotline",
    "the invoice",
    "the chatbot",
    "the registration form",
    "the courier",
    "the price list",
    "the top-up screen",
    "the welcome email",
    "the porting request",
    "the loyalty page",
    "the roaming notice",
    "the login screen",
    "the consultant",
)
VERBS = (
    "Reads",
    "Opens",
    "Checks",
    "Asks about",
    "Waits for",
    "Fills in",
    "Compares",
    "Calls about",
    "Scrolls through",
    "Complains about",
    "Taps through",
    "Looks for",
)
THOUGHTS = (
    "Is this a scam?",
    "Where is the price?",
    "Why is this so slow?",
    "That was easier than I thought",
    "Will I lose my number?",
    "What happens after 30 GB?",
    "Do they even read my messages?",
    "Finally something that works",
    "I should have stayed with my old operator",
    "Can my daughter do this for me?",
    "Ile to naprawdę kosztuje?",
)
FEELINGS = (
    "curious",
    "impatient",
    "relieved",
    "confused",
    "annoyed",
    "suspicious",
    "pleased",
    "anxious",
    "indifferent",
    "trusting",
    "frustrated",
    "delighted",
    "dependent, a bit embarrassed",
)
EXPECTATIONS = (
    "A clear price on the first screen",
    "One tap to buy",
    "An answer within a minute",
    "The same price as in the ad",
    "Someone who speaks my language",
    "A confirmation by SMS",
    "No paperwork",
    "An invoice without asking",
)
EXPERIENCES = (
    "Gets a link to a 47-page PDF",
    "Waits 14 minutes on hold",
    "Everything works on the first try",
    "The form rejects a foreign passport",
    "Cookie banner hides half of the screen",
    "The courier comes a day early",
    "Gets a friendly SMS with the next steps",
    "The app logs him out twice",
)
PAINS = (
    "Login wall before the price",
    "Out-of-bundle rate only in the PDF",
    "Font too small for seniors",
    "No VAT invoice for prepaid",
    "Form only in Polish",
    "Hotline closes at 18:00",
    "Top-up fails without a reason",
    "Porting date changed without notice",
    "Chatbot loops back to the menu",
)
OPPORTUNITIES = (
    "Magic link in the SMS",
    "Price above the fold",
    "Ukrainian version of the form",
    "Callback instead of waiting on hold",
    "Monthly invoice by email, automatically",
    "Plain-language box: 'Is switching safe?'",
    "Refer-a-friend code in the app",
    "Porting status tracker",
)
EVIDENCE = (
    "Interview 2 (student)",
    "Interview 7 (sole trader)",
    "Senior focus group",
    "Analytics: 68% mobile traffic",
    "Complaints Q3: 41",
    "Chat logs Oct 2026",
    "Mystery shopping, Łódź store",
    "NPS verbatims, wave 4",
    "Call centre export 2026",
)
BACKSTAGE = (
    "Campaign tool sends the batch at 7:00",
    "Porting requests processed twice a day",
    "Manual check of foreign IDs in the back office",
)
SUPPORT = ("CRM", "Billing system", "Consent management platform", "Chatbot platform", "CMS")
ACTION_VERBS = (
    "Rewrite",
    "Simplify",
    "Automate",
    "Translate",
    "Shorten",
    "Redesign",
    "Test",
    "Measure",
    "Remove",
)
ACTION_STATES = ("todo", "todo", "doing", "done")
LEVELS = ("low", "medium", "high")

_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f]')
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def q(value: str) -> str:
    """A TOML basic string for `value`."""
    return (
        '"' + _ESCAPE.sub(lambda m: _SHORT.get(m.group(), f"\\u{ord(m.group()):04X}"), value) + '"'
    )


def qlist(values: Sequence[str]) -> str:
    """A one-line TOML array of strings."""
    return "[" + ", ".join(q(v) for v in values) + "]"


def slug(text: str) -> str:
    """A short ASCII slug (the generator's own texts are ASCII enough for this)."""
    return _NOT_SLUG.sub("-", text.lower()).strip("-")[:40].rstrip("-")


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """`total` split into `parts` uneven, non-negative counts (at least 1 each when possible)."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


def _header(n: int, seed: int, stages: int) -> list[str]:
    return [
        "# Prepaid mobile bundle: the whole customer lifecycle (generated benchmark map)",
        "#",
        f"# {n} touchpoints over {stages} stages, 4 personas, seed {seed}.",
        "# Sources: workshop notes, interviews, the complaints export and call centre logs.",
        "# Emotion: -2 very negative .. +2 very positive; no emotion = not known yet.",
        "",
        "[map]",
        "format = 1                      # the format version",
        f"title = {q(f'Prepaid bundle lifecycle ({n} touchpoints)')}",
        'kind = "customer"',
        'description = "Every contact a prepaid customer has with us, from the first ad to the '
        'decision to leave. Kept by the CX team; reviewed in the monthly journey workshop."',
        'owner = "CX team"',
        "updated = 2026-11-20",
        "",
    ]


def _personas() -> list[str]:
    out = ["# ---------------------------------------------------------------- personas", ""]
    for pid, name, description, goals, pains, quote in PERSONAS:
        out += [
            "[[personas]]",
            f"id = {q(pid)}",
            f"name = {q(name)}",
            f"description = {q(description)}",
            f"goals = {qlist(goals)}",
            f"pains = {qlist(pains)}",
            f"quote = {q(quote)}",
            "",
        ]
    return out


def _stage_ids(count: int) -> list[tuple[str, str]]:
    stages: list[tuple[str, str]] = []
    for i in range(count):
        base_id, base_name = STAGE_WORDS[i % len(STAGE_WORDS)]
        lap = i // len(STAGE_WORDS)
        if lap:
            stages.append((f"{base_id}-{lap + 1}", f"{base_name} (round {lap + 1})"))
        else:
            stages.append((base_id, base_name))
    return stages


def _stages(stages: list[tuple[str, str]], rng: random.Random) -> list[str]:
    out = ["# ---------------------------------------------------------------- stages", ""]
    for sid, name in stages:
        out += ["[[stages]]", f"id = {q(sid)}", f"name = {q(name)}"]
        if rng.random() < 0.8:
            out.append(f"description = {q(f'{name}: ' + rng.choice(EXPERIENCES).lower())}")
        if rng.random() < 0.7:
            out.append(f"goal = {q(rng.choice(EXPECTATIONS))}")
        out.append("")
    return out


def _emotion(rng: random.Random, personas: list[str] | None) -> str | None:
    """An `emotion = ...` value: single (55%), per persona (25%) or absent (20%)."""
    roll = rng.random()
    if roll < 0.55:
        return str(rng.randint(-2, 2))
    if roll < 0.80:
        pool = personas or [p[0] for p in PERSONAS]
        named = [p for p in pool if rng.random() < 0.8]
        if not named:
            return "{}"
        return "{ " + ", ".join(f"{p} = {rng.randint(-2, 2)}" for p in named) + " }"
    return None


def _touchpoint(rng: random.Random, tid: str, stage: str, name: str) -> list[str]:
    out = ["[[touchpoints]]", f"id = {q(tid)}", f"stage = {q(stage)}", f"name = {q(name)}"]
    if rng.random() < 0.9:
        out.append(f"channel = {q(rng.choice(CHANNELS))}")
    personas: list[str] | None = None
    if rng.random() < 0.45:
        personas = rng.sample([p[0] for p in PERSONAS], rng.randint(1, 3))
        out.append(f"personas = {qlist(personas)}")
    if rng.random() < 0.85:
        out.append(f"doing = {q(rng.choice(VERBS) + ' ' + rng.choice(SUBJECTS))}")
    if rng.random() < 0.6:
        out.append(f"thinking = {q(rng.choice(THOUGHTS))}")
    if rng.random() < 0.6:
        out.append(f"feeling = {q(rng.choice(FEELINGS))}")
    if rng.random() < 0.4:
        out.append(f"expectation = {q(rng.choice(EXPECTATIONS))}")
    if rng.random() < 0.4:
        out.append(f"experience = {q(rng.choice(EXPERIENCES))}")
    emotion = _emotion(rng, personas)
    if emotion is not None:
        out.append(f"emotion = {emotion}")
    if rng.random() < 0.03:
        out.append("moment_of_truth = true")
        if rng.random() < 0.7:
            out.append(f"mot_reason = {q('Decides whether the customer trusts us with ' + name)}")
    if rng.random() < 0.35:
        pains = rng.sample(PAINS, rng.randint(1, 3))
        if len(pains) == 3 and rng.random() < 0.5:  # a long list, wrapped by hand
            out += ["pain_points = [", *(f"    {q(p)}," for p in pains), "]"]
        else:
            out.append(f"pain_points = {qlist(pains)}")
    if rng.random() < 0.3:
        out.append(f"opportunities = {qlist(rng.sample(OPPORTUNITIES, rng.randint(1, 2)))}")
    if rng.random() < 0.75:
        out.append(f"owner = {q(rng.choice(OWNERS))}")
    if rng.random() < 0.1:
        out.append(f"backstage = {qlist(rng.sample(BACKSTAGE, 1))}")
    if rng.random() < 0.1:
        out.append(f"support = {qlist(rng.sample(SUPPORT, rng.randint(1, 2)))}")
    if rng.random() < 0.5:
        out.append(f"evidence = {qlist(rng.sample(EVIDENCE, rng.randint(1, 3)))}")
    if rng.random() < 0.7:
        out.append(f"status = {q(rng.choice(('hypothesis', 'verified', 'verified')))}")
    out.append("")
    return out


def _touchpoints(
    rng: random.Random, n: int, stages: list[tuple[str, str]]
) -> tuple[list[str], list[str]]:
    out = [
        "# ---------------------------------------------------------------- touchpoints",
        "# Grouped by stage, in journey order within each stage.",
        "",
    ]
    ids: list[str] = []
    taken: set[str] = set()
    for (sid, _), count in zip(stages, _split(rng, n, len(stages)), strict=True):
        out += [f"# ----- {sid}", ""]
        for _ in range(count):
            name = f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)}"
            if rng.random() < 0.2:
                name += f' "{rng.choice(THOUGHTS)}"'
            base = f"{sid}-{slug(name)}"[:58].rstrip("-")
            tid, k = base, 2
            while tid in taken:
                tid, k = f"{base}-{k}", k + 1
            taken.add(tid)
            ids.append(tid)
            if rng.random() < 0.08:
                out.append(f"# {rng.choice(EVIDENCE)}: {rng.choice(THOUGHTS).lower()}")
            out += _touchpoint(rng, tid, sid, name)
    return out, ids


def _actions(rng: random.Random, count: int, touchpoints: list[str]) -> list[str]:
    if not count:
        return []
    out = ["# ---------------------------------------------------------------- action plan", ""]
    start = dt.date(2026, 12, 1)
    for i in range(count):
        tp = rng.choice(touchpoints)
        title = f"{rng.choice(ACTION_VERBS)} {rng.choice(SUBJECTS)}"
        out += [
            "[[actions]]",
            f"id = {q(f'a{i + 1:05d}-' + slug(title))}",
            f"touchpoint = {q(tp)}",
            f"title = {q(title)}",
        ]
        if rng.random() < 0.8:
            out.append(f"owner = {q(rng.choice(OWNERS))}")
        if rng.random() < 0.8:
            out.append(f"effort = {q(rng.choice(LEVELS))}")
        if rng.random() < 0.8:
            out.append(f"impact = {q(rng.choice(LEVELS))}")
        if rng.random() < 0.15:
            out.append(f"quick_win = {'true' if rng.random() < 0.7 else 'false'}")
        if rng.random() < 0.6:
            out.append(f"due = {(start + dt.timedelta(days=rng.randint(0, 200))).isoformat()}")
        if rng.random() < 0.7:
            out.append(f"state = {q(rng.choice(ACTION_STATES))}")
        out.append("")
    return out


def generate_map(n: int, seed: int = 0) -> str:
    """The TOML text of a valid map with `n` touchpoints; deterministic for `seed`."""
    if n < 0:
        raise ValueError("n must be >= 0")
    rng = random.Random(f"cjm-bench-{n}-{seed}")
    stages = _stage_ids(max(3, round(n / 100)))
    lines = _header(n, seed, len(stages)) + _personas() + _stages(stages, rng)
    tp_lines, tp_ids = _touchpoints(rng, n, stages)
    lines += tp_lines
    lines += _actions(rng, n // 20, tp_ids)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: write a map of N touchpoints to a file (or stdout)."""
    parser = argparse.ArgumentParser(description="Generate a realistic valid journey map.")
    parser.add_argument("n", type=int, metavar="N", help="number of touchpoints")
    parser.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    text = generate_map(args.n, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
