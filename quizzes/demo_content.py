"""Demo question bank, lesson quizzes and contest: plain data, built into rows by quizzes.demo.

A law is named with its number and year only where that is certain; otherwise the text says
"pháp luật về ..." so that the demo stays true as the laws change.
Each question: code, type, difficulty, stem, explanation, options as (text, is_correct, feedback).
"""

# ruff: noqa: E501

from courses.models import CourseTopic

from .models import Difficulty, QuestionType, Scoring

SINGLE, MULTIPLE, TRUE_FALSE = QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TRUE_FALSE
EASY, MEDIUM, HARD = Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD

IT_LAW = "Pháp luật về công nghệ thông tin"
SECURITY = "An toàn thông tin và an ninh mạng"
DIGITAL_SKILLS = "Kỹ năng số trong công vụ"

CATEGORIES = [
    {
        "name": IT_LAW,
        "topic": CourseTopic.IT_LAW,
        "description": "An ninh mạng, giao dịch điện tử, bảo vệ dữ liệu cá nhân, bảo vệ bí mật nhà nước, văn bản điện tử.",
    },
    {
        "name": SECURITY,
        "topic": CourseTopic.SECURITY,
        "description": "Mật khẩu, xác thực hai lớp, thư giả mạo, mã độc, thiết bị lưu trữ, sao lưu và xử lý sự cố.",
    },
    {
        "name": DIGITAL_SKILLS,
        "topic": CourseTopic.DIGITAL_SKILLS,
        "description": "Chữ ký số, dịch vụ công trực tuyến, chia sẻ tài liệu, sử dụng công cụ số an toàn.",
    },
]


def true_false(is_true, if_true, if_false):
    """The two options of a true/false question, with the feedback each choice gets."""
    return [("Đúng", is_true, if_true), ("Sai", not is_true, if_false)]


QUESTIONS = [
    # Pháp luật về công nghệ thông tin
    {
        "code": "DEMO-PL-01",
        "category": IT_LAW,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Luật An ninh mạng năm 2018 có hiệu lực thi hành từ ngày nào?",
        "explanation": "Luật An ninh mạng số 24/2018/QH14 được Quốc hội thông qua ngày 12/6/2018 và có hiệu lực thi hành từ ngày 01/01/2019.",
        "options": [
            ("Ngày 01/01/2019", True, "Chính xác: Luật có hiệu lực từ ngày 01/01/2019."),
            ("Ngày 12/6/2018", False, "Đây là ngày Quốc hội thông qua Luật, chưa phải ngày Luật có hiệu lực."),
            ("Ngày 01/7/2018", False, "Chưa đúng: Luật có hiệu lực từ ngày 01/01/2019."),
            ("Ngày 01/01/2020", False, "Chưa đúng: Luật có hiệu lực sớm hơn, từ ngày 01/01/2019."),
        ],
    },
    {
        "code": "DEMO-PL-02",
        "category": IT_LAW,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Luật Giao dịch điện tử năm 2023 có hiệu lực thi hành từ ngày nào?",
        "explanation": "Luật Giao dịch điện tử số 20/2023/QH15 được Quốc hội thông qua ngày 22/6/2023, có hiệu lực từ ngày 01/7/2024 và thay thế Luật Giao dịch điện tử năm 2005.",
        "options": [
            ("Ngày 01/7/2024", True, "Chính xác: Luật có hiệu lực từ ngày 01/7/2024."),
            ("Ngày 22/6/2023", False, "Đây là ngày Quốc hội thông qua Luật, chưa phải ngày Luật có hiệu lực."),
            ("Ngày 01/01/2024", False, "Chưa đúng: Luật có hiệu lực từ ngày 01/7/2024."),
            ("Ngày 01/7/2023", False, "Chưa đúng: khi đó Luật vừa được thông qua, chưa có hiệu lực."),
        ],
    },
    {
        "code": "DEMO-PL-03",
        "category": IT_LAW,
        "type": TRUE_FALSE,
        "difficulty": EASY,
        "stem": "Theo Luật Giao dịch điện tử năm 2023, thông tin trong thông điệp dữ liệu không bị phủ nhận giá trị pháp lý chỉ vì thông tin đó được thể hiện dưới dạng thông điệp dữ liệu.",
        "explanation": "Luật thừa nhận giá trị pháp lý của thông điệp dữ liệu: hình thức điện tử tự nó không làm mất giá trị pháp lý của thông tin.",
        "options": true_false(
            True,
            "Chính xác: hình thức điện tử không làm mất giá trị pháp lý của thông tin.",
            "Chưa đúng: Luật không phủ nhận giá trị pháp lý của thông tin chỉ vì thông tin ở dạng điện tử.",
        ),
    },
    {
        "code": "DEMO-PL-04",
        "category": IT_LAW,
        "type": MULTIPLE,
        "scoring": Scoring.PARTIAL,
        "difficulty": MEDIUM,
        "stem": "Theo pháp luật về bảo vệ dữ liệu cá nhân, những thông tin nào dưới đây là dữ liệu cá nhân nhạy cảm?",
        "explanation": "Dữ liệu cá nhân nhạy cảm gắn liền với quyền riêng tư, khi bị xâm phạm gây ảnh hưởng trực tiếp đến quyền và lợi ích hợp pháp của cá nhân, ví dụ tình trạng sức khỏe, dữ liệu sinh trắc học. Họ tên là dữ liệu cá nhân cơ bản và tên cơ quan nơi công tác không thuộc nhóm nhạy cảm; mọi dữ liệu cá nhân đều phải được bảo vệ.",
        "options": [
            ("Thông tin về tình trạng sức khỏe", True, "Đúng: thông tin sức khỏe là dữ liệu cá nhân nhạy cảm."),
            (
                "Dữ liệu sinh trắc học như vân tay, khuôn mặt",
                True,
                "Đúng: dữ liệu sinh trắc học là dữ liệu cá nhân nhạy cảm.",
            ),
            ("Họ, chữ đệm và tên khai sinh", False, "Họ tên là dữ liệu cá nhân cơ bản, không thuộc nhóm nhạy cảm."),
            ("Tên cơ quan nơi công tác", False, "Thông tin này không thuộc nhóm dữ liệu cá nhân nhạy cảm."),
        ],
    },
    {
        "code": "DEMO-PL-05",
        "category": IT_LAW,
        "type": TRUE_FALSE,
        "difficulty": MEDIUM,
        "stem": "Theo pháp luật về bảo vệ dữ liệu cá nhân, việc chủ thể dữ liệu im lặng, không phản hồi được coi là đã đồng ý cho xử lý dữ liệu cá nhân của mình.",
        "explanation": "Sự đồng ý phải được thể hiện rõ ràng, cụ thể, ví dụ bằng văn bản, giọng nói hoặc đánh dấu vào ô đồng ý. Im lặng hoặc không phản hồi không được coi là sự đồng ý.",
        "options": true_false(
            False,
            "Chưa đúng: im lặng hoặc không phản hồi không được coi là sự đồng ý.",
            "Chính xác: sự đồng ý phải được thể hiện rõ ràng, im lặng không phải là đồng ý.",
        ),
    },
    {
        "code": "DEMO-PL-06",
        "category": IT_LAW,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Theo Luật Bảo vệ bí mật nhà nước năm 2018, bí mật nhà nước được phân thành những độ mật nào?",
        "explanation": "Luật Bảo vệ bí mật nhà nước số 29/2018/QH14 phân loại bí mật nhà nước theo ba độ mật: Tuyệt mật, Tối mật và Mật.",
        "options": [
            ("Tuyệt mật, Tối mật và Mật", True, "Chính xác: có ba độ mật."),
            ("Mật và Không mật", False, "Chưa đúng: “Không mật” không phải là một độ mật."),
            ("Tuyệt mật, Mật và Hạn chế", False, "Chưa đúng: “Hạn chế” không phải là độ mật theo Luật."),
            (
                "Cấp độ 1 đến cấp độ 5",
                False,
                "Chưa đúng: đây là cách phân loại cấp độ an toàn hệ thống thông tin, không phải độ mật.",
            ),
        ],
    },
    {
        "code": "DEMO-PL-07",
        "category": IT_LAW,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Việc nào dưới đây bị nghiêm cấm theo quy định của pháp luật về bảo vệ bí mật nhà nước?",
        "explanation": "Pháp luật nghiêm cấm soạn thảo, lưu giữ tài liệu có nội dung bí mật nhà nước trên máy tính hoặc thiết bị đã kết nối hoặc đang kết nối với mạng Internet, trừ trường hợp lưu giữ theo quy định của pháp luật về cơ yếu.",
        "options": [
            (
                "Soạn thảo, lưu giữ tài liệu có nội dung bí mật nhà nước trên máy tính đã hoặc đang kết nối Internet",
                True,
                "Chính xác: đây là hành vi bị nghiêm cấm.",
            ),
            (
                "Cất giữ tài liệu mật trong tủ, két có khóa theo quy định",
                False,
                "Đây là việc làm đúng để bảo vệ tài liệu mật.",
            ),
            ("Vào sổ theo dõi khi giao, nhận tài liệu mật", False, "Đây là việc làm đúng theo quy định."),
            ("Đóng dấu độ mật lên tài liệu theo quy định", False, "Đây là việc làm đúng theo quy định."),
        ],
    },
    {
        "code": "DEMO-PL-08",
        "category": IT_LAW,
        "type": MULTIPLE,
        "difficulty": MEDIUM,
        "stem": "Những hành vi nào dưới đây bị nghiêm cấm theo Luật An ninh mạng năm 2018?",
        "explanation": "Luật An ninh mạng nghiêm cấm, trong số các hành vi khác, đăng tải, phát tán thông tin sai sự thật gây hoang mang trong Nhân dân và thực hiện tấn công mạng. Báo tin vi phạm cho cơ quan chức năng và chia sẻ thông tin chính thống là việc nên làm.",
        "options": [
            (
                "Đăng tải, phát tán thông tin sai sự thật gây hoang mang trong Nhân dân",
                True,
                "Đúng: đây là hành vi bị nghiêm cấm.",
            ),
            (
                "Thực hiện tấn công mạng, xâm nhập trái phép hệ thống thông tin",
                True,
                "Đúng: đây là hành vi bị nghiêm cấm.",
            ),
            (
                "Báo cho cơ quan chức năng khi phát hiện thông tin vi phạm pháp luật trên không gian mạng",
                False,
                "Đây là việc nên làm, không bị cấm.",
            ),
            (
                "Chia sẻ thông tin từ cổng thông tin điện tử chính thức của cơ quan nhà nước",
                False,
                "Chia sẻ thông tin chính thống không bị cấm.",
            ),
        ],
    },
    {
        "code": "DEMO-PL-09",
        "category": IT_LAW,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Văn bản điện tử được ký số bởi người có thẩm quyền và ký số của cơ quan, tổ chức theo quy định về công tác văn thư có giá trị pháp lý như thế nào?",
        "explanation": "Theo quy định về công tác văn thư, văn bản điện tử được ký số đúng thẩm quyền và đúng quy định có giá trị pháp lý như bản gốc văn bản giấy; không cần in ra, ký tay, đóng dấu để gửi kèm.",
        "options": [
            ("Có giá trị pháp lý như bản gốc văn bản giấy", True, "Chính xác."),
            (
                "Chỉ có giá trị tham khảo",
                False,
                "Chưa đúng: văn bản điện tử ký số đúng quy định có giá trị pháp lý đầy đủ.",
            ),
            ("Chỉ có giá trị khi được in ra và đóng dấu đỏ", False, "Chưa đúng: không cần in ra đóng dấu."),
            (
                "Chỉ có giá trị trong nội bộ cơ quan ban hành",
                False,
                "Chưa đúng: giá trị pháp lý không giới hạn trong nội bộ.",
            ),
        ],
    },
    {
        "code": "DEMO-PL-10",
        "category": IT_LAW,
        "type": SINGLE,
        "difficulty": HARD,
        "stem": "Theo Luật An toàn thông tin mạng năm 2015, hệ thống thông tin được phân loại theo mấy cấp độ an toàn?",
        "explanation": "Luật An toàn thông tin mạng số 86/2015/QH13 phân loại hệ thống thông tin theo 5 cấp độ an toàn, từ cấp độ 1 đến cấp độ 5 (cao nhất); mỗi cấp độ có yêu cầu bảo vệ tương ứng.",
        "options": [
            ("5 cấp độ", True, "Chính xác: từ cấp độ 1 đến cấp độ 5."),
            ("3 cấp độ", False, "Chưa đúng: ba độ (Tuyệt mật, Tối mật, Mật) là phân loại bí mật nhà nước."),
            ("4 cấp độ", False, "Chưa đúng: Luật quy định 5 cấp độ."),
            ("2 cấp độ", False, "Chưa đúng: Luật quy định 5 cấp độ."),
        ],
    },
    # An toàn thông tin và an ninh mạng
    {
        "code": "DEMO-AT-01",
        "category": SECURITY,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Mật khẩu nào dưới đây mạnh nhất?",
        "explanation": "Mật khẩu mạnh cần đủ dài (nên từ 12 ký tự trở lên) và không chứa thông tin dễ đoán như họ tên, năm sinh, chuỗi số liên tiếp. Một cụm nhiều từ không liên quan vừa dài vừa dễ nhớ.",
        "options": [
            (
                "Tra-xanh-Buoi-sang-7-gio!",
                True,
                "Chính xác: cụm từ dài, kết hợp chữ hoa, chữ thường, chữ số và ký hiệu.",
            ),
            ("123456789", False, "Chuỗi số liên tiếp là một trong những mật khẩu bị dò ra đầu tiên."),
            ("Hoang1985", False, "Họ tên kèm năm sinh rất dễ đoán và quá ngắn."),
            ("matkhau", False, "Từ “mật khẩu” viết không dấu là mật khẩu phổ biến, rất dễ đoán."),
        ],
    },
    {
        "code": "DEMO-AT-02",
        "category": SECURITY,
        "type": TRUE_FALSE,
        "difficulty": EASY,
        "stem": "Dùng chung một mật khẩu cho thư điện tử công vụ và các tài khoản mạng xã hội cá nhân là an toàn nếu mật khẩu đủ dài.",
        "explanation": "Khi một dịch vụ bị lộ dữ liệu, kẻ gian dùng danh sách mật khẩu đã lộ để thử đăng nhập các dịch vụ khác. Mỗi tài khoản cần một mật khẩu riêng, dù mật khẩu dài đến đâu.",
        "options": true_false(
            False,
            "Chưa đúng: một mật khẩu bị lộ ở một nơi sẽ bị thử ở mọi nơi khác.",
            "Chính xác: mỗi tài khoản cần một mật khẩu riêng.",
        ),
    },
    {
        "code": "DEMO-AT-03",
        "category": SECURITY,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Xác thực hai lớp giúp bảo vệ tài khoản như thế nào?",
        "explanation": "Xác thực hai lớp yêu cầu thêm một yếu tố ngoài mật khẩu, như mã dùng một lần (OTP) hoặc xác nhận trên điện thoại đã đăng ký. Kẻ gian có mật khẩu vẫn không đăng nhập được.",
        "options": [
            ("Kẻ gian biết mật khẩu vẫn cần thêm yếu tố thứ hai mới đăng nhập được", True, "Chính xác."),
            ("Mật khẩu không bao giờ phải đổi nữa", False, "Chưa đúng: vẫn cần đổi mật khẩu khi nghi bị lộ."),
            (
                "Máy tính không thể bị nhiễm mã độc",
                False,
                "Chưa đúng: xác thực hai lớp bảo vệ tài khoản, không chống được mã độc.",
            ),
            (
                "Có thể chia sẻ mã OTP cho đồng nghiệp để đăng nhập hộ",
                False,
                "Chưa đúng: mã OTP chỉ để chính bạn nhập, không đưa cho ai.",
            ),
        ],
    },
    {
        "code": "DEMO-AT-04",
        "category": SECURITY,
        "type": MULTIPLE,
        "scoring": Scoring.PARTIAL,
        "difficulty": MEDIUM,
        "stem": "Những dấu hiệu nào cho thấy một thư điện tử có thể là thư giả mạo?",
        "explanation": "Thư giả mạo thường dùng địa chỉ gần giống địa chỉ thật, tạo cảm giác khẩn cấp và dẫn người nhận đến trang nhập mật khẩu. Khi nghi ngờ, hãy xác minh qua kênh khác, không bấm vào đường link trong thư.",
        "options": [
            (
                "Địa chỉ người gửi gần giống tên miền của cơ quan nhưng sai một vài ký tự",
                True,
                "Đúng: tên miền nhái là dấu hiệu thường gặp.",
            ),
            ("Thúc giục hành động gấp, dọa khóa tài khoản", True, "Đúng: tạo áp lực thời gian là thủ đoạn phổ biến."),
            (
                "Yêu cầu nhập mật khẩu qua đường link trong thư",
                True,
                "Đúng: cơ quan không yêu cầu nhập mật khẩu qua link trong thư.",
            ),
            (
                "Thư từ địa chỉ quen thuộc, chỉ nhắc lại lịch họp đã thống nhất trước",
                False,
                "Đây không phải dấu hiệu giả mạo.",
            ),
        ],
    },
    {
        "code": "DEMO-AT-05",
        "category": SECURITY,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Một người gọi điện tự xưng là cán bộ kỹ thuật, đề nghị bạn đọc mã OTP vừa nhận được để “đồng bộ tài khoản”. Bạn nên làm gì?",
        "explanation": "Không cơ quan, tổ chức hợp pháp nào yêu cầu người dùng đọc mã OTP qua điện thoại. Mã OTP chỉ để chính bạn nhập; hãy kết thúc cuộc gọi và báo bộ phận công nghệ thông tin.",
        "options": [
            ("Không cung cấp mã, kết thúc cuộc gọi và báo bộ phận công nghệ thông tin của cơ quan", True, "Chính xác."),
            (
                "Đọc mã vì người gọi biết họ tên và đơn vị của mình",
                False,
                "Kẻ gian dễ dàng biết họ tên, đơn vị của bạn; đó không phải bằng chứng.",
            ),
            (
                "Đọc mã nhưng đổi mật khẩu ngay sau đó",
                False,
                "Kẻ gian dùng mã ngay lập tức; đổi mật khẩu sau là quá muộn.",
            ),
            (
                "Gửi mã qua tin nhắn thay vì đọc qua điện thoại",
                False,
                "Gửi mã bằng bất kỳ cách nào cũng là trao tài khoản cho kẻ gian.",
            ),
        ],
    },
    {
        "code": "DEMO-AT-06",
        "category": SECURITY,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Bạn nhặt được một chiếc USB ở hành lang cơ quan. Cách xử lý nào đúng?",
        "explanation": "USB không rõ nguồn gốc có thể chứa mã độc tự chạy khi cắm vào máy. Không cắm thử, hãy giao cho bộ phận phụ trách để xử lý theo quy định.",
        "options": [
            ("Không cắm vào máy tính, giao cho bộ phận công nghệ thông tin hoặc hành chính", True, "Chính xác."),
            ("Cắm vào máy tính cơ quan để tìm chủ nhân", False, "Cắm USB lạ có thể làm lây mã độc vào mạng cơ quan."),
            (
                "Cắm vào máy tính ở nhà cho an toàn",
                False,
                "Máy ở nhà cũng có thể nhiễm mã độc và lây sang thiết bị khác.",
            ),
            ("Quét virus rồi dùng làm USB của mình", False, "Không nên dùng thiết bị không rõ nguồn gốc."),
        ],
    },
    {
        "code": "DEMO-AT-07",
        "category": SECURITY,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Theo quy tắc sao lưu 3-2-1, cách làm nào đúng?",
        "explanation": "Quy tắc 3-2-1: giữ 3 bản sao dữ liệu, trên 2 loại phương tiện lưu trữ khác nhau, trong đó 1 bản để ở nơi khác và không thường xuyên kết nối với máy tính, để không mất dữ liệu khi gặp mã độc tống tiền, hỏng ổ cứng hay mất máy.",
        "options": [
            ("3 bản sao dữ liệu, trên 2 loại phương tiện khác nhau, 1 bản để ở nơi khác", True, "Chính xác."),
            (
                "3 thư mục trên cùng một ổ đĩa, sao lưu 2 lần mỗi năm",
                False,
                "Các bản trên cùng một ổ đĩa sẽ mất cùng lúc khi ổ hỏng.",
            ),
            ("3 mật khẩu, 2 ổ cứng, 1 máy tính", False, "Chưa đúng: quy tắc nói về số bản sao và nơi lưu giữ."),
            (
                "Sao lưu 3 ngày một lần lên 2 USB luôn cắm trên máy",
                False,
                "Bản sao luôn kết nối với máy có thể bị mã độc mã hóa cùng lúc.",
            ),
        ],
    },
    {
        "code": "DEMO-AT-08",
        "category": SECURITY,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Máy tính có dấu hiệu nhiễm mã độc tống tiền: tệp tin bị đổi phần mở rộng, xuất hiện thông báo đòi tiền chuộc. Việc cần làm trước tiên là gì?",
        "explanation": "Ngắt kết nối mạng giúp hạn chế mã độc lây sang máy khác và máy chủ; sau đó báo ngay cho bộ phận chuyên trách. Không trả tiền chuộc, không cắm thiết bị sao lưu vào máy đang nhiễm.",
        "options": [
            ("Ngắt kết nối mạng của máy và báo ngay cho bộ phận công nghệ thông tin", True, "Chính xác."),
            (
                "Trả tiền chuộc để lấy lại dữ liệu",
                False,
                "Trả tiền không bảo đảm lấy lại dữ liệu và khuyến khích tội phạm.",
            ),
            ("Cắm ổ cứng sao lưu vào để chép dữ liệu ra", False, "Ổ sao lưu có thể bị mã hóa nốt."),
            ("Tiếp tục làm việc, chờ máy tự hết", False, "Mã độc sẽ tiếp tục mã hóa dữ liệu và lây lan."),
        ],
    },
    {
        "code": "DEMO-AT-09",
        "category": SECURITY,
        "type": TRUE_FALSE,
        "difficulty": MEDIUM,
        "stem": "Biểu tượng ổ khóa (HTTPS) trên thanh địa chỉ bảo đảm trang web đó là trang chính thức, không phải trang giả mạo.",
        "explanation": "HTTPS chỉ cho biết kết nối giữa trình duyệt và trang web được mã hóa. Trang giả mạo cũng có thể dùng HTTPS; cần kiểm tra kỹ tên miền.",
        "options": true_false(
            False,
            "Chưa đúng: trang giả mạo cũng có thể có ổ khóa HTTPS.",
            "Chính xác: ổ khóa chỉ cho biết kết nối được mã hóa; hãy kiểm tra tên miền.",
        ),
    },
    {
        "code": "DEMO-AT-10",
        "category": SECURITY,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Tổ hợp phím nào khóa nhanh màn hình máy tính Windows khi bạn rời chỗ ngồi?",
        "explanation": "Tổ hợp Windows + L khóa màn hình ngay lập tức; muốn dùng lại phải nhập mật khẩu hoặc mã PIN.",
        "options": [
            ("Windows + L", True, "Chính xác."),
            ("Windows + D", False, "Tổ hợp này chỉ thu nhỏ các cửa sổ để hiện màn hình nền, không khóa máy."),
            ("Alt + Tab", False, "Tổ hợp này chuyển giữa các cửa sổ đang mở."),
            ("Ctrl + C", False, "Tổ hợp này dùng để sao chép."),
        ],
    },
    # Kỹ năng số trong công vụ
    {
        "code": "DEMO-KN-01",
        "category": DIGITAL_SKILLS,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Chữ ký số hoạt động dựa trên nguyên lý nào?",
        "explanation": "Chữ ký số là chữ ký điện tử sử dụng thuật toán khóa không đối xứng: người ký dùng khóa bí mật để ký, người nhận dùng khóa công khai trong chứng thư chữ ký số để kiểm tra chữ ký và biết văn bản có bị sửa đổi sau khi ký hay không.",
        "options": [
            ("Cặp khóa không đối xứng: khóa bí mật để ký, khóa công khai để kiểm tra", True, "Chính xác."),
            (
                "Ảnh chụp chữ ký tay được chèn vào văn bản",
                False,
                "Ảnh chữ ký không phải chữ ký số và ai cũng sao chép được.",
            ),
            ("Một mật khẩu dùng chung giữa người ký và người nhận", False, "Chữ ký số không dùng mật khẩu chung."),
            (
                "Mã OTP gửi qua tin nhắn cho người nhận",
                False,
                "OTP là yếu tố xác thực đăng nhập, không phải chữ ký số.",
            ),
        ],
    },
    {
        "code": "DEMO-KN-02",
        "category": DIGITAL_SKILLS,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Phần mềm báo chữ ký số trên văn bản bạn nhận được là không hợp lệ, hoặc văn bản đã bị sửa đổi sau khi ký. Bạn nên làm gì?",
        "explanation": "Chữ ký không hợp lệ có thể do văn bản bị sửa sau khi ký, chứng thư hết hiệu lực hoặc bị giả mạo. Cần xác minh với cơ quan gửi trước khi xử lý.",
        "options": [
            ("Liên hệ cơ quan gửi để xác minh trước khi xử lý văn bản", True, "Chính xác."),
            (
                "Vẫn xử lý bình thường vì văn bản có hình ảnh con dấu",
                False,
                "Hình ảnh con dấu không chứng minh văn bản còn nguyên vẹn.",
            ),
            (
                "Tự sửa lại nội dung rồi ký số của mình lên văn bản",
                False,
                "Không được tự sửa văn bản của cơ quan khác.",
            ),
            ("Chuyển tiếp ngay cho các đơn vị liên quan", False, "Cần xác minh trước khi chuyển tiếp."),
        ],
    },
    {
        "code": "DEMO-KN-03",
        "category": DIGITAL_SKILLS,
        "type": MULTIPLE,
        "scoring": Scoring.PARTIAL,
        "difficulty": EASY,
        "stem": "Những việc nào đúng khi bảo quản thiết bị ký số (USB token)?",
        "explanation": "Ai nắm giữ thiết bị ký số và mã PIN thì ký được văn bản nhân danh người được cấp chứng thư. Đổi mã PIN mặc định, không ghi mã PIN lên thiết bị, rút thiết bị sau khi ký và không giao cho người khác.",
        "options": [
            ("Đổi mã PIN mặc định ngay khi nhận thiết bị", True, "Đúng."),
            ("Rút thiết bị khỏi máy tính ngay sau khi ký xong", True, "Đúng."),
            (
                "Giao thiết bị và mã PIN cho văn thư để ký hộ khi đi công tác",
                False,
                "Không được giao thiết bị và mã PIN cho người khác.",
            ),
            ("Dán mã PIN lên thiết bị để khỏi quên", False, "Mã PIN không được để cùng chỗ với thiết bị."),
        ],
    },
    {
        "code": "DEMO-KN-04",
        "category": DIGITAL_SKILLS,
        "type": TRUE_FALSE,
        "difficulty": EASY,
        "stem": "Ảnh chụp (scan) chữ ký tay chèn vào văn bản điện tử có giá trị như chữ ký số.",
        "explanation": "Ảnh chữ ký có thể bị bất kỳ ai sao chép, chèn vào văn bản khác và không cho biết văn bản có bị sửa hay không. Chữ ký số được tạo bằng khóa bí mật của người ký và kiểm tra được.",
        "options": true_false(
            False,
            "Chưa đúng: ảnh chữ ký không có các bảo đảm của chữ ký số.",
            "Chính xác: ảnh chữ ký không phải chữ ký số.",
        ),
    },
    {
        "code": "DEMO-KN-05",
        "category": DIGITAL_SKILLS,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Địa chỉ nào là địa chỉ của Cổng Dịch vụ công quốc gia?",
        "explanation": "Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn. Trang của cơ quan nhà nước dùng tên miền .gov.vn; cảnh giác với các địa chỉ nhái có thêm dấu gạch hoặc đuôi khác.",
        "options": [
            ("dichvucong.gov.vn", True, "Chính xác."),
            ("dichvucong-gov.vn", False, "Địa chỉ có dấu gạch nối là tên miền nhái."),
            ("dichvucong.com.vn", False, "Đuôi .com.vn không phải tên miền của cơ quan nhà nước."),
            ("dvc-quocgia.net", False, "Đây không phải địa chỉ chính thức."),
        ],
    },
    {
        "code": "DEMO-KN-06",
        "category": DIGITAL_SKILLS,
        "type": SINGLE,
        "difficulty": EASY,
        "stem": "Người dân có thể đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản nào dưới đây?",
        "explanation": "Người dân đăng nhập bằng tài khoản định danh điện tử VNeID; nhiều thông tin được điền sẵn nhờ kết nối với Cơ sở dữ liệu quốc gia về dân cư.",
        "options": [
            ("Tài khoản định danh điện tử VNeID", True, "Chính xác."),
            ("Tài khoản mạng xã hội bất kỳ", False, "Tài khoản mạng xã hội không dùng để đăng nhập cổng dịch vụ công."),
            (
                "Tài khoản do người lạ “kích hoạt hộ” qua tin nhắn",
                False,
                "Không nhờ người lạ kích hoạt tài khoản; đây là thủ đoạn lừa đảo.",
            ),
            (
                "Tài khoản thư điện tử công vụ của cán bộ một cửa",
                False,
                "Người dân dùng tài khoản của chính mình, không dùng tài khoản của cán bộ.",
            ),
        ],
    },
    {
        "code": "DEMO-KN-07",
        "category": DIGITAL_SKILLS,
        "type": TRUE_FALSE,
        "difficulty": EASY,
        "stem": "Khi hướng dẫn người dân nộp hồ sơ trực tuyến, cán bộ có thể đề nghị người dân đọc mã OTP để thao tác hộ cho nhanh.",
        "explanation": "Cán bộ hướng dẫn để người dân tự thao tác và nhắc rằng không ai được hỏi mật khẩu hay mã OTP của họ, kể cả cán bộ. Như vậy người dân cũng nhận ra kẻ gian mạo danh cán bộ.",
        "options": true_false(
            False,
            "Chưa đúng: cán bộ không bao giờ đề nghị người dân cung cấp mã OTP.",
            "Chính xác: mã OTP chỉ để người dân tự nhập.",
        ),
    },
    {
        "code": "DEMO-KN-08",
        "category": DIGITAL_SKILLS,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Khi chia sẻ tài liệu công việc qua dịch vụ lưu trữ đám mây, cách làm nào an toàn hơn?",
        "explanation": "Chia sẻ cho đúng người, đúng quyền (xem hay sửa) và có thời hạn giúp tài liệu không bị lộ khi đường link bị chuyển tiếp. Dùng hệ thống lưu trữ do cơ quan cung cấp cho tài liệu công việc.",
        "options": [
            ("Chia sẻ cho đúng tài khoản người cần xem, giới hạn quyền và thời hạn truy cập", True, "Chính xác."),
            (
                "Bật chế độ “bất kỳ ai có đường link đều xem được” và gửi link vào nhóm chat đông người",
                False,
                "Link công khai có thể bị chuyển tiếp cho người ngoài.",
            ),
            (
                "Gửi kèm mật khẩu tài khoản lưu trữ để đồng nghiệp tự tải",
                False,
                "Không chia sẻ mật khẩu tài khoản cho bất kỳ ai.",
            ),
            (
                "Tải tài liệu lên một trang chia sẻ tệp miễn phí bất kỳ",
                False,
                "Dịch vụ không rõ nguồn gốc có thể làm lộ tài liệu.",
            ),
        ],
    },
    {
        "code": "DEMO-KN-09",
        "category": DIGITAL_SKILLS,
        "type": SINGLE,
        "difficulty": MEDIUM,
        "stem": "Khi dùng công cụ trí tuệ nhân tạo trực tuyến để hỗ trợ soạn thảo, việc nào cần tránh?",
        "explanation": "Nội dung nhập vào công cụ trực tuyến được gửi đến máy chủ của nhà cung cấp. Không đưa tài liệu mật, dữ liệu cá nhân của người dân vào đó, và luôn kiểm tra lại kết quả trước khi sử dụng.",
        "options": [
            (
                "Dán nội dung tài liệu mật, dữ liệu cá nhân của người dân vào công cụ",
                True,
                "Chính xác: đây là việc cần tránh.",
            ),
            ("Kiểm tra lại thông tin, số liệu do công cụ đưa ra", False, "Đây là việc nên làm."),
            (
                "Dùng công cụ để gợi ý bố cục cho một bài viết tuyên truyền công khai",
                False,
                "Việc này có thể làm, miễn là kiểm tra lại nội dung.",
            ),
            ("Tuân thủ quy định của cơ quan về sử dụng công cụ số", False, "Đây là việc nên làm."),
        ],
    },
    {
        "code": "DEMO-KN-10",
        "category": DIGITAL_SKILLS,
        "type": MULTIPLE,
        "scoring": Scoring.PARTIAL,
        "difficulty": MEDIUM,
        "stem": "Để nhận biết trang web chính thức của cơ quan nhà nước, bạn nên kiểm tra những gì?",
        "explanation": "Trang của cơ quan nhà nước dùng tên miền .gov.vn và được công bố trên văn bản, cổng thông tin chính thức. Quảng cáo tìm kiếm và lời mời tải ứng dụng qua link là nơi kẻ gian hay lợi dụng.",
        "options": [
            ("Tên miền kết thúc bằng .gov.vn", True, "Đúng."),
            ("Địa chỉ được công bố trên văn bản hoặc cổng thông tin chính thức", True, "Đúng."),
            ("Trang có nhiều quảng cáo và mời tải ứng dụng qua đường link", False, "Đây là dấu hiệu đáng ngờ."),
            (
                "Trang xuất hiện đầu tiên trong các kết quả quảng cáo khi tìm kiếm",
                False,
                "Kẻ gian có thể mua quảng cáo để trang giả mạo hiện lên đầu.",
            ),
        ],
    },
]

# One end-of-course quiz per demo course, placed in the course's activity-rule lesson.
LESSON_QUIZZES = {
    "an-toan-thong-tin-co-ban": {
        "title": "Kiểm tra cuối khóa: An toàn thông tin cơ bản",
        "questions": ["DEMO-AT-01", "DEMO-AT-02", "DEMO-AT-03", "DEMO-AT-06", "DEMO-AT-07", "DEMO-AT-08"],
    },
    "nhan-dien-lua-dao-truc-tuyen": {
        "title": "Kiểm tra cuối khóa: Nhận diện lừa đảo trực tuyến",
        "questions": ["DEMO-AT-04", "DEMO-AT-05", "DEMO-AT-09", "DEMO-KN-05", "DEMO-KN-10"],
    },
    "chu-ky-so-va-dich-vu-cong-truc-tuyen": {
        "title": "Kiểm tra cuối khóa: Chữ ký số và dịch vụ công trực tuyến",
        "questions": ["DEMO-KN-01", "DEMO-KN-02", "DEMO-KN-03", "DEMO-KN-04", "DEMO-KN-06", "DEMO-KN-07"],
    },
}
LESSON_QUIZ_PASS_MARK = 60
LESSON_QUIZ_INTRO = "Bài kiểm tra cuối khóa gồm các câu hỏi trắc nghiệm về nội dung khóa học. Đạt từ 60% số điểm trở lên để hoàn thành bài học này; bạn được làm lại nhiều lần."

CONTEST_QUIZ = {
    "title": "Bài thi: Cuộc thi trực tuyến tìm hiểu pháp luật về an toàn thông tin mạng năm 2026",
    "description": "Mỗi lượt thi gồm 10 câu hỏi rút ngẫu nhiên, làm trong 15 phút. Sau câu hỏi cuối cùng, hãy dự đoán số người trả lời đúng tất cả các câu hỏi.",
    "draws": [(IT_LAW, 4), (SECURITY, 3), (DIGITAL_SKILLS, 3)],
    "time_limit_minutes": 15,
    "max_attempts": 2,
    "open_days": 30,
}
# The open contest's second round opens when the first closes, for as long.
CONTEST_ROUND_2_QUIZ = {
    **CONTEST_QUIZ,
    "title": "Bài thi đợt 2: Cuộc thi trực tuyến tìm hiểu pháp luật về an toàn thông tin mạng năm 2026",
}
CONTEST_ROUNDS = ("Đợt 1", "Đợt 2")
# Each round's prizes (name, winners, least score %) and its collective prize (name, winners, participation %, average %).
CONTEST_PRIZES = [("Giải Nhất", 1, 90), ("Giải Nhì", 2, 80), ("Giải Ba", 3, 70), ("Giải Khuyến khích", 5, None)]
CONTEST_UNIT_PRIZES = [("Giải tập thể", 2, 50, 60)]

CONTEST_PAGE = {
    "slug": "cuoc-thi-an-toan-thong-tin-mang-2026",
    "title": "Cuộc thi trực tuyến tìm hiểu pháp luật về an toàn thông tin mạng năm 2026",
    "intro": "Cuộc thi dành cho cán bộ, công chức, viên chức nhằm nâng cao hiểu biết về pháp luật an ninh mạng, giao dịch điện tử, bảo vệ dữ liệu cá nhân và kỹ năng bảo đảm an toàn thông tin trong thực thi công vụ.",
    "rules": (
        "<h3>Đối tượng dự thi</h3>"
        "<p>Cán bộ, công chức, viên chức và người lao động của các cơ quan, đơn vị có tài khoản trên hệ thống học tập. Mỗi người dự thi bằng tài khoản của chính mình.</p>"
        "<h3>Hình thức thi</h3>"
        "<ul>"
        "<li>Mỗi lượt thi gồm <b>10 câu hỏi trắc nghiệm</b> rút ngẫu nhiên từ ngân hàng câu hỏi về pháp luật công nghệ thông tin, an toàn thông tin và kỹ năng số.</li>"
        "<li>Thời gian làm bài mỗi lượt là <b>15 phút</b>, tính từ khi bấm nút vào thi; hết giờ, hệ thống tự động nộp bài với các câu trả lời đã lưu.</li>"
        "<li>Cuộc thi có <b>2 đợt</b>, mỗi đợt 30 ngày; mỗi người được dự thi <b>tối đa 2 lượt mỗi đợt</b>, kết quả của đợt lấy lượt thi tốt nhất. Kết quả chung cuộc là tổng điểm hai đợt.</li>"
        "<li>Sau câu hỏi cuối cùng, người dự thi trả lời câu hỏi dự đoán số người trả lời đúng tất cả các câu hỏi.</li>"
        "<li>Người dân không phải cán bộ, công chức, viên chức đăng ký dự thi bằng thư điện tử; được xếp hạng cá nhân nhưng không tính vào tỉ lệ tham gia của đơn vị.</li>"
        "</ul>"
        "<h3>Xếp hạng và giải thưởng</h3>"
        "<p>Cá nhân được xếp theo điểm, rồi theo độ chính xác của câu trả lời dự đoán, thời gian làm bài và thời điểm nộp bài (đến mili giây). Mỗi đợt có 1 giải Nhất, 2 giải Nhì, 3 giải Ba và 5 giải Khuyến khích; 2 giải tập thể cho đơn vị có tỉ lệ tham gia từ 50% và điểm trung bình từ 60%. Ban Tổ chức chốt và công bố kết quả sau khi mỗi đợt kết thúc.</p>"
        "<h3>Lưu ý</h3>"
        "<ul>"
        "<li>Không nhờ người khác thi hộ; mọi lượt thi được ghi nhận theo tài khoản.</li>"
        "<li>Đáp án và giải thích được công bố sau khi cuộc thi kết thúc.</li>"
        "</ul>"
    ),
    "ranking_size": 50,
}

# A second contest, already closed, with its results published: the demo shows the rankings with it.
# Its times are in Vietnam time (Asia/Ho_Chi_Minh): (year, month, day, hour, minute).
CLOSED_CONTEST_QUIZ = {
    "title": "Bài thi: Cuộc thi trực tuyến tìm hiểu pháp luật về chuyển đổi số năm 2025",
    "description": "Mỗi lượt thi gồm 10 câu hỏi rút ngẫu nhiên, làm trong 15 phút. Sau câu hỏi cuối cùng, hãy dự đoán số người trả lời đúng tất cả các câu hỏi.",
    "draws": [(IT_LAW, 3), (SECURITY, 3), (DIGITAL_SKILLS, 4)],
    "time_limit_minutes": 15,
    "max_attempts": 2,
    "opens_at": (2025, 10, 1, 8, 0),
    "closes_at": (2025, 11, 30, 17, 0),
}

CLOSED_CONTEST_PAGE = {
    "slug": "cuoc-thi-phap-luat-chuyen-doi-so-2025",
    "title": "Cuộc thi trực tuyến tìm hiểu pháp luật về chuyển đổi số năm 2025",
    "intro": "Cuộc thi dành cho cán bộ, công chức, viên chức nhằm tìm hiểu pháp luật về chuyển đổi số, giao dịch điện tử, chữ ký số, dịch vụ công trực tuyến và bảo đảm an toàn thông tin khi thực hiện công vụ trên môi trường số.",
    "rules": (
        "<h3>Đối tượng dự thi</h3>"
        "<p>Cán bộ, công chức, viên chức và người lao động của các cơ quan, đơn vị có tài khoản trên hệ thống học tập. Mỗi người dự thi bằng tài khoản của chính mình.</p>"
        "<h3>Hình thức thi</h3>"
        "<ul>"
        "<li>Mỗi lượt thi gồm <b>10 câu hỏi trắc nghiệm</b> rút ngẫu nhiên từ ngân hàng câu hỏi về pháp luật công nghệ thông tin, an toàn thông tin và kỹ năng số.</li>"
        "<li>Thời gian làm bài mỗi lượt là <b>15 phút</b>, tính từ khi bấm nút vào thi; hết giờ, hệ thống tự động nộp bài với các câu trả lời đã lưu.</li>"
        "<li>Mỗi người được dự thi <b>tối đa 2 lượt</b>; kết quả xếp hạng lấy lượt thi tốt nhất.</li>"
        "<li>Sau câu hỏi cuối cùng, người dự thi trả lời câu hỏi dự đoán số người trả lời đúng tất cả các câu hỏi.</li>"
        "</ul>"
        "<h3>Xếp hạng</h3>"
        "<p>Cá nhân được xếp theo điểm, rồi theo độ chính xác của câu trả lời dự đoán, thời gian làm bài và thời điểm nộp bài. Đơn vị được xếp theo tỉ lệ cán bộ tham gia dự thi và điểm trung bình.</p>"
        "<h3>Kết quả</h3>"
        "<p>Cuộc thi đã kết thúc. Ban Tổ chức công bố bảng xếp hạng cá nhân và đơn vị trên trang này; người dự thi đăng nhập để xem lại bài thi của mình cùng đáp án và giải thích.</p>"
    ),
    "ranking_size": 50,
}

# How the demo fills the closed contest with results (quizzes.demo.plan_contest_results).
CLOSED_CONTEST_RESULTS = {
    "seed": 2025,
    # Share of a unit's demo cadres who took part, drawn for each unit right under the province.
    "unit_shares": (0, 0.25, 0.5, 0.5, 0.75, 0.75, 1),
    # (weight, lowest, highest chance of answering a question right) of the participants' levels.
    "skills": ((10, 0.95, 0.99), (60, 0.6, 0.9), (25, 0.4, 0.65), (5, 0.2, 0.4)),
    "second_attempt_share": 0.2,
    "no_prediction_share": 0.05,
    "timeout_share": 0.03,
}
