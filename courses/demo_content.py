"""Demo courses and lessons: plain data, built into pages by courses.demo.

Lesson bodies use the short notation of elearn.publishing.stream. Laws are named only
generically: their numbers and years change, and demo content must stay true.
"""

# ruff: noqa: E501

from datetime import date

from .models import CourseTopic

COURSE_INDEX = {
    "slug": "khoa-hoc",
    "title": "Khóa học",
    "intro": "<p>Các khóa học trực tuyến về pháp luật công nghệ thông tin, an toàn thông tin và kỹ năng số. Mỗi khóa học gồm các bài học ngắn, học được trên máy tính và điện thoại.</p>",
}

SECURITY_BASICS = {
    "slug": "an-toan-thong-tin-co-ban",
    "title": "An toàn thông tin cơ bản cho cán bộ, công chức",
    "topic": CourseTopic.SECURITY,
    "estimated_minutes": 70,
    "summary": "Những kiến thức và thói quen an toàn thông tin tối thiểu mà mỗi cán bộ, công chức, viên chức cần có khi dùng máy tính, điện thoại, thư điện tử và Internet trong công việc hằng ngày.",
    "objectives": [
        "Hiểu vì sao mỗi cán bộ là một lớp bảo vệ trong bảo đảm an toàn thông tin của cơ quan.",
        "Tạo và quản lý mật khẩu mạnh, bật xác thực hai lớp.",
        "Sử dụng máy tính, điện thoại, thiết bị lưu trữ an toàn và sao lưu dữ liệu.",
        "Nhận biết và báo cáo kịp thời sự cố an toàn thông tin.",
    ],
    "lessons": [
        {
            "slug": "vi-sao-an-toan-thong-tin-la-trach-nhiem-cua-moi-nguoi",
            "completion_rule": "min_time",
            "min_view_seconds": 60,
            "title": "Vì sao an toàn thông tin là trách nhiệm của mỗi người",
            "estimated_minutes": 15,
            "intro": "Các nguy cơ phổ biến và vai trò của người dùng trong bảo đảm an toàn thông tin của cơ quan.",
            "body": [
                (
                    "p",
                    "Phần lớn các vụ tấn công mạng vào cơ quan, tổ chức không bắt đầu bằng kỹ thuật phức tạp mà từ một thao tác của người dùng: mở tệp đính kèm chứa mã độc, nhập mật khẩu vào trang giả mạo, cắm thiết bị USB nhiễm virus hoặc dùng lại một mật khẩu đã bị lộ. Vì vậy, bên cạnh các giải pháp kỹ thuật do bộ phận chuyên trách triển khai, mỗi cán bộ, công chức, viên chức là một lớp bảo vệ quan trọng.",
                ),
                ("h2", "Ba yêu cầu của an toàn thông tin"),
                (
                    "p",
                    "An toàn thông tin nhằm bảo đảm ba tính chất: <b>bí mật</b> (chỉ người có thẩm quyền mới được tiếp cận thông tin), <b>toàn vẹn</b> (thông tin không bị sửa đổi, làm sai lệch trái phép) và <b>sẵn sàng</b> (người có quyền truy cập được thông tin khi cần). Một danh sách hồ sơ bị lộ, một văn bản bị sửa nội dung hay một hệ thống bị mã độc tống tiền mã hóa dữ liệu đều là vi phạm một trong ba yêu cầu này.",
                ),
                ("h2", "Những nguy cơ thường gặp"),
                (
                    "ul",
                    [
                        "Thư điện tử, tin nhắn giả mạo lừa người dùng cung cấp mật khẩu hoặc mở tệp độc hại.",
                        "Mã độc tống tiền (ransomware) mã hóa dữ liệu trên máy tính và máy chủ, đòi tiền chuộc.",
                        "Lộ, mất dữ liệu do mật khẩu yếu, dùng chung tài khoản, để máy tính không khóa khi rời chỗ ngồi.",
                        "Thất lạc điện thoại, máy tính xách tay, USB chứa tài liệu công việc.",
                        "Lỗ hổng trên phần mềm chưa được cập nhật bản vá.",
                    ],
                ),
                ("h2", "Khung pháp lý"),
                (
                    "p",
                    "Pháp luật về an ninh mạng và an toàn thông tin mạng, về bảo vệ bí mật nhà nước và bảo vệ dữ liệu cá nhân, cùng quy chế của từng cơ quan, quy định trách nhiệm của cơ quan, tổ chức và cá nhân khi sử dụng mạng và hệ thống thông tin. Với cán bộ, công chức, các yêu cầu cụ thể thường được nêu trong quy chế bảo đảm an toàn thông tin mạng của cơ quan, đơn vị: hãy đọc kỹ và thực hiện.",
                ),
                (
                    "tip",
                    "Ghi nhớ",
                    "Bảo đảm an toàn thông tin không phải việc riêng của bộ phận công nghệ thông tin. Thói quen tốt của mỗi người giúp bảo vệ cả cơ quan.",
                ),
            ],
        },
        {
            "slug": "mat-khau-manh-va-xac-thuc-hai-lop",
            "title": "Mật khẩu mạnh và xác thực hai lớp",
            "estimated_minutes": 20,
            "intro": "Cách đặt, quản lý mật khẩu và bật xác thực hai lớp để tài khoản không bị chiếm đoạt.",
            "body": [
                (
                    "p",
                    "Mật khẩu là lớp bảo vệ đầu tiên của tài khoản. Kẻ gian có thể dò mật khẩu bằng phần mềm thử hàng triệu tổ hợp, hoặc lấy danh sách mật khẩu đã lộ từ các vụ rò rỉ dữ liệu để thử đăng nhập vào dịch vụ khác. Vì vậy mật khẩu cần vừa khó đoán, vừa không dùng lại ở nhiều nơi.",
                ),
                ("h2", "Thế nào là mật khẩu mạnh"),
                (
                    "ul",
                    [
                        "<b>Đủ dài:</b> nên từ 12 ký tự trở lên. Một cụm gồm nhiều từ không liên quan đến nhau vừa dài vừa dễ nhớ.",
                        "<b>Không chứa thông tin dễ đoán:</b> họ tên, ngày sinh, số điện thoại, tên cơ quan, “123456”, “matkhau”.",
                        "Kết hợp chữ hoa, chữ thường, chữ số và ký hiệu khi hệ thống yêu cầu.",
                        "<b>Mỗi tài khoản một mật khẩu riêng</b>; mật khẩu tài khoản công vụ không trùng với tài khoản cá nhân.",
                    ],
                ),
                ("h2", "Quản lý mật khẩu"),
                (
                    "p",
                    "Không ai nhớ được hàng chục mật khẩu khác nhau. Hãy dùng một trình quản lý mật khẩu uy tín (có thể có sẵn trong trình duyệt hoặc hệ điều hành), được bảo vệ bằng một mật khẩu chính thật mạnh và xác thực hai lớp. Không dán mật khẩu lên màn hình, không lưu trong tệp văn bản trên máy tính, không gửi mật khẩu qua tin nhắn, thư điện tử. Đổi mật khẩu ngay khi nghi bị lộ hoặc khi nhận được thông báo đăng nhập lạ.",
                ),
                (
                    "warning",
                    "Không dùng chung tài khoản",
                    "Không cho người khác mượn tài khoản công vụ, kể cả đồng nghiệp. Mọi thao tác trên hệ thống được ghi nhận theo tài khoản, và người được cấp tài khoản chịu trách nhiệm về các thao tác đó.",
                ),
                ("h2", "Bật xác thực hai lớp"),
                (
                    "p",
                    "Xác thực hai lớp yêu cầu thêm một yếu tố ngoài mật khẩu, thường là mã dùng một lần (OTP) trên ứng dụng xác thực hoặc qua tin nhắn, hay một lần bấm xác nhận trên điện thoại đã đăng ký. Khi đó, kẻ gian có mật khẩu vẫn không đăng nhập được. Hãy bật xác thực hai lớp cho thư điện tử, mạng xã hội, ngân hàng điện tử và các hệ thống của cơ quan có hỗ trợ; khi có thể, dùng ứng dụng xác thực thay cho SMS.",
                ),
                (
                    "quote",
                    "Mã OTP chỉ để bạn tự nhập, không bao giờ đọc cho người khác.",
                    "Khuyến cáo an toàn thông tin",
                ),
            ],
        },
        {
            "slug": "su-dung-thiet-bi-an-toan",
            "title": "Sử dụng máy tính, điện thoại và thiết bị lưu trữ an toàn",
            "estimated_minutes": 20,
            "intro": "Cập nhật phần mềm, khóa thiết bị, dùng USB an toàn và sao lưu dữ liệu đúng cách.",
            "body": [
                (
                    "p",
                    "Máy tính, điện thoại vừa là nơi lưu giữ tài liệu, vừa là cửa ngõ để truy cập các hệ thống của cơ quan. Một thiết bị nhiễm mã độc hoặc bị thất lạc có thể làm lộ thông tin của cả đơn vị.",
                ),
                ("h2", "Cập nhật phần mềm thường xuyên"),
                (
                    "p",
                    "Các bản cập nhật hệ điều hành, trình duyệt và phần mềm văn phòng vá những lỗ hổng mà kẻ tấn công đang khai thác. Hãy bật cập nhật tự động và đừng trì hoãn khi máy yêu cầu khởi động lại để cài bản vá. Chỉ dùng phần mềm có bản quyền hoặc phần mềm nguồn mở tải từ nguồn chính thức: phần mềm “bẻ khóa” là nguồn lây mã độc phổ biến. Máy tính cần có phần mềm phòng chống mã độc do cơ quan trang bị và luôn được cập nhật.",
                ),
                ("h2", "Khóa thiết bị khi rời đi"),
                (
                    "ul",
                    [
                        "Đặt mật khẩu, mã PIN hoặc sinh trắc học cho máy tính và điện thoại; cài tự động khóa màn hình sau vài phút không dùng.",
                        "Khóa màn hình mỗi khi rời chỗ ngồi (trên Windows: tổ hợp phím Windows + L).",
                        "Bật tính năng định vị và xóa dữ liệu từ xa cho điện thoại; mã hóa ổ đĩa máy tính xách tay có tài liệu công việc.",
                    ],
                ),
                ("h2", "USB và thiết bị lưu trữ ngoài"),
                (
                    "p",
                    "USB, ổ cứng di động dễ lây mã độc giữa các máy tính và dễ thất lạc. Không cắm USB không rõ nguồn gốc (kể cả USB “nhặt được” hay được tặng ở hội nghị) vào máy tính cơ quan. Quét mã độc trước khi mở tệp từ thiết bị lưu trữ ngoài. Không dùng chung USB giữa máy tính kết nối Internet và máy tính dùng để soạn thảo tài liệu mật.",
                ),
                ("h2", "Sao lưu dữ liệu"),
                (
                    "p",
                    "Sao lưu định kỳ là cách tốt nhất để không mất dữ liệu khi gặp mã độc tống tiền, hỏng ổ cứng hay mất máy. Quy tắc 3-2-1 dễ nhớ: giữ 3 bản sao dữ liệu, trên 2 loại phương tiện khác nhau, trong đó 1 bản để ở nơi khác và không thường xuyên kết nối với máy tính. Lưu tài liệu công việc trên hệ thống lưu trữ do cơ quan cung cấp thay vì chỉ để trên máy cá nhân.",
                ),
                (
                    "warning",
                    "Tài liệu mật",
                    "Không soạn thảo, lưu giữ tài liệu có nội dung bí mật nhà nước trên máy tính, thiết bị đã hoặc đang kết nối Internet. Thực hiện đúng quy định về bảo vệ bí mật nhà nước của cơ quan.",
                ),
            ],
        },
        {
            "slug": "nhan-biet-va-bao-cao-su-co",
            "completion_rule": "activity",  # completed by its end-of-course quiz (quizzes.demo)
            "title": "Nhận biết và báo cáo sự cố an toàn thông tin",
            "estimated_minutes": 15,
            "intro": "Những dấu hiệu bất thường cần chú ý và việc cần làm ngay khi nghi ngờ có sự cố.",
            "body": [
                (
                    "p",
                    "Sự cố an toàn thông tin càng được phát hiện sớm thì thiệt hại càng nhỏ. Người dùng thường là người đầu tiên thấy dấu hiệu bất thường, vì vậy biết nhận diện và báo cáo kịp thời là kỹ năng quan trọng của mỗi cán bộ.",
                ),
                ("h2", "Dấu hiệu bất thường cần chú ý"),
                (
                    "ul",
                    [
                        "Máy tính chạy chậm bất thường, xuất hiện cửa sổ, chương trình lạ tự khởi động.",
                        "Tệp tin bị đổi tên, đổi phần mở rộng, không mở được; xuất hiện tệp thông báo đòi tiền chuộc.",
                        "Nhận thông báo đăng nhập, đổi mật khẩu mà mình không thực hiện; đồng nghiệp nhận thư, tin nhắn lạ gửi từ tài khoản của mình.",
                        "Trình duyệt tự chuyển đến trang lạ, trang chủ bị thay đổi.",
                        "Phần mềm phòng chống mã độc bị tắt mà không rõ lý do.",
                    ],
                ),
                ("h2", "Cần làm gì ngay"),
                (
                    "ol",
                    [
                        "Bình tĩnh, không tự ý xóa tệp hay cài lại máy, vì có thể làm mất dấu vết cần cho việc xác minh.",
                        "Nếu nghi nhiễm mã độc: ngắt kết nối mạng (rút dây mạng, tắt Wi-Fi) và chờ hướng dẫn của bộ phận chuyên trách.",
                        "Báo ngay cho bộ phận công nghệ thông tin hoặc người phụ trách an toàn thông tin của đơn vị: mô tả hiện tượng, thời điểm và thao tác vừa thực hiện.",
                        "Nếu đã nhập mật khẩu vào trang lạ: đổi mật khẩu từ một thiết bị an toàn và báo cho bộ phận công nghệ thông tin.",
                        "Chụp màn hình, giữ lại thư, tin nhắn đáng ngờ để phục vụ xác minh.",
                    ],
                ),
                (
                    "tip",
                    "Báo cáo sớm không phải là lỗi",
                    "Lỡ bấm vào đường link lạ hay mở nhầm tệp có thể xảy ra với bất kỳ ai. Điều quan trọng là báo ngay để bộ phận chuyên trách kịp xử lý, ngăn sự cố lan sang máy tính và hệ thống khác.",
                ),
                (
                    "p",
                    "Cuối khóa học, hãy tự kiểm tra: máy tính của bạn đã được cập nhật chưa, tài khoản thư điện tử đã bật xác thực hai lớp chưa, và bạn có biết cách liên hệ người phụ trách an toàn thông tin của đơn vị mình không?",
                ),
            ],
        },
    ],
}

PHISHING = {
    "slug": "nhan-dien-lua-dao-truc-tuyen",
    "title": "Nhận diện lừa đảo trực tuyến và tấn công giả mạo (phishing)",
    "topic": CourseTopic.SECURITY,
    "estimated_minutes": 70,
    "summary": "Nhận diện các thủ đoạn lừa đảo qua thư điện tử, tin nhắn, cuộc gọi và mạng xã hội đang nhắm vào cán bộ, công chức và người dân; biết cách kiểm tra, xử lý và giúp đỡ người thân.",
    "objectives": [
        "Nhận biết dấu hiệu của thư điện tử, tin nhắn, trang web giả mạo.",
        "Kiểm tra người gửi, đường link, tên miền, tệp đính kèm trước khi thao tác.",
        "Nhận diện các kịch bản lừa đảo qua điện thoại và mạng xã hội.",
        "Biết cách xử lý khi nghi ngờ hoặc đã bị lừa đảo.",
    ],
    "lessons": [
        {
            "slug": "tan-cong-gia-mao-la-gi",
            "completion_rule": "min_time",
            "min_view_seconds": 60,
            "title": "Tấn công giả mạo (phishing) là gì",
            "estimated_minutes": 15,
            "intro": "Các dạng tấn công giả mạo và những điểm yếu tâm lý mà kẻ gian khai thác.",
            "body": [
                (
                    "p",
                    "Tấn công giả mạo (phishing) là thủ đoạn kẻ gian đóng vai một người hoặc tổ chức đáng tin cậy như cơ quan cấp trên, ngân hàng, nhà cung cấp dịch vụ, đồng nghiệp để lừa nạn nhân tiết lộ mật khẩu, mã OTP, thông tin thẻ, hoặc mở tệp, đường link chứa mã độc. Đây là hình thức tấn công phổ biến nhất, vì nó đánh vào tâm lý con người thay vì phải vượt qua các lớp bảo vệ kỹ thuật.",
                ),
                ("h2", "Các dạng thường gặp"),
                (
                    "ul",
                    [
                        "<b>Thư điện tử giả mạo hàng loạt:</b> gửi tới nhiều người, ví dụ “hộp thư của bạn sắp đầy”, “cập nhật thông tin tài khoản”.",
                        "<b>Tấn công có chủ đích (spear phishing):</b> thư soạn riêng cho một cơ quan, một người, dùng đúng tên lãnh đạo, tên văn bản, sự kiện đang diễn ra để tăng độ tin cậy.",
                        "<b>Tin nhắn giả mạo</b> qua SMS, Zalo, Messenger có kèm đường link.",
                        "<b>Cuộc gọi giả mạo</b> giả danh cơ quan chức năng, ngân hàng, nhà mạng.",
                        "<b>Mã QR giả mạo</b> dán đè lên mã thật hoặc gửi kèm thư, dẫn đến trang web lừa đảo.",
                    ],
                ),
                ("h2", "Vì sao người dùng dễ mắc bẫy"),
                (
                    "p",
                    "Kẻ gian khai thác những phản ứng tự nhiên: <b>sợ hãi</b> (tài khoản bị khóa, bị xử phạt), <b>khẩn cấp</b> (phải làm trong 24 giờ), <b>tin tưởng cấp trên</b> (thư “của lãnh đạo” yêu cầu xử lý gấp), <b>tò mò và hám lợi</b> (trúng thưởng, tài liệu “nội bộ”, danh sách nâng lương). Khi một thông điệp làm bạn thấy vội vàng, lo lắng hay hấp dẫn quá mức, đó chính là lúc cần dừng lại để kiểm tra.",
                ),
                (
                    "tip",
                    "Dừng lại, kiểm tra, xác minh",
                    "Dừng lại trước khi bấm. Kiểm tra người gửi, đường link, nội dung. Xác minh qua một kênh khác do chính bạn tìm (số điện thoại trong danh bạ cơ quan, gặp trực tiếp), không dùng số điện thoại hay đường link có trong thông điệp đáng ngờ.",
                ),
            ],
        },
        {
            "slug": "thu-dien-tu-va-trang-web-gia-mao",
            "title": "Nhận diện thư điện tử và trang web giả mạo",
            "estimated_minutes": 20,
            "intro": "Kiểm tra người gửi, đường link, tên miền và tệp đính kèm trước khi thao tác.",
            "body": [
                (
                    "p",
                    "Thư điện tử giả mạo ngày càng được soạn kỹ, ít lỗi chính tả, dùng logo và chữ ký giống thật. Tuy vậy, vẫn có những chỗ kẻ gian khó che giấu nếu người đọc kiểm tra cẩn thận.",
                ),
                ("h2", "Kiểm tra người gửi"),
                (
                    "p",
                    "Xem địa chỉ thư đầy đủ, không chỉ tên hiển thị. Tên hiển thị có thể là “Văn phòng UBND thành phố” nhưng địa chỉ thật là một hộp thư miễn phí hoặc một tên miền nhái, thêm hay đổi một ký tự (chữ “l” thay bằng số “1”, “rn” thay cho “m”). Thư công vụ của cơ quan nhà nước thường được gửi từ hệ thống thư điện tử công vụ có tên miền .gov.vn. Hãy thận trọng cả với thư từ hộp thư thật của người quen, vì hộp thư đó có thể đã bị chiếm.",
                ),
                ("h2", "Kiểm tra đường link trước khi bấm"),
                (
                    "ul",
                    [
                        "Trên máy tính, di chuột lên đường link (không bấm) để xem địa chỉ thật; trên điện thoại, nhấn giữ đường link để xem trước.",
                        "Đọc tên miền ở phần trước dấu “/” đầu tiên, từ phải sang trái: với địa chỉ “dichvucong.gov.vn.xac-minh-tai-khoan.com/dang-nhap”, tên miền thật là “xac-minh-tai-khoan.com”, không phải trang của cơ quan nhà nước.",
                        "Cảnh giác với đường link rút gọn, mã QR và tệp HTML đính kèm mở ra một trang đăng nhập.",
                        "Biểu tượng ổ khóa và “https” chỉ cho biết kết nối được mã hóa, không chứng minh trang web là thật: trang lừa đảo cũng dùng https.",
                    ],
                ),
                ("h2", "Kiểm tra tệp đính kèm"),
                (
                    "p",
                    "Không mở tệp đính kèm mà mình không chờ đợi, kể cả khi tên tệp hấp dẫn như “Danh sách nâng lương”, “Quyết định khen thưởng”, “Kết luận thanh tra”. Đặc biệt cảnh giác với tệp nén có mật khẩu, tệp chương trình (.exe, .scr, .js, .bat) và tài liệu đòi “Enable Content” hay bật macro mới xem được nội dung. Khi cần, hãy gọi điện hỏi lại người gửi trước khi mở.",
                ),
                (
                    "warning",
                    "Trang đăng nhập mở ra từ đường link trong thư",
                    "Đây là dấu hiệu nguy hiểm nhất. Hãy đóng trang, tự gõ địa chỉ hệ thống quen thuộc vào trình duyệt hoặc dùng dấu trang đã lưu để đăng nhập.",
                ),
                (
                    "p",
                    "Khi nhận được thư nghi giả mạo, không trả lời, không chuyển tiếp cho đồng nghiệp “xem giúp”; hãy báo bộ phận công nghệ thông tin theo hướng dẫn của cơ quan để họ cảnh báo người khác và chặn người gửi.",
                ),
            ],
        },
        {
            "slug": "lua-dao-qua-dien-thoai-va-mang-xa-hoi",
            "title": "Lừa đảo qua điện thoại, tin nhắn và mạng xã hội",
            "estimated_minutes": 20,
            "intro": "Các kịch bản lừa đảo phổ biến qua cuộc gọi, tin nhắn, mạng xã hội và cách kiểm tra.",
            "body": [
                (
                    "p",
                    "Bên cạnh thư điện tử, kẻ gian đặc biệt hay dùng cuộc gọi, tin nhắn và mạng xã hội vì có thể tác động trực tiếp và tạo áp lực ngay lập tức. Kịch bản thay đổi liên tục nhưng cốt lõi thường giống nhau.",
                ),
                ("h2", "Những kịch bản phổ biến"),
                (
                    "ul",
                    [
                        "<b>Giả danh cơ quan nhà nước:</b> công an, viện kiểm sát, tòa án thông báo liên quan vụ án; cơ quan thuế, bảo hiểm xã hội, điện lực yêu cầu cập nhật thông tin, cài ứng dụng hoặc thanh toán gấp.",
                        "<b>Giả danh lãnh đạo, đồng nghiệp:</b> lập tài khoản mạng xã hội mang tên, ảnh của lãnh đạo cơ quan để nhờ chuyển tiền, mua thẻ cào, hoặc gửi tệp “tài liệu”.",
                        "<b>Chiếm tài khoản mạng xã hội</b> của người quen để nhắn tin vay tiền, có khi kèm cuộc gọi video giả mạo khuôn mặt (deepfake) rất ngắn, hình ảnh mờ, lấy cớ “mạng yếu”.",
                        "<b>Tuyển cộng tác viên “việc nhẹ lương cao”</b>, làm nhiệm vụ thả tim, đánh giá sản phẩm để nhận hoa hồng, rồi yêu cầu nạp tiền để “rút thưởng”.",
                        "<b>Thông báo trúng thưởng, nhận quà, hoàn tiền</b> kèm yêu cầu nộp phí hoặc cung cấp thông tin thẻ.",
                    ],
                ),
                ("h2", "Cách kiểm tra"),
                (
                    "p",
                    "Cơ quan công an và các cơ quan tiến hành tố tụng làm việc bằng giấy mời, giấy triệu tập và tại trụ sở; họ không yêu cầu người dân chuyển tiền hay cài ứng dụng qua điện thoại. Khi nhận yêu cầu chuyển tiền từ “lãnh đạo” hay người quen qua mạng xã hội, hãy gọi lại vào số điện thoại đã lưu từ trước hoặc gặp trực tiếp để xác nhận. Với cuộc gọi video, hãy hỏi một chi tiết riêng mà chỉ người thật mới biết.",
                ),
                (
                    "warning",
                    "Không cài ứng dụng theo hướng dẫn qua điện thoại",
                    "Tuyệt đối không cài ứng dụng từ đường link do người khác gửi (thường là tệp .apk trên Android), không cấp quyền trợ năng hay quyền điều khiển màn hình cho ứng dụng lạ. Ứng dụng của cơ quan nhà nước được phát hành qua kho ứng dụng chính thức.",
                ),
                ("h2", "Giúp đỡ người thân"),
                (
                    "p",
                    "Người cao tuổi và người ít dùng công nghệ thường là mục tiêu. Hãy dặn người thân: không chuyển tiền, không đọc mã OTP cho ai qua điện thoại; khi có người gọi xưng là cơ quan chức năng, hãy hỏi con cháu hoặc đến trụ sở công an gần nhất để xác minh.",
                ),
            ],
        },
        {
            "slug": "xu-ly-khi-nghi-ngo-hoac-bi-lua-dao",
            "completion_rule": "activity",  # completed by its end-of-course quiz (quizzes.demo)
            "title": "Xử lý khi nghi ngờ hoặc đã bị lừa đảo",
            "estimated_minutes": 15,
            "intro": "Những việc cần làm ngay để giảm thiệt hại cho bản thân và cơ quan.",
            "body": [
                (
                    "p",
                    "Dù cẩn thận đến đâu, ai cũng có thể một lần mắc bẫy. Phản ứng nhanh và đúng giúp giảm thiệt hại cho bản thân và cho cơ quan.",
                ),
                ("h2", "Khi mới nghi ngờ"),
                (
                    "ul",
                    [
                        "Không trả lời, không bấm đường link, không gọi vào số điện thoại có trong thông điệp.",
                        "Xác minh qua kênh chính thức do chính bạn tìm.",
                        "Báo bộ phận công nghệ thông tin nếu thông điệp liên quan đến tài khoản, hệ thống công việc; cảnh báo đồng nghiệp nếu kẻ gian giả danh lãnh đạo hay cơ quan.",
                    ],
                ),
                ("h2", "Khi đã nhập mật khẩu hoặc mở tệp lạ"),
                (
                    "ol",
                    [
                        "Đổi ngay mật khẩu của tài khoản đó từ một thiết bị an toàn, và đổi ở mọi dịch vụ đang dùng cùng mật khẩu này.",
                        "Đăng xuất khỏi mọi thiết bị trong phần cài đặt bảo mật của tài khoản và bật xác thực hai lớp.",
                        "Nếu đã mở tệp hay cài ứng dụng lạ: ngắt kết nối mạng của thiết bị và báo ngay bộ phận công nghệ thông tin.",
                        "Kiểm tra thư đã gửi và các quy tắc tự động chuyển tiếp thư: kẻ gian hay đặt quy tắc để tiếp tục nhận bản sao thư.",
                    ],
                ),
                ("h2", "Khi đã chuyển tiền hoặc lộ thông tin thẻ"),
                (
                    "ol",
                    [
                        "Gọi ngay tổng đài ngân hàng (số in trên thẻ hoặc trên trang web chính thức) để khóa thẻ, tài khoản và đề nghị tra soát giao dịch.",
                        "Lưu giữ bằng chứng: số điện thoại, tài khoản mạng xã hội, nội dung tin nhắn, đường link, biên lai chuyển tiền.",
                        "Trình báo cơ quan công an nơi gần nhất và cung cấp đầy đủ bằng chứng.",
                        "Cảnh giác với lời mời “lấy lại tiền bị lừa” sau đó: đây thường là một vụ lừa đảo thứ hai.",
                    ],
                ),
                (
                    "tip",
                    "Chia sẻ để phòng ngừa",
                    "Khi gặp một thủ đoạn mới, hãy kể lại (không kèm đường link độc hại) cho đồng nghiệp và người thân. Một lời cảnh báo kịp thời có thể giúp người khác tránh được thiệt hại.",
                ),
            ],
        },
    ],
}

DIGITAL_SIGNATURE = {
    "slug": "chu-ky-so-va-dich-vu-cong-truc-tuyen",
    "title": "Sử dụng chữ ký số và dịch vụ công trực tuyến",
    "topic": CourseTopic.DIGITAL_SKILLS,
    "estimated_minutes": 70,
    "summary": "Hiểu chữ ký số và giá trị pháp lý của văn bản điện tử; ký số văn bản đúng quy trình, bảo quản thiết bị ký số; sử dụng và hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
    "objectives": [
        "Phân biệt chữ ký số với chữ ký scan, chữ ký hình ảnh.",
        "Ký số văn bản điện tử và kiểm tra chữ ký số trên văn bản nhận được.",
        "Bảo quản thiết bị ký số và mã PIN an toàn.",
        "Sử dụng và hướng dẫn người dân sử dụng dịch vụ công trực tuyến.",
    ],
    "lessons": [
        {
            "slug": "chu-ky-so-va-gia-tri-phap-ly",
            "title": "Chữ ký số và giá trị pháp lý của văn bản điện tử",
            "estimated_minutes": 15,
            "intro": "Chữ ký số hoạt động thế nào, khác gì chữ ký scan, và vì sao văn bản ký số có giá trị pháp lý.",
            "body": [
                (
                    "p",
                    "Chữ ký số là một dạng chữ ký điện tử được tạo ra bằng kỹ thuật mật mã khóa công khai. Mỗi người hoặc cơ quan được cấp một cặp khóa: <b>khóa bí mật</b> dùng để ký, được giữ trong thiết bị ký số (USB token, thẻ thông minh) hoặc trong hệ thống ký số từ xa, và <b>khóa công khai</b> nằm trong chứng thư chữ ký số, dùng để kiểm tra chữ ký. Chứng thư do tổ chức cung cấp dịch vụ chứng thực chữ ký số cấp, xác nhận khóa công khai đó thuộc về ai.",
                ),
                ("h2", "Chữ ký số khác gì chữ ký scan"),
                (
                    "p",
                    "Hình ảnh chữ ký hay con dấu được scan rồi chèn vào văn bản chỉ là một bức ảnh: ai cũng sao chép được, và nó không chứng minh văn bản chưa bị sửa. Chữ ký số gắn với chính nội dung văn bản: nếu văn bản bị thay đổi dù chỉ một ký tự sau khi ký, phần mềm kiểm tra sẽ báo chữ ký không còn hợp lệ. Nhờ vậy chữ ký số xác thực được người ký, bảo đảm toàn vẹn nội dung, và người ký không thể chối bỏ việc đã ký.",
                ),
                ("h2", "Giá trị pháp lý"),
                (
                    "p",
                    "Luật Giao dịch điện tử công nhận thông điệp dữ liệu có giá trị pháp lý như văn bản, và chữ ký số đáp ứng các điều kiện luật định có giá trị pháp lý tương đương chữ ký tay của cá nhân hoặc con dấu của cơ quan, tổ chức. Trong cơ quan nhà nước, văn bản điện tử được ký số đúng quy định về công tác văn thư có giá trị pháp lý như bản gốc văn bản giấy, giúp gửi nhận văn bản nhanh, giảm in ấn và lưu trữ thuận tiện.",
                ),
                (
                    "note",
                    "Chữ ký số chuyên dùng công vụ",
                    "Cán bộ, công chức thường được cấp chứng thư chữ ký số chuyên dùng công vụ cho cá nhân, và cơ quan có chứng thư của cơ quan. Chứng thư gắn với chức danh, cơ quan: khi thay đổi vị trí công tác hoặc nghỉ việc, cần làm thủ tục thay đổi hoặc thu hồi theo hướng dẫn của đơn vị.",
                ),
            ],
        },
        {
            "slug": "ky-so-van-ban-dien-tu",
            "title": "Ký số văn bản điện tử đúng quy trình",
            "estimated_minutes": 20,
            "intro": "Các bước ký số văn bản đi và cách kiểm tra chữ ký số trên văn bản đến.",
            "body": [
                (
                    "p",
                    "Trong hệ thống quản lý văn bản và điều hành, văn bản đi thường được ký số hai lần: người có thẩm quyền ký số lên văn bản bằng chữ ký số cá nhân, sau đó văn thư ký số của cơ quan (tương đương đóng dấu) trước khi phát hành. Chữ ký số được thể hiện trên văn bản bằng hình ảnh chữ ký, con dấu kèm thông tin người ký, thời gian ký theo quy định về thể thức văn bản.",
                ),
                ("h2", "Các bước ký số thông thường"),
                (
                    "ol",
                    [
                        "Kiểm tra lại nội dung, thể thức văn bản; chuyển sang định dạng PDF nếu hệ thống yêu cầu.",
                        "Cắm thiết bị ký số (USB token) vào máy tính, hoặc mở ứng dụng ký số từ xa trên điện thoại.",
                        "Chọn chức năng ký số trong phần mềm, chọn đúng chứng thư (cá nhân hay cơ quan) và vị trí chữ ký trên văn bản.",
                        "Nhập mã PIN của thiết bị, hoặc xác nhận giao dịch ký trên ứng dụng.",
                        "Kiểm tra văn bản sau khi ký: chữ ký hợp lệ, đúng người ký, đúng thời gian ký.",
                    ],
                ),
                ("h2", "Kiểm tra chữ ký số trên văn bản nhận được"),
                (
                    "p",
                    "Khi nhận văn bản điện tử, phần mềm đọc PDF hoặc hệ thống quản lý văn bản hiển thị trạng thái chữ ký: hợp lệ, không hợp lệ hoặc chưa xác minh được. Chữ ký hợp lệ cho biết văn bản không bị thay đổi sau khi ký và chứng thư còn hiệu lực tại thời điểm ký. Nếu phần mềm báo văn bản đã bị sửa đổi sau khi ký hoặc chứng thư không hợp lệ, hãy liên hệ cơ quan gửi để xác minh trước khi xử lý.",
                ),
                (
                    "tip",
                    "Ký số từ xa",
                    "Với ký số từ xa, khóa bí mật được lưu trong thiết bị an toàn của nhà cung cấp dịch vụ và người ký xác nhận từng lần ký trên ứng dụng điện thoại. Cách này giúp ký văn bản khi đi công tác mà không cần mang USB token, nhưng điện thoại cài ứng dụng ký số phải được bảo vệ bằng mật khẩu hoặc sinh trắc học.",
                ),
            ],
        },
        {
            "slug": "bao-quan-thiet-bi-ky-so",
            "title": "Bảo quản thiết bị và mã PIN ký số",
            "estimated_minutes": 15,
            "intro": "Giữ thiết bị ký số như giữ con dấu: những việc nên làm và việc cần làm khi mất thiết bị.",
            "body": [
                (
                    "p",
                    "Ai nắm giữ thiết bị ký số và mã PIN thì có thể ký văn bản nhân danh người được cấp chứng thư. Vì vậy, bảo quản chữ ký số là trách nhiệm cá nhân của người được cấp, giống như bảo quản con dấu.",
                ),
                ("h2", "Những việc nên làm"),
                (
                    "ul",
                    [
                        "<b>Không giao thiết bị ký số và mã PIN cho người khác</b>, kể cả thư ký, văn thư hay đồng nghiệp thân thiết.",
                        "Đổi mã PIN mặc định ngay khi nhận thiết bị; không ghi mã PIN lên thiết bị hay để cùng chỗ với thiết bị.",
                        "Rút thiết bị khỏi máy tính ngay sau khi ký xong; không để thiết bị cắm sẵn trên máy.",
                        "Chỉ cắm thiết bị vào máy tính của cơ quan đã cài phần mềm phòng chống mã độc và cập nhật đầy đủ.",
                        "Theo dõi thời hạn của chứng thư và đề nghị gia hạn trước khi hết hạn.",
                    ],
                ),
                ("h2", "Khi mất thiết bị hoặc nghi lộ mã PIN"),
                (
                    "p",
                    "Báo ngay cho đầu mối quản lý chữ ký số của cơ quan để đề nghị tạm dừng hoặc thu hồi chứng thư; đổi mã PIN nếu thiết bị vẫn còn trong tay. Thiết bị sẽ khóa sau một số lần nhập sai mã PIN: khi đó hãy liên hệ đầu mối quản lý để được hỗ trợ, không dùng phần mềm không rõ nguồn gốc để mở khóa.",
                ),
                (
                    "warning",
                    "Cảnh giác với yêu cầu ký hộ",
                    "Không ký số văn bản khi chưa đọc nội dung, không dùng chữ ký số của mình để ký văn bản thuộc thẩm quyền của người khác. Mọi chữ ký số đều được ghi nhận và có giá trị pháp lý.",
                ),
            ],
        },
        {
            "slug": "su-dung-dich-vu-cong-truc-tuyen",
            "completion_rule": "activity",  # completed by its end-of-course quiz (quizzes.demo)
            "title": "Sử dụng dịch vụ công trực tuyến",
            "estimated_minutes": 20,
            "intro": "Nộp hồ sơ, theo dõi kết quả thủ tục hành chính qua mạng và hướng dẫn người dân cùng sử dụng.",
            "body": [
                (
                    "p",
                    "Dịch vụ công trực tuyến cho phép người dân, doanh nghiệp nộp hồ sơ, theo dõi tiến độ và nhận kết quả thủ tục hành chính qua mạng, không phải đến trụ sở nhiều lần. Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) là đầu mối tập trung, kết nối với hệ thống giải quyết thủ tục hành chính của các bộ, ngành, địa phương.",
                ),
                ("h2", "Đăng nhập bằng tài khoản định danh điện tử"),
                (
                    "p",
                    "Người dân có thể đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử VNeID. Nhờ kết nối với Cơ sở dữ liệu quốc gia về dân cư, nhiều thông tin như họ tên, ngày sinh, nơi cư trú được điền sẵn vào tờ khai, hạn chế phải nộp bản sao giấy tờ. Chỉ cài ứng dụng VNeID từ kho ứng dụng chính thức và không nhờ người lạ “kích hoạt hộ”.",
                ),
                ("h2", "Các bước nộp hồ sơ trực tuyến"),
                (
                    "ol",
                    [
                        "Truy cập đúng địa chỉ cổng dịch vụ công (kiểm tra kỹ tên miền .gov.vn) và đăng nhập.",
                        "Tìm thủ tục theo tên hoặc lĩnh vực, chọn đúng cơ quan thực hiện.",
                        "Điền tờ khai điện tử, đính kèm thành phần hồ sơ theo hướng dẫn (bản điện tử hoặc bản chụp rõ nét).",
                        "Thanh toán phí, lệ phí trực tuyến nếu có.",
                        "Lưu mã hồ sơ để tra cứu tiến độ; nhận kết quả điện tử hoặc tại nơi đã đăng ký.",
                    ],
                ),
                ("h2", "Vai trò của cán bộ, công chức"),
                (
                    "p",
                    "Cán bộ, công chức vừa là người sử dụng, vừa là người hướng dẫn. Tại bộ phận tiếp nhận và trả kết quả, hãy chủ động hướng dẫn người dân tạo tài khoản, nộp hồ sơ trực tuyến và tra cứu kết quả, đồng thời nhắc rằng cán bộ không bao giờ đề nghị người dân cung cấp mật khẩu hay mã OTP. Khi xử lý hồ sơ trên hệ thống, hãy tuân thủ đúng thời hạn và cập nhật trạng thái kịp thời để người dân theo dõi được.",
                ),
                (
                    "warning",
                    "Cổng dịch vụ công giả mạo",
                    "Kẻ gian lập trang web, ứng dụng có giao diện giống cổng dịch vụ công để đánh cắp tài khoản và thông tin cá nhân. Chỉ truy cập qua địa chỉ chính thức có tên miền .gov.vn, không cài ứng dụng “dịch vụ công” từ đường link gửi qua tin nhắn.",
                ),
            ],
        },
    ],
}

COURSES = [SECURITY_BASICS, PHISHING, DIGITAL_SIGNATURE]

# A required course (courses.models.Assignment) for every cadre of the demo province (units.demo.PROVINCE and
# its subunits): due 30 days after joining the scope, to be taken again every year.
DEMO_ASSIGNMENT = {
    "title": "Bồi dưỡng an toàn thông tin năm 2026",
    "course": SECURITY_BASICS["slug"],
    "starts_on": date(2026, 1, 1),
    "due_days": 30,
    "recert_months": 12,
}

# Laws the demo courses cite. The digital-signature course was written under the 2005 law, which the 2023 law
# replaced on 01/07/2024: the editor's start page lists it for updating.
LAW_REFERENCES = [
    {
        "number": "51/2005/QH11",
        "title": "Luật Giao dịch điện tử 2005",
        "replaced_by": "Luật Giao dịch điện tử 2023, số 20/2023/QH15",
        "replaced_on": date(2024, 7, 1),
    },
    {"number": "20/2023/QH15", "title": "Luật Giao dịch điện tử 2023", "replaced_by": "", "replaced_on": None},
]
CITED_LAWS = {"chu-ky-so-va-dich-vu-cong-truc-tuyen": ["51/2005/QH11"]}
