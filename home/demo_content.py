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
