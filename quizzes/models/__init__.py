from .attempts import Attempt, AttemptQuestion, AttemptState, CloseReason
from .bank import Difficulty, Question, QuestionCategory, QuestionOption, QuestionTag, QuestionType, Scoring
from .citizens import Citizen
from .contest import (
    ContestEntry,
    ContestRound,
    Disqualification,
    FlagKind,
    IntegrityFlag,
    OverallEntry,
    OverallRule,
    PrizeTier,
    RoundSnapshot,
    SnapshotLine,
    SnapshotUnitLine,
    UnitPrizeTier,
)
from .pages import ContestPage
from .quiz import GradingMethod, Quiz, QuizDrawRule, QuizQuestion, ReviewWhen, SelectionMode

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "AttemptState",
    "Citizen",
    "CloseReason",
    "ContestEntry",
    "ContestPage",
    "ContestRound",
    "Disqualification",
    "FlagKind",
    "IntegrityFlag",
    "OverallEntry",
    "OverallRule",
    "PrizeTier",
    "RoundSnapshot",
    "SnapshotLine",
    "SnapshotUnitLine",
    "UnitPrizeTier",
    "Difficulty",
    "GradingMethod",
    "Question",
    "QuestionCategory",
    "QuestionOption",
    "QuestionTag",
    "QuestionType",
    "Quiz",
    "QuizDrawRule",
    "QuizQuestion",
    "ReviewWhen",
    "Scoring",
    "SelectionMode",
]
