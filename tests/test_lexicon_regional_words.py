"""Regional wording staff use that the lexicons read as Mandarin, and the Mandarin they must leave alone."""

from __future__ import annotations

import pytest

from phraselint.packs.lexicon_loader import builtin_lexicon
from phraselint.text.lexicon import Reader
from phraselint.text.normalise import normalise_phrase


def _read(text: str) -> str:
    return Reader(builtin_lexicon()).read(normalise_phrase(text))[0]


@pytest.mark.parametrize("regional, mandarin", [
    # Cantonese: 呢 + classifier marks a line as Cantonese, as 嗰 does
    ("呢個係公契規定", "这个是公契规定"), ("我哋唔提供呢類服務", "我们不提供这类服务"),
    ("你講咩呀", "你说什么呀"), ("你姓咩呀", "你姓什么呀"), ("佢叫咩名", "他叫什么名字"),
    ("唔一定係樓上㗎", "不一定是楼上的"), ("你咪咁激動啦", "你不要这么激动啦"), ("冷靜啲啦", "冷静一点啦"),
    ("冇身份證唔准入", "没有身份证不准进"), ("冇身份證唔入得", "没有身份证不能进"), ("總之冇登記唔畀上", "总之没有登记不让上"),
    ("睇彩數啦", "看运气啦"), ("你黐線㗎", "你神经病的"), ("佢唔會無端端鬧你嘅", "他不会无缘无故骂你的"),
    ("冇身份證就返轉頭啦", "没有身份证就回去啦"), ("你話晒事嘅", "你说了算的"), ("我哋點估到", "我们怎么想得到"),
    ("梗係要啦，咁都唔知", "当然要啦,这样都不知道"),
    # Taiwan Hokkien wording in Mandarin text: 毋, 佗, 按呢 mark the line
    ("這毋是阮的代誌", "这不是我们的事情"), ("我毋知啦，你家己去看公告", "我不知道啦,你自己去看公告"),
    ("你佗一戶的", "你哪一户的"), ("按呢我嘛無法度", "这样我也没办法"), ("你是咧講啥，聽無啦", "你在说什么,听不懂啦"),
    # Wu, south-western, north-eastern
    ("勿关我事体", "不关我的事"), ("搿个是燃气公司个事体", "这个是燃气公司的事情"), ("阿拉呒没办法个", "我们没办法个"),
    ("那就莫得法了嘛", "那就没办法了嘛"), ("莫冒火嘛", "别发火嘛"), ("你晓得是哪家的狗噻", "你知道是哪家的狗啊"),
    ("跟我们唠不着", "跟我们说不上"),
    # words that mark a line alone (each with a rare character), and forms read beside a marker
    ("我嘛無法度", "我也没办法"), ("阮嘛無法度", "我们也没办法"), ("這個袂使", "这个不可以"),
    ("等多陣", "再等一会儿"), ("無端端", "无缘无故"), ("拎落嚟", "拿下来"),
    ("咪得囉", "不就行了"), ("你識揀", "你会挑"), ("老細話事", "老板做主"), ("老細講咗", "老板说了"),
    ("唔通你唔知", "难道你不知道"), ("我咪唔知囉", "我不就不知道啊"), ("影相畀我", "拍照给我"),
    ("是但啦，冇所謂", "随便啦,无所谓"), ("同你講咗", "跟你说了"), ("我哋講緊", "我们正在说"), ("你去邊呀？唔該", "你去哪呀?麻烦"),
    ("你話點就點啦，我唔理", "你说怎样就怎样啦,我不管"), ("俺明天整好", "我明天修好"),
    # words of three or more common characters mark a line alone
    ("無法度", "没办法"), ("這個整不了", "这个办不了"), ("我整不明白", "我弄不明白"), ("燃气公司个事体", "燃气公司的事情"),
    ("我點知佢喺度", "我怎么知道他在这里"),
    # Cantonese 咪 before a state is 不就 (not the imperative 唔好), 激氣, 揸 (drive), 見唔到, 知㗎
    ("壞咗就壞咗，咪冇事囉", "坏了就坏了,不就没事啊"), ("你唔好咁激氣", "你不要这样生气"), ("即刻揸走", "马上开走"),
    ("佢唔識揸車", "他不会开车"), ("見唔到我做緊嘢咩？", "看不到我正在做事吗?"), ("我哋知㗎喇", "我们知道的了"),
    ("你唔好咁多嘢講", "你不要这么多话说"), ("咁又點啫", "那又怎样而已"),
    # Wu 伐 (a question's 吗) and 清爽 after a verb of perceiving; Taiwan Hokkien 這馬 and 無閒
    ("侬看清爽伐", "你看清楚吗"), ("侬听清爽了伐", "你听清楚了吗"), ("這馬無閒啦", "现在没空啦"),
    # south-western 等哈儿 beside a marker
    ("等哈儿噻", "等一下啊"),
])
def test_regional_wording_reads_as_mandarin(regional, mandarin):
    assert _read(regional) == mandarin


@pytest.mark.parametrize("mandarin", [
    "毋庸置疑，我们一定是对的", "华佗再世", "一定是楼上漏水", "规定是这样", "这件毛呢大衣", "等哈尔滨的车",
    "我们无法度过难关", "阮先生您好", "他冒火了", "噻吩是一种化合物", "大家己经到了",
    "他这样嘛无法度过", "我讲紧急事项", "电影相关", "知识拣选", "调整好了", "无法度量", "一点知识", "我点知道了", "打电话点就点开", "可是但愿如此", "共同你的朋友",
    "砍伐树木是违法的", "步伐要一致", "这马跑得很快", "刺激气氛",
])
def test_mandarin_wording_stays_as_it_is(mandarin):
    assert _read(mandarin) == normalise_phrase(mandarin)


def test_mandarin_words_beside_a_wu_marker_keep_their_guards():
    """In a line marked by 侬, 伐 in 砍伐 and 步伐 is not the question particle."""
    assert _read("侬晓得伐，砍伐树木要审批") == "你知道吗,砍伐树木要审批"


def test_mandarin_words_beside_a_hokkien_marker_keep_their_guards():
    """In a line marked by 毋, 阮 before a title is a surname, and 沒法度 before 过 is 没法 + 度过."""
    assert _read("毋好意思，阮先生") == "不好意思,阮先生"
    assert _read("毋知，我没法度过去") == "不知道,我没法度过去"


def test_mandarin_words_beside_a_cantonese_marker_keep_their_guards():
    """唔通知 is 不通知, not 难道知; 去边境 is a border, not 去哪; 电影相关 and 调整好 are Mandarin."""
    assert _read("唔通知你") == "不通知你"
    assert _read("佢去邊境") == "他去边境"
    assert _read("佢話電影相關") == "他说电影相关"
    assert _read("俺调整好了") == "我调整好了"
