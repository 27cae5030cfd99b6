"""Demo content of the home page and the news section (tin tức, tuyên truyền).

Plain data; pages are built from it by home.demo. Body blocks use the short notation of
elearn.publishing.stream. Laws are named only generically: their numbers and years change.
"""

# ruff: noqa: E501

import datetime

HOME = {
    "hero_title": "Nâng cao kỹ năng số, sử dụng công nghệ thông tin an toàn",
    "hero_text": (
        "Nền tảng học tập trực tuyến về pháp luật công nghệ thông tin, an toàn thông tin và kỹ năng số "
        "dành cho cán bộ, công chức, viên chức thành phố Hải Phòng. Học mọi lúc, trên máy tính hoặc điện thoại."
    ),
    "hero_cta_text": "Xem các khóa học",
    "news_count": 3,
}

NEWS_INDEX = {
    "slug": "tin-tuc",
    "title": "Tin tức - Tuyên truyền",
    "intro": "<p>Tin tức, cảnh báo và hướng dẫn về an toàn thông tin, chuyển đổi số dành cho cán bộ, công chức, viên chức.</p>",
}

ARTICLES = [
    {
        "slug": "nhan-dien-lua-dao-gia-danh-co-quan-nha-nuoc",
        "title": "Nhận diện tin nhắn, cuộc gọi lừa đảo giả danh cơ quan nhà nước",
        "date": datetime.date(2026, 10, 6),
        "intro": "Kẻ gian giả danh công an, cơ quan thuế, bảo hiểm xã hội hay điện lực để chiếm đoạt tiền và thông tin cá nhân. Năm dấu hiệu dưới đây giúp nhận ra chúng trước khi quá muộn.",
        "body": [
            (
                "p",
                "Các đối tượng lừa đảo liên tục thay đổi kịch bản nhưng đều dựa vào một điểm chung: mạo danh cơ quan nhà nước để vừa tạo lòng tin, vừa gây áp lực. Nạn nhân nhận cuộc gọi, tin nhắn SMS, tin nhắn Zalo hoặc thư điện tử thông báo mình “liên quan đến vụ án”, “nợ thuế”, “cần cập nhật thông tin định danh điện tử”, “sắp bị cắt điện”… kèm yêu cầu cài ứng dụng, bấm vào đường link hoặc chuyển tiền.",
            ),
            ("h2", "Những kịch bản thường gặp"),
            (
                "ul",
                [
                    "Giả danh công an gọi điện thông báo người nghe có liên quan đến một vụ án, yêu cầu chuyển tiền vào “tài khoản tạm giữ để xác minh” hoặc kết bạn Zalo để “làm việc trực tuyến”.",
                    "Giả danh cán bộ thuế, bảo hiểm xã hội hướng dẫn cài ứng dụng “dịch vụ công” giả mạo từ một đường link (tệp .apk), sau đó chiếm quyền điều khiển điện thoại và rút tiền từ tài khoản ngân hàng.",
                    "Gọi điện mời “hỗ trợ kích hoạt, nâng cấp tài khoản định danh điện tử”, đề nghị đọc mã OTP hoặc gửi ảnh căn cước và ảnh khuôn mặt.",
                    "Giả danh nhân viên điện lực, nhà mạng thông báo cắt điện, khóa thuê bao nếu không thanh toán ngay vào một tài khoản cá nhân.",
                    "Tin nhắn SMS mang tên ngân hàng, cơ quan nhưng chứa đường link lạ; có tin được phát từ trạm phát sóng giả nên hiển thị chung luồng với tin nhắn thật.",
                ],
            ),
            ("h2", "Năm dấu hiệu nhận biết"),
            (
                "ol",
                [
                    "<b>Tạo áp lực thời gian:</b> yêu cầu làm ngay, đe dọa xử lý, phạt tiền, khóa tài khoản.",
                    "<b>Làm việc qua điện thoại, mạng xã hội:</b> cơ quan nhà nước không giải quyết vụ việc, không lấy lời khai qua Zalo, Facebook hay cuộc gọi video.",
                    "<b>Yêu cầu chuyển tiền</b> vào tài khoản cá nhân hoặc “tài khoản tạm giữ”.",
                    "<b>Đề nghị cung cấp mã OTP, mật khẩu</b>, ảnh chụp hai mặt căn cước, ảnh khuôn mặt.",
                    "<b>Gửi đường link, tệp cài đặt ứng dụng</b> ngoài kho ứng dụng chính thức.",
                ],
            ),
            (
                "warning",
                "Nguyên tắc cần nhớ",
                "Không chuyển tiền, không cung cấp mã OTP, không cài ứng dụng theo hướng dẫn của người lạ qua điện thoại. Khi nghi ngờ, hãy dập máy và gọi lại số điện thoại chính thức của cơ quan đó (tra trên cổng thông tin điện tử của cơ quan) hoặc đến trực tiếp trụ sở để xác minh.",
            ),
            ("h2", "Nếu lỡ làm theo kẻ gian"),
            (
                "p",
                "Hãy hành động ngay, vì mỗi phút đều quan trọng: gọi tổng đài ngân hàng để khóa tài khoản, thẻ và dịch vụ ngân hàng điện tử; đổi mật khẩu các tài khoản quan trọng từ một thiết bị khác; ngắt kết nối mạng và gỡ ứng dụng lạ trên điện thoại (nhờ bộ phận công nghệ thông tin hỗ trợ nếu cần); lưu lại số điện thoại, tin nhắn, đường link, biên lai chuyển tiền và trình báo cơ quan công an nơi gần nhất.",
            ),
            (
                "p",
                "Cán bộ, công chức hãy chia sẻ những dấu hiệu này với người thân, nhất là người cao tuổi, những người thường là mục tiêu của các kịch bản giả danh cơ quan nhà nước.",
            ),
        ],
    },
    {
        "slug": "bao-ve-du-lieu-ca-nhan-tren-mang-xa-hoi",
        "title": "Bảo vệ dữ liệu cá nhân khi sử dụng mạng xã hội",
        "date": datetime.date(2026, 10, 20),
        "intro": "Mỗi bức ảnh, mỗi lần “check-in” hay điền khảo sát trên mạng xã hội đều có thể để lộ thông tin cá nhân. Vài thói quen đơn giản giúp cán bộ, công chức bảo vệ mình, gia đình và cơ quan.",
        "body": [
            (
                "p",
                "Họ tên, ngày sinh, số căn cước, số điện thoại, địa chỉ, ảnh khuôn mặt, thông tin gia đình hay nơi công tác là “nguyên liệu” để kẻ gian giả mạo danh tính, lừa đảo người thân hoặc tấn công có chủ đích vào cơ quan. Pháp luật về bảo vệ dữ liệu cá nhân đặt trách nhiệm cho tổ chức, cá nhân xử lý dữ liệu, nhưng lớp bảo vệ đầu tiên vẫn là chính mỗi người.",
            ),
            ("h2", "Chia sẻ ít hơn, kiểm soát nhiều hơn"),
            (
                "ul",
                [
                    "Không đăng ảnh căn cước, giấy tờ tùy thân, vé máy bay, thẻ ngân hàng, văn bản có số hiệu hoặc thông tin nội bộ của cơ quan.",
                    "Cân nhắc trước khi “check-in” vị trí theo thời gian thực hay đăng lịch trình đi công tác, nghỉ phép.",
                    "Hạn chế công khai ngày sinh, số điện thoại, danh sách bạn bè và thông tin người thân; đặt chế độ “Bạn bè” hoặc “Chỉ mình tôi” cho các thông tin này.",
                    "Thận trọng với các trò chơi, khảo sát kiểu “xem bạn giống ai”: chúng thường đòi quyền truy cập hồ sơ để thu thập dữ liệu.",
                ],
            ),
            ("h2", "Rà soát cài đặt quyền riêng tư định kỳ"),
            (
                "p",
                "Mỗi quý một lần, hãy mở phần cài đặt quyền riêng tư của tài khoản mạng xã hội để kiểm tra: ai xem được bài viết và ảnh cũ; ai tìm được mình qua số điện thoại, email; những ứng dụng, trang web nào đang liên kết với tài khoản. Gỡ bỏ các ứng dụng không còn dùng, bật xác thực hai lớp, xem danh sách thiết bị đang đăng nhập và đăng xuất khỏi thiết bị lạ.",
            ),
            (
                "note",
                "Với thông tin công việc",
                "Không dùng nhóm chat trên mạng xã hội để trao đổi, gửi văn bản có nội dung mật hoặc thông tin nội bộ chưa được phép công khai. Thông tin công việc cần được trao đổi qua hệ thống thư điện tử công vụ và các hệ thống thông tin của cơ quan.",
            ),
            ("h2", "Khi bị giả mạo tài khoản"),
            (
                "p",
                "Nếu có người lập tài khoản mang tên, ảnh của mình để vay tiền hay lừa bạn bè: báo ngay cho người thân, đồng nghiệp qua một kênh khác; dùng chức năng báo cáo tài khoản giả mạo của nền tảng; lưu lại bằng chứng và trình báo cơ quan công an nếu đã có thiệt hại. Khi nhận tin nhắn vay tiền, hãy gọi điện xác minh trước khi chuyển khoản; kẻ gian có thể dùng công nghệ giả mạo khuôn mặt, giọng nói (deepfake), vì vậy hãy hỏi những chi tiết mà chỉ người thật mới biết.",
            ),
            (
                "quote",
                "Thông tin đã đưa lên mạng thì rất khó thu hồi. Hãy nghĩ trước khi chia sẻ.",
                "Khuyến cáo an toàn thông tin",
            ),
        ],
    },
    {
        "slug": "an-toan-khi-dung-wi-fi-cong-cong",
        "title": "An toàn khi sử dụng Wi-Fi công cộng",
        "date": datetime.date(2026, 11, 3),
        "intro": "Wi-Fi miễn phí ở quán cà phê, sân bay, khách sạn rất tiện lợi nhưng cũng là nơi kẻ gian dễ nghe lén và đánh cắp thông tin. Hãy dùng đúng cách, nhất là khi làm việc ngoài cơ quan.",
        "body": [
            (
                "p",
                "Trên mạng Wi-Fi công cộng, bạn dùng chung đường truyền với nhiều người lạ. Kẻ gian có thể dựng một điểm phát Wi-Fi trùng hoặc gần giống tên của quán, khách sạn để dữ liệu của người kết nối đi qua thiết bị của chúng, rồi chuyển hướng người dùng đến trang đăng nhập giả.",
            ),
            ("h2", "Trước khi kết nối"),
            (
                "ul",
                [
                    "Hỏi nhân viên tên mạng và mật khẩu chính xác; không kết nối vào mạng lạ chỉ vì mạng đó không đặt mật khẩu.",
                    "Tắt chế độ tự động kết nối Wi-Fi và tắt chia sẻ tệp, máy in trên máy tính xách tay.",
                    "Cập nhật hệ điều hành, trình duyệt và phần mềm phòng chống mã độc.",
                ],
            ),
            ("h2", "Trong khi sử dụng"),
            (
                "ul",
                [
                    "Chỉ nhập mật khẩu trên trang có địa chỉ bắt đầu bằng https:// và đúng tên miền; nếu trình duyệt cảnh báo chứng chỉ không hợp lệ, dừng lại ngay.",
                    "Không đăng nhập ngân hàng điện tử, hệ thống quản lý văn bản hay thư điện tử công vụ qua Wi-Fi công cộng nếu không có mạng riêng ảo (VPN) do cơ quan cung cấp.",
                    "Khi cần xử lý việc quan trọng, ưu tiên dùng dữ liệu di động của chính điện thoại, hoặc phát Wi-Fi từ điện thoại của mình với mật khẩu mạnh.",
                ],
            ),
            (
                "warning",
                "Không bao giờ",
                "Không soạn thảo, lưu giữ tài liệu có nội dung bí mật nhà nước trên máy tính, thiết bị đã hoặc đang kết nối Internet, dù là mạng công cộng hay mạng ở nhà.",
            ),
            ("h2", "Sau khi sử dụng"),
            (
                "p",
                "Ngắt kết nối và chọn “Quên mạng này” để thiết bị không tự kết nối lại lần sau. Nếu lỡ đăng nhập tài khoản quan trọng trên mạng không tin cậy, hãy đổi mật khẩu khi đã về mạng an toàn và kiểm tra lịch sử đăng nhập của tài khoản.",
            ),
        ],
    },
    {
        "slug": "xac-thuc-hai-lop-cho-tai-khoan-cong-vu",
        "title": "Bật xác thực hai lớp cho tài khoản công vụ",
        "date": datetime.date(2026, 11, 17),
        "intro": "Mật khẩu dù mạnh vẫn có thể bị lộ qua trang web giả mạo hoặc mã độc. Xác thực hai lớp thêm một lớp khóa nữa, để kẻ gian không thể đăng nhập chỉ với mật khẩu đánh cắp được.",
        "body": [
            (
                "p",
                "Xác thực hai lớp (còn gọi là xác thực đa yếu tố) yêu cầu, ngoài mật khẩu là thứ bạn biết, thêm một yếu tố là thứ bạn có: mã dùng một lần (OTP) từ ứng dụng xác thực trên điện thoại, tin nhắn SMS, khóa bảo mật hoặc thông báo xác nhận đăng nhập. Kẻ gian lấy được mật khẩu nhưng không có điện thoại, khóa của bạn thì vẫn không vào được tài khoản.",
            ),
            ("h2", "Nên bật ở đâu"),
            (
                "ul",
                [
                    "Thư điện tử công vụ và thư điện tử cá nhân, nhất là hộp thư dùng để khôi phục các tài khoản khác.",
                    "Tài khoản mạng xã hội, ứng dụng nhắn tin.",
                    "Các hệ thống thông tin của cơ quan có hỗ trợ: quản lý văn bản, một cửa điện tử, phần mềm chuyên ngành.",
                    "Tài khoản quản trị trang thông tin điện tử, máy chủ, thiết bị mạng: với người quản trị, đây là yêu cầu bắt buộc.",
                ],
            ),
            ("h2", "Chọn phương thức nào"),
            (
                "p",
                "Ứng dụng xác thực (tạo mã 6 chữ số thay đổi sau mỗi 30 giây) an toàn hơn mã OTP qua SMS, vì tin nhắn có thể bị chặn bắt hoặc bị chiếm qua thủ đoạn làm lại SIM. Khóa bảo mật vật lý và khóa truy cập (passkey) là lựa chọn mạnh nhất, chống được cả trang đăng nhập giả mạo. Dù dùng phương thức nào, hãy cất giữ các mã khôi phục dự phòng ở nơi an toàn để không bị khóa ngoài tài khoản khi mất điện thoại.",
            ),
            (
                "warning",
                "Mã OTP là chìa khóa của bạn",
                "Không đọc, không gửi mã OTP, mã xác thực cho bất kỳ ai, kể cả người xưng là cán bộ công nghệ thông tin, nhân viên ngân hàng hay công an. Nếu nhận được mã hoặc yêu cầu xác nhận đăng nhập mà mình không thực hiện, hãy từ chối và đổi mật khẩu ngay: mật khẩu của bạn có thể đã bị lộ.",
            ),
            ("h2", "Thiết lập trong năm phút"),
            (
                "ol",
                [
                    "Mở phần “Bảo mật” hoặc “Đăng nhập và bảo mật” trong cài đặt tài khoản.",
                    "Chọn “Xác thực hai lớp” (có nơi gọi là “Xác minh 2 bước”) và phương thức xác thực.",
                    "Với ứng dụng xác thực: quét mã QR hiển thị trên màn hình, nhập mã 6 chữ số để xác nhận.",
                    "Lưu các mã khôi phục dự phòng: in ra hoặc chép vào sổ và cất giữ cẩn thận.",
                    "Đăng xuất, đăng nhập lại để kiểm tra.",
                ],
            ),
        ],
    },
]

# A news draft the editor sent for review: the moderator's start page has something waiting on day one.
REVIEW_DRAFT = {
    "slug": "canh-giac-cuoc-goi-mao-danh-co-quan-nha-nuoc",
    "title": "Cảnh giác với cuộc gọi mạo danh cơ quan nhà nước",
    "intro": "Kẻ gian gọi điện xưng là cán bộ cơ quan nhà nước, yêu cầu cài ứng dụng hoặc chuyển tiền: cách nhận biết và xử lý.",
    "body": [
        (
            "p",
            'Thời gian gần đây, nhiều người nhận được cuộc gọi xưng là cán bộ cơ quan nhà nước, thông báo hồ sơ có sai sót và yêu cầu cài đặt ứng dụng lạ, cung cấp mã OTP hoặc chuyển tiền để "xác minh". Cơ quan nhà nước không làm việc qua điện thoại theo cách đó.',
        ),
        ("h2", "Khi nhận cuộc gọi đáng ngờ"),
        (
            "p",
            "Không cài ứng dụng theo đường liên kết được gửi đến, không đọc mã OTP cho bất kỳ ai, không chuyển tiền. Gác máy, tự tra số điện thoại chính thức của cơ quan để hỏi lại, và báo cho bộ phận công nghệ thông tin của đơn vị.",
        ),
    ],
}

# "Hướng dẫn sử dụng": one guide per role, with screenshots of the product (demo/screenshots/, taken by
# `manage.py take_screenshots`). ("shot", file, caption) puts a screenshot in the guide.
HELP_INDEX = {
    "slug": "huong-dan",
    "title": "Hướng dẫn sử dụng",
    "intro": "Hướng dẫn từng bước cho học viên, biên tập viên, kiểm duyệt viên, quản lý đơn vị và quản trị viên.",
}
GUIDES = [
    {
        "slug": "hoc-vien",
        "audience": "learner",
        "title": "Hướng dẫn cho học viên",
        "intro": "Đăng nhập lần đầu, học một khóa học, làm bài kiểm tra và xem chứng nhận của mình.",
        "body": [
            ("h2", "Đăng nhập lần đầu"),
            (
                "ol",
                [
                    "Mở trang học tập, bấm <b>Đăng nhập</b> ở đầu trang.",
                    "Nhập <b>mã cán bộ</b> (hoặc email công vụ) và mật khẩu. Nếu chưa có mật khẩu, dùng mã kích hoạt trên phiếu đơn vị phát cho bạn để đặt mật khẩu lần đầu.",
                    "Đọc <b>Thông báo xử lý dữ liệu cá nhân</b> và bấm <b>Tôi đã đọc và đồng ý</b> để bắt đầu học.",
                ],
            ),
            ("shot", "learner-home.jpg", "Trang chủ trên điện thoại: khóa học nổi bật, tin tức và ô tìm kiếm."),
            ("h2", "Học một khóa học"),
            (
                "p",
                "Vào <b>Khóa học</b>, chọn khóa học rồi bấm <b>Bắt đầu học</b>. Mỗi bài học hiện nội dung, video, hoạt động tương tác và bài kiểm tra. Khi học xong một bài, bấm <b>Đánh dấu đã học xong</b> (hoặc làm đạt bài kiểm tra, tùy điều kiện của bài). Tiến độ được lưu ngay, bạn có thể học tiếp trên máy khác.",
            ),
            ("shot", "learner-course.jpg", "Trang khóa học: mục tiêu, danh sách bài học và tiến độ của bạn."),
            ("h2", "Làm bài kiểm tra"),
            (
                "ul",
                [
                    "Đọc kỹ thời gian làm bài và số lần được làm trước khi bấm <b>Bắt đầu</b>.",
                    "Câu trả lời được lưu tự động khi bạn chọn; mất mạng giữa chừng thì mở lại trang để làm tiếp.",
                    "Bấm <b>Nộp bài</b> khi xong; kết quả và đáp án (nếu bài cho xem) hiện ngay sau khi nộp.",
                ],
            ),
            ("h2", "Khóa học của tôi và chứng nhận"),
            (
                "p",
                "Trang <b>Khóa học của tôi</b> liệt kê khóa học bắt buộc cùng hạn hoàn thành, khóa học đang học và đã hoàn thành. Khóa học có cấp chứng nhận thì chứng nhận hiện ở <b>Chứng nhận của tôi</b>, tải về được bản PDF có mã kiểm tra.",
            ),
            ("shot", "learner-my-courses.jpg", "Khóa học của tôi: khóa bắt buộc, hạn hoàn thành và tiến độ."),
        ],
    },
    {
        "slug": "bien-tap-vien",
        "audience": "editor",
        "title": "Hướng dẫn cho biên tập viên",
        "intro": "Soạn khóa học, bài học, tin bài và ngân hàng câu hỏi trong trang quản trị, rồi gửi duyệt.",
        "body": [
            ("h2", "Đăng nhập và xác thực hai bước"),
            (
                "p",
                "Tài khoản có quyền quản trị phải bật xác thực hai bước ở lần đăng nhập đầu: cài một ứng dụng xác thực trên điện thoại, quét mã QR và nhập mã 6 chữ số. Hãy lưu các mã khôi phục ở nơi an toàn để dùng khi mất điện thoại.",
            ),
            ("shot", "staff-two-factor.jpg", "Bật xác thực hai bước ở lần đăng nhập đầu."),
            ("h2", "Trang tổng quan của biên tập viên"),
            (
                "ul",
                [
                    "<b>Bản nháp của tôi</b>: những trang bạn đã sửa nhưng chưa xuất bản.",
                    "<b>Trang của tôi đang chờ duyệt</b>: trang bạn đã gửi duyệt, đang ở bước duyệt nào.",
                    "<b>Mới xuất bản</b>: những trang vừa được xuất bản trên trang học tập.",
                    "<b>Khóa học trích dẫn văn bản pháp luật đã bị thay thế</b>: khóa học cần cập nhật vì luật, nghị định mà khóa học dẫn chiếu đã hết hiệu lực.",
                ],
            ),
            ("shot", "editor-start.jpg", "Trang tổng quan của biên tập viên."),
            ("h2", "Soạn và gửi duyệt một trang"),
            (
                "ol",
                [
                    "Vào <b>Trang</b>, mở mục cần thêm (ví dụ Khóa học), bấm <b>Thêm trang con</b> và chọn loại trang.",
                    "Nhập tiêu đề: đường dẫn (slug) tự tạo không dấu, ví dụ “an-toan-thong-tin”.",
                    "Thêm nội dung bằng các khối: đoạn văn, tiêu đề, ảnh, video, hoạt động H5P, bài kiểm tra.",
                    "Bấm <b>Lưu bản nháp</b> để lưu, <b>Xem trước</b> để xem như học viên, rồi <b>Gửi duyệt</b>. Kiểm duyệt viên phê duyệt thì trang được xuất bản.",
                ],
            ),
            ("shot", "editor-pages.jpg", "Trình duyệt trang: các mục của trang học tập."),
            ("h2", "Ngân hàng câu hỏi"),
            (
                "p",
                "Câu hỏi nằm ở <b>Kiểm tra và thi › Câu hỏi</b>, xếp theo chủ đề. Có thể thêm từng câu hoặc nhập cả ngân hàng từ tệp Excel theo mẫu; bài kiểm tra rút câu hỏi ngẫu nhiên từ các chủ đề đã chọn.",
            ),
            ("shot", "editor-questions.jpg", "Ngân hàng câu hỏi với bộ lọc theo chủ đề và loại câu hỏi."),
            ("h2", "Văn bản pháp luật"),
            (
                "p",
                "Ở <b>Mục dùng chung › Văn bản pháp luật</b>, khai báo các luật, nghị định mà khóa học dẫn chiếu và ngày hết hiệu lực khi có văn bản thay thế. Trong khóa học, chọn các văn bản được trích dẫn ở mục <b>Văn bản pháp luật được trích dẫn</b>.",
            ),
        ],
    },
    {
        "slug": "kiem-duyet-vien",
        "audience": "moderator",
        "title": "Hướng dẫn cho kiểm duyệt viên",
        "intro": "Duyệt nội dung biên tập viên gửi lên: xem, yêu cầu chỉnh sửa hoặc phê duyệt và xuất bản.",
        "body": [
            ("h2", "Nội dung chờ tôi duyệt"),
            (
                "p",
                "Trang tổng quan liệt kê mọi nội dung đang chờ bạn duyệt, người gửi và <b>đã chờ bao lâu</b>. Nên duyệt nội dung chờ lâu nhất trước.",
            ),
            (
                "shot",
                "moderator-start.jpg",
                "Trang tổng quan của kiểm duyệt viên: nội dung chờ duyệt và thời gian chờ.",
            ),
            ("h2", "Duyệt một trang"),
            (
                "ol",
                [
                    "Bấm vào tiêu đề để mở trang, dùng <b>Xem trước</b> để xem như học viên.",
                    "Nếu cần sửa, chọn <b>Yêu cầu chỉnh sửa</b> và ghi rõ điều cần sửa: biên tập viên nhận thông báo.",
                    "Nếu đạt, chọn <b>Phê duyệt và xuất bản</b>: trang hiện ngay trên trang học tập.",
                ],
            ),
            (
                "tip",
                "Kiểm tra trước khi phê duyệt",
                "Tên luật, số hiệu văn bản và năm ban hành phải chính xác; ảnh có mô tả cho người khiếm thị; video và tài liệu mở được khi không có Internet.",
            ),
        ],
    },
    {
        "slug": "quan-ly-don-vi",
        "audience": "manager",
        "title": "Hướng dẫn cho quản lý đơn vị",
        "intro": "Theo dõi việc học của cán bộ trong đơn vị và các đơn vị cấp dưới, xuất báo cáo Excel.",
        "body": [
            ("h2", "Trang tổng quan của quản lý"),
            (
                "p",
                "Sau khi đăng nhập, trang tổng quan hiện <b>tỷ lệ hoàn thành khóa học bắt buộc</b> của đơn vị bạn quản lý (gồm mọi đơn vị cấp dưới), <b>số lượt quá hạn</b>, <b>năm đơn vị cấp dưới có tỷ lệ thấp nhất</b> và đường dẫn tới từng báo cáo. Bạn chỉ thấy số liệu trong phạm vi đơn vị mình.",
            ),
            ("shot", "manager-start.jpg", "Trang tổng quan của quản lý đơn vị."),
            ("h2", "Báo cáo tổng hợp và danh sách cán bộ"),
            (
                "ul",
                [
                    "<b>Tổng hợp theo đơn vị</b>: mỗi đơn vị cấp dưới một dòng; bấm tên đơn vị để xem sâu hơn.",
                    "<b>Theo đối tượng</b>: lãnh đạo quản lý, công chức, viên chức, cán bộ cấp xã.",
                    "<b>Danh sách cán bộ theo khóa học</b>: ai đã hoàn thành, đang học, chưa bắt đầu, quá hạn.",
                    "Mọi báo cáo đều có nút <b>Xuất Excel</b>; báo cáo lớn được tạo nền và báo khi xong.",
                ],
            ),
            ("shot", "manager-report.jpg", "Báo cáo tổng hợp theo đơn vị với bộ lọc và nút xuất Excel."),
        ],
    },
    {
        "slug": "quan-tri-vien",
        "audience": "administrator",
        "title": "Hướng dẫn cho quản trị viên",
        "intro": "Nhập danh sách cán bộ, cấp tài khoản, phân quyền và theo dõi tình trạng hệ thống.",
        "body": [
            ("h2", "Tình trạng hệ thống"),
            (
                "p",
                "Trang tổng quan của quản trị viên cho biết worker xử lý nền và lịch chạy định kỳ có hoạt động không, số tác vụ đang chờ, tác vụ định kỳ gần nhất, dung lượng tệp tải lên, và các việc nhập, xuất dữ liệu đang chạy hoặc bị lỗi trong 7 ngày qua.",
            ),
            ("shot", "administrator-start.jpg", "Trang tổng quan của quản trị viên."),
            ("h2", "Nhập danh sách cán bộ"),
            (
                "ol",
                [
                    "Vào <b>Tổ chức › Nhập cán bộ</b>, tải mẫu Excel và điền mỗi cán bộ một dòng (mã cán bộ, họ tên, đơn vị, chức vụ, đối tượng).",
                    "Tải tệp lên: hệ thống kiểm tra từng dòng và báo lỗi bằng tiếng Việt; tệp có lỗi không làm thay đổi dữ liệu.",
                    "Sau khi nhập, tạo <b>Phiếu kích hoạt</b> để phát cho cán bộ mã đặt mật khẩu lần đầu.",
                ],
            ),
            ("shot", "administrator-cadre-import.jpg", "Nhập danh sách cán bộ từ tệp Excel."),
            ("h2", "Phân quyền"),
            (
                "p",
                "Mỗi người có một hoặc nhiều vai trò: học viên, biên tập viên, kiểm duyệt viên, quản lý đơn vị, ban tổ chức cuộc thi, quản trị. Quản lý đơn vị được gắn với đơn vị mình quản lý và chỉ xem được cán bộ của đơn vị đó và các đơn vị cấp dưới.",
            ),
        ],
    },
]
