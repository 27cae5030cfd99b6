"""Demo data of accounts: a published privacy notice (accounts.privacy), idempotent."""

from .models import PrivacyNotice

DEMO_NOTICE = """
<p>Trang học tập CNTT cho cán bộ do Ban Tuyên giáo và Dân vận Thành ủy vận hành (bên kiểm soát dữ liệu), theo
Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15.</p>
<h2>Dữ liệu được xử lý</h2>
<ul><li>Họ tên, mã cán bộ, chức vụ, đơn vị công tác, email công vụ (do bộ phận tổ chức cán bộ cung cấp).</li>
<li>Quá trình học tập: ghi danh, tiến độ, bài làm, điểm, kết quả cuộc thi; lịch sử đăng nhập.</li></ul>
<h2>Mục đích</h2>
<p>Bồi dưỡng kiến thức, kỹ năng CNTT; theo dõi, báo cáo kết quả bồi dưỡng của cơ quan, đơn vị.</p>
<h2>Quyền của bạn</h2>
<ul><li>Được biết: thông báo này; mỗi phiên bản bạn đã đồng ý xem lại được ở trang Tài khoản của tôi.</li>
<li>Xem và nhận bản sao: “Tải bản sao dữ liệu cá nhân của tôi” (tệp ZIP gồm JSON và Excel).</li>
<li>Sửa: “Đề nghị sửa thông tin cá nhân”; quản lý đơn vị phản hồi trong 2 ngày làm việc.</li>
<li>Xóa, hạn chế, phản đối: đề nghị với bộ phận tổ chức cán bộ. Dữ liệu của người đã thôi công tác được ẩn danh
hóa sau 24 tháng; kết quả học tập chỉ còn dưới dạng số liệu không gắn với tên.</li></ul>
<h2>Thời gian lưu</h2>
<p>Nhật ký đăng nhập và thao tác lưu 24 tháng; bản sao dữ liệu tải về lưu 7 ngày.</p>
"""


def load_demo_privacy_notice():
    """Publish the demo notice once; later runs leave it (and people's acceptances) alone."""
    notice = PrivacyNotice.objects.order_by("pk").first()
    if notice is not None and notice.live:
        return "unchanged"
    notice = notice or PrivacyNotice(title="Thông báo xử lý dữ liệu cá nhân", body=DEMO_NOTICE.strip(), live=False)
    notice.save()
    notice.save_revision().publish()
    return "published"
