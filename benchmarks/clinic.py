"""The clinic map a new consultant drafts in a workshop: what `bench_drafting.py` types.

Three personas, six stages, twenty touchpoints with what the patient does, thinks and feels,
expects and gets, one emotion per persona, four moments of truth with their reasons, and five
actions. The text is ordinary workshop wording, as long as a room says it.
"""

from __future__ import annotations

from dataclasses import dataclass

PERSONAS = [
    ("Anna, 34, public insurance", "anna"),
    ("Marek, 52, private plan", "marek"),
    ("Halina, 78, with her daughter", "halina"),
]

STAGES = [
    ("Book", "book"),
    ("Arrive", "arrive"),
    ("Register", "register"),
    ("Visit", "visit"),
    ("Pay", "pay"),
    ("After", "after"),
]


@dataclass(frozen=True)
class Step:
    name: str
    channel: str
    stage: str
    doing: str
    thinking: str
    feeling: str
    expectation: str
    experience: str
    emotions: tuple[int, int, int]
    mot_reason: str = ""


STEPS = [
    Step(
        "Phone line",
        "phone",
        "book",
        "Calls at 8:00",
        "Will anyone answer",
        "tense",
        "Answer in a minute",
        "Waits 14 minutes",
        (-2, -1, -2),
        "Patients who wait over 10 minutes book elsewhere",
    ),
    Step(
        "Online booking",
        "web",
        "book",
        "Books on the phone",
        "Is this slot real",
        "hopeful",
        "Free slots this week",
        "Next slot in three weeks",
        (-1, 1, 0),
    ),
    Step(
        "SMS reminder",
        "sms",
        "book",
        "Reads the reminder",
        "Good, I will not forget",
        "relieved",
        "A reminder the day before",
        "Arrives two days before",
        (1, 1, 1),
    ),
    Step(
        "Car park",
        "car park",
        "arrive",
        "Circles the car park",
        "Where do I leave the car",
        "annoyed",
        "A free space near the door",
        "Full, paid street parking",
        (-1, -2, -2),
    ),
    Step(
        "Entrance",
        "building",
        "arrive",
        "Looks for the door",
        "Which entrance is it",
        "lost",
        "A clear sign",
        "Two doors, no sign",
        (0, -1, -2),
    ),
    Step(
        "Smell in the hall",
        "building",
        "arrive",
        "Walks in",
        "Smells clean",
        "calm",
        "A clean hall",
        "Fresh and bright",
        (1, 1, 1),
    ),
    Step(
        "Reception queue",
        "desk",
        "register",
        "Queues at the desk",
        "Why only one window",
        "impatient",
        "Five minutes",
        "Twenty minutes standing",
        (-2, -1, -2),
        "The first face of the clinic decides the visit",
    ),
    Step(
        "ID and forms",
        "desk",
        "register",
        "Fills in a paper form",
        "I gave this online",
        "irritated",
        "Data taken from the booking",
        "The same data on paper again",
        (-1, -1, -1),
    ),
    Step(
        "Waiting room",
        "building",
        "register",
        "Waits on a hard chair",
        "How long now",
        "bored",
        "A screen with the queue",
        "No idea when",
        (-1, 0, -1),
    ),
    Step(
        "Doctor greets",
        "person",
        "visit",
        "Shakes hands",
        "She knows my history",
        "trusted",
        "A doctor who read the file",
        "Knows the last results",
        (2, 2, 1),
    ),
    Step(
        "Examination",
        "person",
        "visit",
        "Is examined",
        "Is it serious",
        "anxious",
        "Explained step by step",
        "Explained clearly",
        (1, 1, 0),
    ),
    Step(
        "Diagnosis talk",
        "person",
        "visit",
        "Listens to the diagnosis",
        "What do I do now",
        "worried",
        "Plain words and a plan",
        "A printed plan",
        (1, 2, -1),
        "Understanding the plan decides whether they follow it",
    ),
    Step(
        "Referral",
        "paper",
        "visit",
        "Gets a referral",
        "Where do I take it",
        "unsure",
        "Booked for me",
        "Has to book it alone",
        (-1, -1, -2),
    ),
    Step(
        "Payment desk",
        "desk",
        "pay",
        "Pays at the desk",
        "Why another queue",
        "tired",
        "Pay in the room",
        "A second queue to pay",
        (-1, -2, -1),
    ),
    Step(
        "Card terminal",
        "desk",
        "pay",
        "Pays by card",
        "Finally done",
        "relieved",
        "Contactless",
        "Works first time",
        (1, 1, 0),
    ),
    Step(
        "E-prescription",
        "sms",
        "pay",
        "Receives a code",
        "Which pharmacy",
        "calm",
        "A code by SMS",
        "Arrives at once",
        (2, 1, 0),
    ),
    Step(
        "Results online",
        "web",
        "after",
        "Logs into the portal",
        "Where are my results",
        "confused",
        "Results in two days",
        "Results after a week",
        (-1, 0, -2),
        "Waiting for results without news makes them call a competitor",
    ),
    Step(
        "Follow-up call",
        "phone",
        "after",
        "Gets a call",
        "They remember me",
        "valued",
        "No call expected",
        "A nurse calls",
        (2, 2, 2),
    ),
    Step(
        "Invoice by email",
        "email",
        "after",
        "Downloads the invoice",
        "Is the tax ID right",
        "neutral",
        "Invoice with tax ID",
        "Missing tax ID",
        (0, -2, 0),
    ),
    Step(
        "Review request",
        "email",
        "after",
        "Reads the survey mail",
        "Too long",
        "indifferent",
        "Two questions",
        "Twenty questions",
        (-1, -1, 0),
    ),
]

ACTIONS = [
    ("Call-back instead of waiting on the line", "phone-line"),
    ("Signs from the car park to the entrance", "entrance"),
    ("Second reception window in the morning", "reception-queue"),
    ("Book the referral before the patient leaves", "referral"),
    ("Results notification by SMS", "results-online"),
]
