"""The UI's message catalogue (English source strings → Korean) and live language switching.

Every user-visible string in designer.gui goes through `tr("English text")`. Widgets that
show text connect to `translator().language_changed` and re-set their texts in a
`retranslate()` method, so View ▸ Language switches without a restart. A test walks the
gui package and fails on any `tr()` literal that has no Korean entry in `KO`.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Signal

LANGUAGES = ("en", "ko")

# English source string -> Korean. Terms follow glossary-ko.md (AWS Korea's own terms).
KO: dict[str, str] = {
    "File": "파일",
    "Edit": "편집",
    "View": "보기",
    "Help": "도움말",
    "Language": "언어",
    "English": "English",
    "Korean": "한국어",
    # ---------------------------------------------------------------- menus and actions
    "&File": "파일(&F)",
    "&Edit": "편집(&E)",
    "&View": "보기(&V)",
    "&Help": "도움말(&H)",
    "&Language": "언어(&L)",
    "&Panels": "패널(&P)",
    "&Export": "내보내기(&E)",
    "&New": "새로 만들기(&N)",
    "New &Window": "새 창(&W)",
    "New from &Sample": "샘플에서 새로 만들기(&S)",
    "&Open…": "열기(&O)…",
    "Open &Recent": "최근 파일 열기(&R)",
    # ---------------------------------------------------------------- File ▸ Import (issue 6)
    "&Import…": "가져오기(&I)…",
    "Import CloudFormation, Terraform or draw.io as a new design": "CloudFormation, Terraform 또는 draw.io를 새 설계로 가져오기",
    "Import": "가져오기",
    "Infrastructure code and diagrams (*.yaml *.yml *.json *.template *.tf *.drawio *.xml);;All files (*)": "인프라 코드와 다이어그램 (*.yaml *.yml *.json *.template *.tf *.drawio *.xml);;모든 파일 (*)",
    "Cannot import": "가져올 수 없음",
    "\"{name}\" could not be imported; the current design is unchanged.": "\"{name}\"을(를) 가져올 수 없습니다. 현재 설계는 바뀌지 않았습니다.",
    "Imported {name}": "{name}을(를) 가져왔습니다",
    "{nodes} nodes and {edges} edges imported from {name}.": "{name}에서 노드 {nodes}개와 연결 {edges}개를 가져왔습니다.",
    "{count} resources the designer does not draw are kept in the design and written back when you export it.": "디자이너가 그리지 않는 리소스 {count}개는 설계에 보관되며 내보낼 때 다시 기록됩니다.",
    "{count} warnings: see the details.": "경고 {count}개: 자세한 내용을 확인하세요.",
    "Import report": "가져오기 보고서",
    "&Save": "저장(&S)",
    "Save &As…": "다른 이름으로 저장(&A)…",
    "&PNG image…": "PNG 이미지(&P)…",
    "&SVG drawing…": "SVG 도면(&S)…",
    "P&DF document…": "PDF 문서(&D)…",
    "Clear the list": "목록 지우기",
    "&Close window": "창 닫기(&C)",
    "&Quit": "끝내기(&Q)",
    "&Undo": "실행 취소(&U)",
    "&Redo": "다시 실행(&R)",
    "&Undo {step}": "실행 취소(&U): {step}",
    "&Redo {step}": "다시 실행(&R): {step}",
    "Cu&t": "잘라내기(&T)",
    "&Copy": "복사(&C)",
    "&Paste": "붙여넣기(&P)",
    "D&uplicate": "복제(&U)",
    "&Delete": "삭제(&D)",
    "Select &All": "모두 선택(&A)",
    "&Rename": "이름 바꾸기(&R)",
    "C&onnect tool": "연결 도구(&O)",
    "Zoom &In": "확대(&I)",
    "Zoom &Out": "축소(&O)",
    "&Actual Size": "실제 크기(&A)",
    "&Fit to Window": "창에 맞추기(&F)",
    "&Snap to Grid": "격자에 맞추기(&S)",
    "&User Guide": "사용 설명서(&U)",
    "&Keyboard Shortcuts": "바로 가기 키(&K)",
    "&About": "정보(&A)",
    "Toolbar": "도구 모음",
    "Start an empty design": "빈 설계로 시작",
    "Open a design file": "설계 파일 열기",
    "Save the design": "설계 저장",
    "Drag from one item to another to connect them": "한 항목에서 다른 항목으로 끌어 연결합니다",
    "Export the design as a PNG image": "설계를 PNG 이미지로 내보내기",
    # ---------------------------------------------------------------- main window
    "AWS Architecture Designer": "AWS 아키텍처 디자이너",
    "Untitled": "제목 없음",
    "Palette": "팔레트",
    "Properties": "속성",
    "Problems": "문제",
    "History": "기록",
    "(start)": "(시작)",
    "Unsaved changes": "저장하지 않은 변경 사항",
    'Save the changes to "{name}" before closing it?': '닫기 전에 "{name}"의 변경 사항을 저장할까요?',
    "Your changes will be lost if you don't save them.": "저장하지 않으면 변경 사항이 사라집니다.",
    "Save": "저장",
    "Don't Save": "저장 안 함",
    "Cancel": "취소",
    "Open design": "설계 열기",
    "AWS designs (*.awsd.json *.json);;All files (*)": "AWS 설계 (*.awsd.json *.json);;모든 파일 (*)",
    "Save design as": "다른 이름으로 설계 저장",
    "AWS designs (*.awsd.json)": "AWS 설계 (*.awsd.json)",
    "Cannot open the sample": "샘플을 열 수 없습니다",
    "Cannot open the design": "설계를 열 수 없습니다",
    '"{name}" could not be opened; the current design is unchanged.':
        '"{name}"을(를) 열 수 없습니다. 현재 설계는 그대로입니다.',
    "\n… and {count} more": "\n… 외 {count}개",
    "Opened {name}": "{name}을(를) 열었습니다",
    "Checking…": "검사 중…",
    "Checking the design…": "설계를 검사하는 중…",
    "Cannot save the design": "설계를 저장할 수 없습니다",
    "The design was not saved; the previous file is unchanged.": "설계를 저장하지 못했습니다. 이전 파일은 그대로입니다.",
    "Saved {name}": "{name}을(를) 저장했습니다",
    "Export failed": "내보내기 실패",
    "The image was not written.": "이미지를 쓰지 못했습니다.",
    "Exported {name}": "{name}(으)로 내보냈습니다",
    "Exported {name} at {scale}× ({width}×{height} pixels): {requested}× would pass {budget} megapixels": "{name}(으)로 내보냈습니다. {requested}배는 {budget}메가픽셀을 넘어 {scale}배({width}×{height}픽셀)로 그렸습니다",
    "Export cancelled; no file was written.": "내보내기를 취소했습니다. 파일을 쓰지 않았습니다.",
    "Exporting {name}…": "{name} 내보내는 중…",
    "An image larger than 40 megapixels is drawn at the largest scale that fits.": "40메가픽셀보다 큰 이미지는 들어가는 가장 큰 배율로 그립니다.",
    "(no recent files)": "(최근 파일 없음)",
    "(no samples found)": "(샘플 없음)",
    "The user guide is not installed.": "사용 설명서가 설치되어 있지 않습니다.",
    "{count} errors: show the Problems panel": "오류 {count}개: 문제 패널 보기",
    "{count} warnings: show the Problems panel": "경고 {count}개: 문제 패널 보기",
    "About": "정보",
    "<b>AWS Architecture Designer</b> {version}<br>Design AWS architectures by drag and drop, "
    "with a live validator and exports.<br><br>AWS icons: Amazon Web Services Architecture Icons, "
    "via the <i>diagrams</i> package.":
        "<b>AWS 아키텍처 디자이너</b> {version}<br>끌어다 놓기로 AWS 아키텍처를 설계하고, "
        "실시간 검사와 내보내기를 제공합니다.<br><br>AWS 아이콘: Amazon Web Services 아키텍처 아이콘 "
        "(<i>diagrams</i> 패키지 제공).",
    "Autosave failed: {reason}": "자동 저장 실패: {reason}",
    "Cannot restore": "복원할 수 없습니다",
    "The autosaved design could not be read.": "자동 저장된 설계를 읽을 수 없습니다.",
    # ---------------------------------------------------------------- crash recovery
    "Restore unsaved work?": "저장하지 않은 작업을 복원할까요?",
    "The designer did not close properly last time. These designs had unsaved changes:":
        "지난번에 디자이너가 정상적으로 종료되지 않았습니다. 다음 설계에 저장하지 않은 변경 사항이 있습니다:",
    "Restore": "복원",
    "Discard": "버리기",
    "Not now": "나중에",
    "never saved": "저장한 적 없음",
    # ---------------------------------------------------------------- export dialog
    "Export {format}": "{format} 내보내기",
    "PNG image (*.png)": "PNG 이미지 (*.png)",
    "SVG drawing (*.svg)": "SVG 도면 (*.svg)",
    "PDF document (*.pdf)": "PDF 문서 (*.pdf)",
    "Browse…": "찾아보기…",
    "Scale": "배율",
    "Transparent background": "투명 배경",
    "Margin": "여백",
    "Title": "제목",
    "Legend of the kinds used": "사용한 종류의 범례",
    "Only the selection ({count} items)": "선택 항목만 ({count}개)",
    "Export": "내보내기",
    "Choose a file name.": "파일 이름을 정하세요.",
    "The folder does not exist: {folder}": "폴더가 없습니다: {folder}",
    # ---------------------------------------------------------------- inspector
    "Design": "설계",
    "Contents": "내용",
    "{nodes} items, {edges} connections": "항목 {nodes}개, 연결 {edges}개",
    "Select an item on the canvas to edit its properties.": "캔버스에서 항목을 선택하면 속성을 편집할 수 있습니다.",
    "{count} items selected": "항목 {count}개 선택됨",
    "and {count} more": "외 {count}개",
    "Label": "레이블",
    "Inside": "위치",
    "(top level)": "(최상위)",
    "Other properties (kept as they are): {props}": "기타 속성 (그대로 유지): {props}",
    "Connection": "연결",
    "Kind": "종류",
    "Traffic": "트래픽",
    "Route": "경로",
    "Attachment": "연결(attach)",
    "DNS": "DNS",
    "Origin": "원본",
    "Peering": "피어링",
    "VPN": "VPN",
    "Replication": "복제",
    "Rename design": "설계 이름 바꾸기",
    "Rename": "이름 바꾸기",
    "Change {name}": "{name} 변경",
    "Change connection kind": "연결 종류 변경",
    "Rename connection": "연결 이름 바꾸기",
    "(none)": "(없음)",
    "{value} (not a known choice)": "{value} (알 수 없는 값)",
    "{id} (not in the design)": "{id} (설계에 없음)",
    "(none in the design yet)": "(아직 설계에 없음)",
    "A number is required.": "숫자를 입력해야 합니다.",
    "Not a whole number: {text}": "정수가 아닙니다: {text}",
    "A CIDR block such as 10.0.0.0/16 is required.": "10.0.0.0/16 같은 CIDR 블록을 입력해야 합니다.",
    "Not a CIDR block (address/prefix, e.g. 10.0.0.0/16): {text}":
        "CIDR 블록이 아닙니다 (주소/접두사, 예: 10.0.0.0/16): {text}",
    "Host bits are set; did you mean {cidr}?": "호스트 비트가 설정되어 있습니다. {cidr}을(를) 뜻했나요?",
    "Not a port or range (80 or 1024-65535): {text}": "포트나 포트 범위가 아닙니다 (80 또는 1024-65535): {text}",
    # ---------------------------------------------------------------- rule tables
    "Protocol": "프로토콜",
    "Port": "포트",
    "Path": "경로",
    "traffic port": "트래픽 포트",
    "Source": "소스",
    "Destination": "대상",
    "A CIDR block (0.0.0.0/0) or a security group id": "CIDR 블록(0.0.0.0/0) 또는 보안 그룹 ID",
    "A port (443) or a range (1024-65535); empty for all": "포트(443) 또는 범위(1024-65535). 비우면 전체",
    "Action": "작업",
    "Rule #": "규칙 번호",
    "Direction": "방향",
    "CIDR": "CIDR",
    "Certificate": "인증서",
    "Certificate Region": "인증서 리전",
    "After days": "경과 일수",
    "Storage class": "스토리지 클래스",
    "Add rule": "규칙 추가",
    "Add listener": "리스너 추가",
    "Add lifecycle rule": "수명 주기 규칙 추가",
    "Remove": "제거",
    "Unset": "설정 해제",
    "Remove the key: the AWS default applies": "키를 제거합니다: AWS 기본값이 적용됩니다",
    "Not set: the AWS default applies.": "설정 안 됨: AWS 기본값이 적용됩니다.",
    "Row {row}, {column}: {message}": "{row}행, {column}: {message}",
    # ---------------------------------------------------------------- problems panel
    "Severity": "심각도",
    "Rule": "규칙",
    "Message": "메시지",
    "Items": "항목",
    "Error": "오류",
    "Warning": "경고",
    "Info": "정보",
    "Filter by text, rule or item": "텍스트, 규칙 또는 항목으로 필터",
    "Apply fix": "수정 적용",
    "Apply the selected finding's fix (one undoable step)": "선택한 문제의 수정을 적용합니다 (한 번에 실행 취소 가능)",
    "Copy message": "메시지 복사",
    "Open AWS documentation": "AWS 문서 열기",
    "Study note: {section}": "학습 노트: {section}",
    "AWS documentation: {url}": "AWS 문서: {url}",
    "Fix: {fix}": "수정: {fix}",
    # ---------------------------------------------------------------- shortcuts dialog
    "Keyboard Shortcuts": "바로 가기 키",
    "Command": "명령",
    "Keys": "키",
    "Move the selection (Shift: larger steps)": "선택 항목 이동 (Shift: 크게 이동)",
    "Pan the canvas": "캔버스 이동",
    "Zoom": "확대/축소",
    "Cancel the current gesture": "현재 동작 취소",
    "Arrow keys": "화살표 키",
    "Space + drag": "Space + 끌기",
    "Middle button drag": "가운데 버튼 끌기",
    "Mouse wheel": "마우스 휠",
    # ---------------------------------------------------------------- canvas, palette (shared)
    "Search services…": "서비스 검색…",
    "the empty canvas": "빈 캔버스",
    "Nudge": "조금 이동",
    "Delete": "삭제",
    "Cut": "잘라내기",
    "Copy": "복사",
    "Paste": "붙여넣기",
    "Duplicate": "복제",
    "Move": "이동",
    "Resize": "크기 조정",
    "Connect": "연결",
    "Add {kind}": "{kind} 추가",
    "Unknown kind {kind}.": "알 수 없는 종류: {kind}.",
    "{kind} cannot be placed in {where}: put it in {allowed}.": "{kind}은(는) {where}에 둘 수 없습니다: {allowed}에 두세요.",
    " or ": " 또는 ",
    "Copied {n} node(s).": "노드 {n}개를 복사했습니다.",
    "The clipboard holds no design to paste.": "클립보드에 붙여넣을 설계가 없습니다.",
    "{n} node(s) could not be placed here and were left out.": "노드 {n}개는 여기에 둘 수 없어 제외했습니다.",
    "These two nodes are already connected.": "두 노드는 이미 연결되어 있습니다.",
    # ---------------------------------------------------------------- classroom (issue 7)
    "&Tools": "도구(&T)",
    "&Presentation Mode": "프레젠테이션 모드(&P)",
    "Full screen, layer by layer: arrow keys step, Esc leaves": "전체 화면에서 계층별로 보여 줍니다: 화살표 키로 이동, Esc로 종료",
    "Failure &Drill…": "장애 훈련(&D)…",
    "What if an Availability Zone, a subnet or an item fails?": "가용 영역, 서브넷 또는 항목에 장애가 나면 어떻게 될까요?",
    "&Check My Answer": "정답 확인(&C)",
    "Check the open exercise with the validator": "열린 실습을 검사기로 확인합니다",
    "Open E&xercise": "실습 열기(&X)",
    "Other Exercise &File…": "다른 실습 파일(&F)…",
    "(no exercises found)": "(실습 없음)",
    "Open exercise": "실습 열기",
    "Exercise opened: find the mistake, fix it, then Check My Answer.": "실습을 열었습니다: 실수를 찾아 고친 다음 정답 확인을 누르세요.",
    # lesson
    "Lesson": "학습",
    "Select a finding in the Problems panel to see its lesson.": "문제 패널에서 항목을 선택하면 해설이 나옵니다.",
    "What the validator found": "검사기가 찾은 문제",
    "Why AWS works this way": "AWS가 이렇게 동작하는 이유",
    "Study note": "학습 노트",
    "No lesson is written for this rule yet.": "이 규칙의 해설은 아직 없습니다.",
    "AWS documentation": "AWS 문서",
    "The fix": "수정 방법",
    "Before": "수정 전",
    "After the fix": "수정 후",
    "This finding has no automatic fix: the picture shows the design as it is.": "이 문제에는 자동 수정이 없습니다: 그림은 현재 설계입니다.",
    "The fix could not be previewed: {reason}": "수정 결과를 미리 볼 수 없습니다: {reason}",
    "Click a picture to enlarge it.": "그림을 누르면 크게 볼 수 있습니다.",
    "The neighbourhood has {count} items: too many to draw here.": "주변 항목이 {count}개라 여기에 그리기에는 너무 많습니다.",
    "Fixed: this finding is no longer reported.": "해결됨: 이 문제는 더 이상 보고되지 않습니다.",
    # presentation
    "The design is empty.": "설계가 비어 있습니다.",
    "Step {step} of {count}": "{count}단계 중 {step}단계",
    "… and {count} more": "… 외 {count}개",
    # failure drill
    "Failure drill": "장애 훈련",
    "Pick an Availability Zone, a subnet or any item, then press Fail it: what is lost turns grey and the paths below show what still works.":
        "가용 영역, 서브넷 또는 항목을 고른 다음 장애 발생을 누르세요: 잃는 것은 회색으로 바뀌고, 아래 경로 목록에 아직 동작하는 것이 보입니다.",
    "Use the selection": "선택 항목 사용",
    "Fail it": "장애 발생",
    "End drill": "훈련 끝내기",
    "Restore the canvas (Esc on the canvas)": "캔버스를 원래대로 되돌립니다 (캔버스에서 Esc)",
    "Paths from the internet and on-premises": "인터넷과 온프레미스에서 오는 경로",
    "Status": "상태",
    "Via": "경유",
    "works": "동작",
    "lost": "끊김",
    "broken": "원래 안 됨",
    "No drill running: the paths of the intact design.": "훈련 중이 아닙니다: 장애가 없는 설계의 경로입니다.",
    "{name} failed: {down} items lost, {degraded} degraded; {ok} of {total} paths still work.":
        "{name} 장애: 항목 {down}개 중단, {degraded}개 성능 저하. 경로 {total}개 중 {ok}개가 아직 동작합니다.",
    "No paths: connect the internet or on-premises to your tiers with traffic connections.":
        "경로 없음: 인터넷이나 온프레미스를 트래픽 연결로 각 계층에 이으세요.",
    "Single points of failure": "단일 장애 지점",
    "What": "대상",
    "Why": "이유",
    "Availability Zone": "가용 영역",
    "Item": "항목",
    "None: losing any one AZ or item cuts no path.": "없음: 가용 영역이나 항목 하나를 잃어도 끊기는 경로가 없습니다.",
    "The failed item is no longer in the design; the drill ended.": "장애를 낸 항목이 설계에서 사라져 훈련을 끝냈습니다.",
    # exercises
    "Exercise": "실습",
    "This design is not an exercise. Open one with File ▸ Open Exercise.": "이 설계는 실습이 아닙니다. 파일 ▸ 실습 열기로 여세요.",
    "This exercise cannot be checked: {reason}": "이 실습은 확인할 수 없습니다: {reason}",
    "Check my answer": "정답 확인",
    "Show a hint": "힌트 보기",
    "Hide the hint": "힌트 숨기기",
    "Hint: {hint}": "힌트: {hint}",
    "Fix the design, then press Check my answer.": "설계를 고친 다음 정답 확인을 누르세요.",
    "The design changed since this check: check again.": "확인한 뒤 설계가 바뀌었습니다: 다시 확인하세요.",
    "Still wrong": "아직 틀림",
    "New error": "새 오류",
    "New warning": "새 경고",
}


class Translator(QObject):
    """Holds the current UI language and tells widgets when it changes."""

    language_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.language = default_language()

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        if language != self.language:
            self.language = language
            self.language_changed.emit(language)


def default_language() -> str:
    """Korean when the system locale is Korean, else English."""
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


_translator: Translator | None = None


def translator() -> Translator:
    """The application-wide translator (created on first use, after QApplication)."""
    global _translator
    if _translator is None:
        _translator = Translator()
    return _translator


def language() -> str:
    return translator().language


def tr(text: str) -> str:
    """`text` in the current UI language (English source strings; Korean from KO)."""
    if translator().language == "ko":
        return KO.get(text, text)
    return text
