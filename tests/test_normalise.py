from phraselint.text.normalise import normalise, normalise_phrase
from phraselint.text.script import ScriptWriter, detect_script


def test_traditional_folds_to_simplified_per_character():
    assert normalise("這個我不知道").text == "这个我不知道"


def test_variant_characters_fold_even_where_opencc_keeps_them():
    # OpenCC's t2s keeps 著; the material's own sentence must still match 你没看见我忙着吗.
    assert normalise("你沒看見我忙著嗎").text == "你没看见我忙着吗"
    assert normalise("裡面").text == "里面"


def test_valid_simplified_characters_are_never_folded_as_variants():
    assert normalise("什么").text == "什么"
    assert normalise("才").text == "才"


def test_full_width_ascii_folds_to_half_width():
    assert normalise("ＡＢＣ１２３？！，").text == "abc123?!,"


def test_same_length_means_identity_offsets():
    norm = normalise("這個我不知道")
    assert norm.to_original(3, 6) == (3, 6)


def test_invisible_characters_are_dropped_and_offsets_map_back():
    original = "我不\u200b知道啊"
    norm = normalise(original)
    assert norm.text == "我不知道啊"
    start, end = norm.to_original(1, 4)
    assert original[start:end] == "不\u200b知道"


def test_phrases_normalise_like_text():
    assert normalise_phrase("你沒辦法") == normalise("你沒辦法").text == "你没办法"


def test_script_detection():
    assert detect_script("这个我不知道") == "simplified"
    assert detect_script("這個我不知道") == "traditional"
    assert detect_script("hello") == "simplified"
    assert detect_script("這個東西 这个东西") == "mixed"


def test_suggestions_are_written_in_the_reader_script_and_variant():
    assert ScriptWriter().write("请稍等", "traditional") == "請稍等"
    assert ScriptWriter().write("請稍等", "simplified") == "请稍等"
    assert ScriptWriter("tw").write("这里的信息", "traditional") == "這裡的資訊"


def test_variant_folding_only_lands_on_characters_simplified_text_uses():
    # TWVariantsRev maps 抬 to OpenCC's standard traditional 擡: folding to it would put a
    # character jieba does not know into every 抬头; 著 -> 着 is the fold we want.
    assert normalise("抬头").text == "抬头"
    assert normalise("忙著").text == "忙着"
