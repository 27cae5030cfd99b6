import pytest

from courses.models import CourseIndexPage, CoursePage, LessonPage, LessonRule
from tests.factories import CadreFactory, make_unit, publish
from units.models import UnitKind


def body(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def catalogue(home_page):
    return publish(home_page, CourseIndexPage(title="Khóa học", slug="khoa-hoc"))


@pytest.fixture
def course(catalogue):
    """A course with one lesson per completion rule and one optional lesson."""
    course = publish(catalogue, CoursePage(title="An ninh mạng cho cán bộ", slug="an-ninh-mang", topic="security",
                                           summary="Kiến thức cơ bản về an ninh mạng."))
    publish(course, LessonPage(title="Mật khẩu mạnh", slug="mat-khau", body=body("Dùng mật khẩu dài."),
                               completion_rule=LessonRule.MANUAL))
    publish(course, LessonPage(title="Thư điện tử giả mạo", slug="thu-gia-mao", body=body("Kiểm tra người gửi."),
                               completion_rule=LessonRule.MIN_TIME, min_view_seconds=120))
    publish(course, LessonPage(title="Bài kiểm tra cuối khóa", slug="kiem-tra", body=body("Làm bài kiểm tra."),
                               completion_rule=LessonRule.ACTIVITY))
    publish(course, LessonPage(title="Đọc thêm", slug="doc-them", body=body("Tài liệu tham khảo."), required=False))
    return course


@pytest.fixture
def lessons(course):
    return {lesson.slug: lesson for lesson in course.lessons()}


@pytest.fixture
def ward(db):
    province = make_unit("31", "Thành phố Hải Phòng", kind=UnitKind.PROVINCE)
    return make_unit("11311", "Phường Hồng Bàng", province, UnitKind.WARD)


@pytest.fixture
def learner(ward):
    return CadreFactory(staff_code="HP000001", full_name="Nguyễn Văn An", unit=ward).user


@pytest.fixture
def other_learner(ward):
    return CadreFactory(staff_code="HP000002", full_name="Trần Thị Bình", unit=ward).user
