"""The demo H5P activity: a one-question check on phishing emails, placed in a lesson of the demo courses.

The package is built from the project's own content type (h5p.packing, offline) in a temporary
folder, validated and installed as an upload would be. Found by its title: when an activity with
that title exists nothing is written, so a second run changes nothing.
"""

import tempfile
from pathlib import Path

from elearn.sync import CREATED, UNCHANGED

from .models import H5PActivity
from .packing import write_package
from .registry import install_package
from .validation import validate_package

DEMO_ACTIVITY_TITLE = "Luyện tập: nhận diện thư giả mạo"
# The lesson of the course "Nhận diện lừa đảo trực tuyến" about fake emails and websites.
DEMO_LESSON_SLUG = "thu-dien-tu-va-trang-web-gia-mao"
DEMO_INTRO = (
    "Thử sức với một tình huống thường gặp: chọn cách xử lý đúng khi nhận được thư yêu cầu cung cấp mật khẩu. "
    "Đây là bài luyện tập, không tính điểm."
)
DEMO_CONTENT = {
    "question": "Khi nhận được thư điện tử yêu cầu cung cấp mật khẩu, bạn nên làm gì?",
    "options": [
        {"text": "Trả lời thư và gửi mật khẩu để tài khoản không bị khóa.", "correct": False},
        {
            "text": "Không trả lời, không bấm vào liên kết; báo cho bộ phận công nghệ thông tin của cơ quan.",
            "correct": True,
        },
        {"text": "Bấm vào liên kết trong thư để kiểm tra xem thư có thật không.", "correct": False},
    ],
}


def h5p_block(activity, intro):
    """Raw StreamField data of a lesson's H5P block (h5p.blocks.H5PBlock)."""
    return {"type": "h5p", "value": {"activity": activity.pk, "intro": intro}}


def load_demo_h5p():
    """Make the demo activity exist; return ``(lesson_blocks, status)``.

    `lesson_blocks` maps the lesson's slug to its H5P block, for courses.demo.load_demo_courses
    (which puts it in the lesson only when it creates the lesson). h5p.registry.install_package
    moves files into storage: call this outside a larger transaction.
    """
    activity = H5PActivity.objects.filter(title=DEMO_ACTIVITY_TITLE).first()
    status = UNCHANGED
    if activity is None:
        with tempfile.TemporaryDirectory() as folder:
            path = write_package(Path(folder) / "nhan-dien-thu-gia-mao.h5p", DEMO_CONTENT, title=DEMO_ACTIVITY_TITLE)
            package = validate_package(path)
        activity = install_package(package, title=DEMO_ACTIVITY_TITLE).activity
        status = CREATED
    return {DEMO_LESSON_SLUG: [h5p_block(activity, DEMO_INTRO)]}, status
