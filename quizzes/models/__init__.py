from .attempts import Attempt, AttemptQuestion, AttemptState, CloseReason
from .bank import Difficulty, Question, QuestionCategory, QuestionOption, QuestionTag, QuestionType, Scoring
from .contest import (
    ContestEntry,
    ContestRound,
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
    "CloseReason",
    "ContestEntry",
    "ContestPage",
    "ContestRound",
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
