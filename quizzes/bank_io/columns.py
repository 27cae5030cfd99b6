"""The columns of the question bank's spreadsheet and the words accepted in its cells.

Column headers and cell words ("Dễ", "Một đáp án", ...) are the file format, not interface
text: they stay the same whatever language the admin runs in, so a file exported by one
user always imports for another. Matching ignores case, diacritics and punctuation.
"""

from django.utils.translation import gettext_lazy as _

from courses.models import CourseTopic
from elearn.spreadsheets import Column, fold

from ..models.bank import Difficulty, QuestionType, Scoring

LETTERS = "ABCDEF"
SHEET_TITLE = "Câu hỏi"
GUIDE_TITLE = "Hướng dẫn"


COLUMNS = [
    Column(
        "code",
        "Mã câu hỏi",
        _(
            "Không bắt buộc, tối đa 40 ký tự. Mã đã có trong ngân hàng: câu hỏi đó được cập nhật. "
            "Mã mới hoặc để trống: tạo câu hỏi mới."
        ),
        aliases=("Mã",),
    ),
    Column(
        "category",
        "Danh mục",
        _("Bắt buộc. Tên danh mục câu hỏi trong ngân hàng; tên chưa có thì điền thêm cột Chủ đề để tạo danh mục mới."),
        True,
        ("Danh mục câu hỏi",),
    ),
    Column(
        "topic",
        "Chủ đề",
        _("Chỉ cần khi tạo danh mục mới: Pháp luật về CNTT, An toàn thông tin và an ninh mạng, hoặc Kỹ năng số."),
    ),
    Column("difficulty", "Độ khó", _("Dễ, Trung bình hoặc Khó. Để trống: Trung bình.")),
    Column("question_type", "Loại câu hỏi", _("Bắt buộc. Một đáp án, Nhiều đáp án hoặc Đúng/Sai."), True, ("Loại",)),
    Column(
        "scoring",
        "Cách chấm",
        _("Cho câu nhiều đáp án: Đúng hết (chọn đúng tất cả mới có điểm) hoặc Từng phần. Để trống: Đúng hết."),
    ),
    Column("points", "Điểm", _("Số lớn hơn 0, tối đa hai chữ số thập phân (ví dụ 1 hoặc 1,5). Để trống: 1.")),
    Column("stem", "Nội dung câu hỏi", _("Bắt buộc. Mỗi dòng trong ô thành một đoạn."), True, ("Câu hỏi", "Nội dung")),
    *[
        Column(
            f"option_{letter}",
            f"Phương án {letter}",
            _(
                "Phương án A và B bắt buộc; C đến F điền liên tiếp khi cần. "
                "Câu Đúng/Sai để trống A và B thì dùng A = Đúng, B = Sai."
            ),
            letter in "AB",
        )
        for letter in LETTERS
    ],
    Column(
        "key",
        "Đáp án đúng",
        _("Bắt buộc. Chữ cái của phương án đúng, ví dụ B; nhiều đáp án thì cách nhau bằng dấu phẩy, ví dụ A, C."),
        True,
        ("Đáp án",),
    ),
    *[
        Column(
            f"feedback_{letter}",
            f"Phản hồi {letter}",
            _("Không bắt buộc. Phản hồi học viên thấy sau khi nộp bài nếu chọn phương án này."),
        )
        for letter in LETTERS
    ],
    Column("explanation", "Giải thích", _("Không bắt buộc. Giải thích đáp án, hiện khi xem lại bài.")),
    Column("tags", "Thẻ", _("Không bắt buộc. Các thẻ cách nhau bằng dấu phẩy, ví dụ: dữ liệu cá nhân, mật khẩu.")),
]
KEYS = [column.key for column in COLUMNS]
HEADERS = [column.header for column in COLUMNS]
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
MULTILINE_KEYS = {"stem", "explanation"}

DIFFICULTY_WORDS = {Difficulty.EASY: "Dễ", Difficulty.MEDIUM: "Trung bình", Difficulty.HARD: "Khó"}
TYPE_WORDS = {
    QuestionType.SINGLE: "Một đáp án",
    QuestionType.MULTIPLE: "Nhiều đáp án",
    QuestionType.TRUE_FALSE: "Đúng/Sai",
}
SCORING_WORDS = {Scoring.ALL_OR_NOTHING: "Đúng hết", Scoring.PARTIAL: "Từng phần"}
TRUE_FALSE_OPTIONS = ("Đúng", "Sai")


def _lookup(words, *aliases):
    """{folded word: value} from the canonical words, the stored values and extra (value, word) pairs."""
    table = {}
    for value, word in words.items():
        table[fold(word)] = value
        table[fold(value)] = value
    for value, word in aliases:
        table[fold(word)] = value
    return table


HEADER_LOOKUP = {fold(alias): column.key for column in COLUMNS for alias in (column.header, *column.aliases)}
DIFFICULTY_LOOKUP = _lookup(DIFFICULTY_WORDS, (Difficulty.MEDIUM, "TB"), (Difficulty.MEDIUM, "Vừa"))
TYPE_LOOKUP = _lookup(
    TYPE_WORDS,
    (QuestionType.SINGLE, "Một đáp án đúng"),
    (QuestionType.SINGLE, "1 đáp án"),
    (QuestionType.SINGLE, "Chọn một"),
    (QuestionType.SINGLE, "Một lựa chọn"),
    (QuestionType.MULTIPLE, "Nhiều đáp án đúng"),
    (QuestionType.MULTIPLE, "Chọn nhiều"),
    (QuestionType.MULTIPLE, "Nhiều lựa chọn"),
    (QuestionType.TRUE_FALSE, "Đúng hoặc sai"),
    (QuestionType.TRUE_FALSE, "True/False"),
)
SCORING_LOOKUP = _lookup(
    SCORING_WORDS,
    (Scoring.ALL_OR_NOTHING, "Đúng hết mới có điểm"),
    (Scoring.ALL_OR_NOTHING, "Tất cả hoặc không"),
    (Scoring.PARTIAL, "Tính điểm từng phần"),
)


def topic_lookup():
    """Topic labels are lazy translations: build the table when it is used, not at import."""
    return _lookup({value: str(label) for value, label in CourseTopic.choices})


def topic_word(value):
    return str(CourseTopic(value).label) if value in CourseTopic.values else ""


# Rows shown on the guide sheet: one of each question type, one creating a new category.
EXAMPLE_ROWS = [
    {
        "code": "ATTT-001",
        "category": "An ninh mạng cơ bản",
        "topic": "An toàn thông tin và an ninh mạng",
        "difficulty": "Dễ",
        "question_type": "Một đáp án",
        "points": 1,
        "stem": "Mật khẩu nào sau đây mạnh nhất?",
        "option_A": "123456",
        "option_B": "matkhau",
        "option_C": "Mùa@Thu2026!dài",
        "key": "C",
        "feedback_A": "Mật khẩu quá ngắn và dễ đoán.",
        "explanation": "Mật khẩu mạnh dài, có chữ hoa, chữ thường, số và ký tự đặc biệt.",
        "tags": "mật khẩu",
    },
    {
        "code": "ATTT-002",
        "category": "An ninh mạng cơ bản",
        "difficulty": "Trung bình",
        "question_type": "Nhiều đáp án",
        "scoring": "Từng phần",
        "points": 2,
        "stem": "Dấu hiệu nào cho thấy một thư điện tử có thể là thư giả mạo?",
        "option_A": "Người gửi lạ",
        "option_B": "Đòi cung cấp mật khẩu gấp",
        "option_C": "Có chữ ký số hợp lệ của cơ quan",
        "key": "A, B",
        "tags": "thư giả mạo, lừa đảo",
    },
    {
        "code": "KNS-001",
        "category": "Kỹ năng số cơ bản",
        "topic": "Kỹ năng số",
        "difficulty": "Dễ",
        "question_type": "Đúng/Sai",
        "stem": "Nên mở tệp đính kèm từ người gửi không quen biết.",
        "key": "B",
        "explanation": "Để trống phương án của câu Đúng/Sai thì A là Đúng, B là Sai.",
    },
]
