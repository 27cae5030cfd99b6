"""What the browser tests do the same way: log in, measure sideways overflow."""

from tests.factories import TEST_PASSWORD


def log_in(page, base_url, staff_code):
    page.goto(base_url + "/tai-khoan/dang-nhap/")
    page.get_by_label("Mã cán bộ hoặc email").fill(staff_code)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập", exact=True).click()


def overflow(page):
    """How many pixels the page is wider than the viewport (0 or less: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
