"""Named fixtures shared by the test modules: Arabic inputs written for these tests, and tmp paths."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"

# A scraped page saved as text: section, title twice, outlet, date line, a dateline paragraph,
# three more paragraphs (punctuation ، ؛ ؟ « », tatweel, diacritics, Arabic-Indic digits), then
# the site furniture a scraper picks up at the end of the page.
ARTICLE_TEXT = """\
اقتصاد
افتتاحُ ميناءٍ جديد في الرباط يُضاعف حركة الشحن
افتتاحُ ميناءٍ جديد في الرباط يُضاعف حركة الشحن
صدى المدينة
الأحد 14 كانون الأول 2025 - 10:20
الرباط – «صدى المدينة»: افتتحت السلطات المغربية، صباح الأحد، ميناءً تجارياً جديداً على ساحل المحيط الأطلسي، بكلفة بلغت ٤٥٠ مليون دولار؛ وقال وزير النقل إن الميناء «سيُغيّر وجه المنطقة».
وأضاف الوزير في مؤتمر صحافي أن الطاقة الاستيعابية للميناء تصل إلى ١٢ مليون طن سنوياً، وأن المرحلة الثانية ستنطلق في ربيع ٢٠٢٦.
وتساءل مراقبون: هل يكفي الميناء الجديد لتخفيف الضغط عن ميناء الدار البيضاء؟ ويرى خبراء أن الجواب يتوقف على شبكة الطرق المحيطة بـ«المنطقة اللوجستية».
وتـــــأتي هذه الخطوة ضمن خطة وطنية أعلنتها الحكومة العام الماضي، تستهدف رفع صادرات المملكة بنسبة ٣٠٪ بحلول عام ٢٠٣٠.
تابع كل الأخبار
اشترك في قناتنا على واتساب
اقرأ أيضاً:
ارتفاع أسعار الحبوب في الأسواق المحلية
وقالت مصادر إن الأسعار قد تستقر خلال الأسابيع المقبلة.
الأكثر قراءة
"""

# The lines of ARTICLE_TEXT a reader would call site furniture.
FURNITURE = ("تابع كل الأخبار", "اشترك في قناتنا على واتساب", "اقرأ أيضاً:", "الأكثر قراءة")

# Other outlets and places for corpus variants (same shape, different story details).
_VARIANTS = (
    ("صدى المدينة", "الرباط", "ميناءٍ", "٤٥٠"),
    ("نبض الخليج", "الدوحة", "مطارٍ", "٧٢٠"),
    ("الوادي اليوم", "عمّان", "مستشفىً", "١٣٥"),
)


def article_variant(text: str, outlet: str, place: str, facility: str, cost: str) -> str:
    """ARTICLE_TEXT retold by another outlet about another place, facility and cost."""
    return (text.replace("صدى المدينة", outlet).replace("الرباط", place)
            .replace("ميناءٍ", facility).replace("٤٥٠", cost))


@pytest.fixture(scope="session")
def arabic_article_text() -> str:
    """A short scraped-page dump (see ARTICLE_TEXT)."""
    return ARTICLE_TEXT


@pytest.fixture(scope="session")
def furniture_lines() -> tuple[str, ...]:
    """The furniture lines at the end of `arabic_article_text`."""
    return FURNITURE


@pytest.fixture
def corpus_dir(tmp_path: Path, arabic_article_text: str) -> Path:
    """A folder of three text dumps from three outlets: 01_صدى.txt, 02_نبض.txt, 03_الوادي.txt."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, (outlet, place, facility, cost) in enumerate(_VARIANTS, start=1):
        name = f"{number:02d}_{outlet.split()[0]}.txt"
        (folder / name).write_text(article_variant(arabic_article_text, outlet, place, facility, cost),
                                   encoding="utf-8")
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a fresh SQLite store (the file does not exist yet)."""
    return tmp_path / "naba.db"


def wire_record(number: int, prefix: str = "w") -> dict:
    """One crawler record with its own id and a text that no other number shares."""
    outlet = _VARIANTS[number % len(_VARIANTS)][0]
    digits = str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    text = (f"عمّان – «{outlet}»: أعلنت وزارة الأشغال، يوم الأحد، إطلاق المشروع رقم {digits} "
            f"لصيانة الطرق الريفية؛ وقال المتحدث باسمها: «سنُنجز العمل قبل الشـتاء».\n"
            f"وتساءل سكان القرى المجاورة: متى تبدأ الأعمال فعلاً؟ ولم يُحدَّد موعد بعد.")
    return {"id": f"{prefix}-{number}", "text": text, "outlet": outlet, "date": "2025-12-14 10:20",
            "tags": ["طرق", "أشغال"]}


@pytest.fixture(scope="session")
def write_wire() -> Callable[..., Path]:
    """Return `write(path, count, prefix="w", start=0)`: a JSONL file of `count` distinct records."""

    def write(path: Path, count: int, prefix: str = "w", start: int = 0) -> Path:
        with open(path, "w", encoding="utf-8") as stream:
            for number in range(start, start + count):
                stream.write(json.dumps(wire_record(number, prefix), ensure_ascii=False) + "\n")
        return path

    return write


@pytest.fixture(scope="session")
def naba_command() -> str:
    """The installed `naba` console script (naba.cli has no __main__)."""
    found = shutil.which("naba")
    if found is None:
        pytest.skip("the `naba` console script is not on PATH; install the project with `pip install -e .`")
    return found


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it skip where a user cloned only the repo."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"needs ../shared (seeds and gold sets) beside the repository; not found at {SHARED}")
    return SHARED
