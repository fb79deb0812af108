#!/usr/bin/env python3
"""Generate the benchmark corpora of phraselint, reproducibly (seeded).

    python bench/generate.py --size 10MB                 # bench/out/corpus-10MB.txt
    python bench/generate.py --files 1000 --size 10MB    # bench/out/files/: 1,000 files of ~10 KB
    python bench/generate.py --dense --size 1MB          # bench/out/dense-1MB.txt: a call-centre transcript export

The text mixes the labelled items of corpora/*.jsonl (violations and near misses, simplified
and traditional, replies, phone lines, notices, dialogues, training notes) with clean filler
sentences of property-management text written for this benchmark. Violating items are drawn
at the rate that gives about one expected span per 2 KB (2,048 bytes of UTF-8). Sizes are in
decimal units (1MB = 1,000,000 bytes of UTF-8); a corpus is filled up to its size and never
exceeds it. Lines are separated by "\\n" (an item whose text has several lines, a dialogue,
keeps them).

The dense corpus (--dense) is what a call-centre export looks like: one transcript of short
turns (客服：… / 业主：…, about 30 characters), calls of 6 to 12 turns one after another, a fifth
of them in traditional wording (客服：… / 住戶：…), and a discourteous phrase (a labelled
violating reply or phone line of corpora/*.jsonl) in DENSE_VIOLATING of staff turns; the other
staff turns are the corpora's clean short replies or short clean lines written here.

Beside each output, a small JSON file records what was written (seed, bytes, lines, items,
violations inserted), and the command prints the same.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Iterator

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
CORPORA = ROOT / "corpora"

VIOLATION_EVERY = 2048  # bytes of UTF-8 per expected violation span, on average
OVERSHOOT = 130  # bytes: about half a filler line
NEAR_MISS_EVERY = 1500  # bytes per near-miss (clean labelled) item, on average
GENERATOR_VERSION = 1  # bump when the output for a given seed changes

# Clean filler: what a property-management office writes and says all day. None of these
# contains a phrase of the built-in packs (checked by `--check-filler`, and in every run).
FILLER_SIMPLIFIED = [
    # notices
    "【停水通知】因市政管网检修，本小区将于6月12日9:00至17:00暂停供水，请各位业主提前做好储水准备。",
    "【温馨提示】近期天气干燥，请各位业主注意用火安全，楼道内严禁堆放杂物及电动车。",
    "为保障电梯运行安全，3栋2单元电梯将于本周四上午进行年度检验，检验期间暂停使用，给您带来不便，敬请谅解。",
    "本月物业费已开始收取，业主可通过服务中心前台、微信小程序或银行代扣缴纳，感谢您的配合。",
    "小区东门道闸系统升级期间，车辆请由南门进出，保安人员将在现场引导。",
    "地下车库将于本周六晚间进行地坪清洗，请车主于当晚八点前将车辆移至地面临时车位。",
    "为营造整洁的居住环境，小区将于每周三下午开展垃圾分类宣传活动，欢迎业主踊跃参加。",
    "二期绿化带补种工作已完成，请业主爱护花草，勿在草坪上遛狗。",
    "即日起，快递柜旁新增大件包裹暂存点，业主凭取件码到服务中心领取即可。",
    "消防演练定于本月二十日上午十点举行，届时警铃将鸣响约五分钟，请业主不必惊慌。",
    "服务中心春节期间值班安排：除夕至初三上午九点至下午五点，其余时间照常办公。",
    "装修施工时间为工作日上午八点至十二点、下午两点至六点，周末及节假日禁止产生噪音的作业。",
    # replies
    "您好，您反映的厨房水管漏水问题已登记，维修师傅会在今天下午三点前上门，请您家中留人。",
    "感谢您的来信，关于楼顶防水的问题，工程部已安排现场勘查，结果出来后我们第一时间告知您。",
    "您好，停车月卡续费可以在线办理，办理成功后系统会自动延长有效期。",
    "您的装修申请材料已收齐，审核通过后我们会短信通知您领取施工许可证。",
    "非常抱歉给您带来困扰，噪音问题我们已经上门提醒施工方，后续会加强巡查。",
    "您好，门禁卡补办需要本人身份证复印件和工本费二十元，当天即可取卡。",
    "谢谢您的建议，儿童游乐区增设遮阳棚的方案已提交业委会讨论。",
    "您家的燃气表读数我们已核对，本月账单金额无误，详细明细已发送到您的邮箱。",
    "关于公共区域照明的问题，电工今晚会逐层检查更换灯泡，请您放心。",
    "您预约的家政保洁服务已确认，服务人员将于周六上午九点到达。",
    "垃圾清运车辆每天早上六点进场，清运结束后会对周边地面进行冲洗。",
    "请您提供一下房号和联系电话，我们登记后会尽快安排人员处理。",
    "您好，小区游泳池开放时间为每天下午两点至晚上九点，入场请携带业主卡。",
    # phone lines
    "您好，这里是阳光花园物业服务中心，我是客服小李，请问有什么可以帮您？",
    "好的，我已经记录下来了，稍后工程部的同事会给您回电话。",
    "请问您方便留一个联系电话吗？我们处理完会及时回复您。",
    "感谢您的来电，如还有其他需要，欢迎随时联系我们，再见。",
    "您说的情况我明白了，我马上通知保安到现场查看。",
    "您好，您的报修单号是二零一五零六，请您保存好以便查询进度。",
    "请稍候，我帮您查询一下缴费记录。",
    "让您久等了，查询结果显示您本季度的物业费已经缴清。",
    "好的，明天上午十点维修师傅会先给您打电话确认时间。",
    "您反映的情况很重要，我们会在二十四小时内给您答复。",
    "早上好，这里是物业客服热线，很高兴为您服务。",
]

FILLER_TRADITIONAL = [
    # Taiwan wording
    "【停水公告】因自來水公司管線維修，本社區將於7月3日上午9時至下午5時停止供水，請住戶提前儲水備用。",
    "管理委員會提醒您，資源回收時間為每週二、四、六晚上七點至九點，請依規定分類。",
    "您好，您的包裹已送達管理室，請攜帶住戶證於上班時間領取。",
    "本大樓電梯將於下週一進行定期保養，保養期間請改搭另一部電梯，造成不便敬請見諒。",
    "感謝您的來電，這裡是幸福社區管理中心，請問有什麼可以為您服務的地方？",
    "您好，車位租用申請已受理，我們會在三個工作天內以簡訊通知審核結果。",
    "社區游泳池即日起開放，開放時間為每日上午六點至晚上九點。",
    "關於頂樓漏水的情形，我們已請廠商到場評估，報價出來後會立即通知您。",
    "公共區域的照明已全部更換為節能燈具，若發現故障請通報管理室。",
    "請您留下聯絡電話，維修人員到場前會先與您聯繫。",
    "本月管理費繳費期限為二十五日，可至便利商店或以轉帳方式繳納。",
    "颱風即將來襲，請住戶將陽台上的盆栽與雜物移入室內，並關緊門窗。",
    # Hong Kong wording
    "各位住戶：本屋苑將於本星期六上午進行消防系統測試，期間警鐘會間歇響起，敬請留意。",
    "您好，管理處已收到您有關走廊燈光的報告，技工會於今日下午前往檢查。",
    "為配合外牆清洗工程，請住戶於施工期間關妥窗戶，多謝合作。",
    "多謝您的來電，如有其他查詢，歡迎隨時致電管理處。",
    "住戶可於辦公時間內到管理處辦理泊車證續期手續，請帶同車輛登記文件。",
    "您好，大堂入口的自動門已經維修完畢，現已回復正常使用。",
    "本屋苑會所健身室將於下月起延長開放時間至晚上十一時。",
    "請稍候，我即刻為您翻查維修紀錄。",
    "明白，我們會安排清潔同事今晚加強清理垃圾房。",
    "大廈水箱清洗工程將於星期二進行，當日上午八時至下午四時暫停食水供應。",
    "您好，訪客車位需預先登記，請提供車牌號碼及到訪時間。",
    "您的意見我們已經記錄，並會轉交物業經理跟進。",
]

# The dense corpus's clean turns (written for the benchmark; --check-filler checks them too).
STAFF_SIMPLIFIED = [
    "您好，请问有什么可以帮您？", "好的，我马上帮您登记。", "我查一下记录，马上回复您。", "维修师傅下午两点上门。",
    "感谢您的反馈，我们尽快处理。", "您的报修单已经提交成功。", "好的，还有其他需要吗？", "明白了，我这就通知保安。",
    "物业费可以在小程序上缴纳。", "感谢您的来电，再见。",
]
STAFF_TRADITIONAL = [
    "您好，請問有什麼可以為您服務？", "好的，我馬上為您登記。", "請您稍候，我查一下紀錄。", "維修人員下午兩點到場。",
    "感謝您的回饋，我們會盡快處理。", "多謝您的來電，再見。",
]
CUSTOMER_SIMPLIFIED = [
    "我家厨房的水管又漏水了。", "电梯已经停了两天了。", "楼上装修太吵了，能管管吗？", "我的快递放哪儿了？",
    "停车卡怎么续费？", "楼道的灯好几天不亮了。", "好的，谢谢。", "什么时候能来修？", "我下午都在家。", "嗯，那就这样吧。",
]
CUSTOMER_TRADITIONAL = [
    "我家廚房的水管又漏水了。", "電梯已經停了兩天了。", "樓上裝修太吵了。", "我的包裹放在哪裡？", "好的，謝謝。",
    "什麼時候可以來修？", "我下午都在家。",
]
DENSE_VIOLATING = 0.5  # share of staff turns holding a discourteous phrase
DENSE_TURN_CHARS = 40  # labelled items of at most this many characters (one line) make staff turns

FILLER = FILLER_SIMPLIFIED + FILLER_TRADITIONAL
TITLES_SIMPLIFIED = ["【物业服务中心工作记录】", "【客服回复汇总】", "【本周通知存档】", "【来电记录整理】"]
TITLES_TRADITIONAL = ["【管理中心工作紀錄】", "【住戶通知存檔】", "【來電紀錄整理】"]


def parse_size(value: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*", value, re.IGNORECASE)
    if not match:
        raise argparse.ArgumentTypeError(f"size like 1MB, 10MB, 100MB, 500KB: {value!r}")
    number, unit = float(match.group(1)), match.group(2).upper().rstrip("B")
    return int(number * {"": 1, "K": 10**3, "M": 10**6, "G": 10**9}[unit])


def size_label(nbytes: int) -> str:
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if nbytes >= factor and nbytes % factor == 0:
            return f"{nbytes // factor}{unit}"
    return f"{nbytes}B"


def corpus_items() -> Iterator[dict]:
    """The tuned corpus's labelled items, file by file in a stable order."""
    for path in sorted(glob.glob(str(CORPORA / "*.jsonl"))):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def load_items() -> tuple[list[dict], list[dict]]:
    """(violating items, clean items), in a stable order."""
    violating, clean = [], []
    for item in corpus_items():
        text = item["text"].replace("\r\n", "\n").strip("\n")
        record = {"id": item.get("id"), "text": text, "spans": len(item.get("expected") or []),
                  "bytes": len(text.encode("utf-8")) + 1}
        (violating if record["spans"] else clean).append(record)
    if not violating:
        sys.exit("generate.py: no labelled item with expected spans in corpora/*.jsonl")
    return violating, clean


class Stream:
    """An endless, seeded stream of lines: filler paragraphs, near misses, and violations at the set rate."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.violating, self.clean = load_items()
        self.position = 0  # bytes produced so far
        self._schedule_violation()
        self._schedule_near_miss()

    def _schedule_violation(self) -> None:
        self.next_item = self.rng.choice(self.violating)
        # the interval from one violating item to the next averages VIOLATION_EVERY per span:
        # less the item itself and the average overshoot (the line that crosses the mark)
        gap = self.rng.uniform(0.5, 1.5) * VIOLATION_EVERY * self.next_item["spans"]
        self.violation_at = self.position + max(0.0, gap - self.next_item["bytes"] - OVERSHOOT)

    def _schedule_near_miss(self) -> None:
        self.near_miss_at = self.position + self.rng.uniform(0.5, 1.5) * NEAR_MISS_EVERY

    def filler_line(self) -> str:
        """A paragraph of one to four filler sentences, mostly in one script."""
        pool = FILLER_TRADITIONAL if self.rng.random() < 0.4 else FILLER_SIMPLIFIED
        count = self.rng.choice((1, 1, 2, 2, 3, 4))
        return "".join(self.rng.choice(pool) for _ in range(count))

    def title(self) -> str:
        return self.rng.choice(TITLES_TRADITIONAL if self.rng.random() < 0.4 else TITLES_SIMPLIFIED)

    def next(self) -> tuple[str, int, str]:
        """(text of one or more lines without the final newline, violations in it, what it is:
        "violation", "near-miss" or "filler"). Call accept() or reject() with what it is."""
        if self.position >= self.violation_at:
            return self.next_item["text"], self.next_item["spans"], "violation"
        if self.position >= self.near_miss_at:
            self.near_miss = self.rng.choice(self.clean)
            return self.near_miss["text"], 0, "near-miss"
        return self.filler_line(), 0, "filler"

    def accept(self, what: str, nbytes: int) -> None:
        self.position += nbytes
        if what == "violation":
            self._schedule_violation()
        elif what == "near-miss":
            self._schedule_near_miss()

    def reject(self, what: str) -> None:
        """The piece did not fit in what is left of a file: keep the schedule, draw another."""
        if what == "violation":
            self.next_item = self.rng.choice(self.violating)


def write_corpus(path: Path, size: int, stream: Stream, *, start_with_title: bool = True) -> dict:
    """Fill `path` up to `size` bytes (never more) with whole lines from `stream`."""
    written = lines = violations = items = 0
    chunks: list[str] = []
    if start_with_title:
        # a plain-text preamble: the file as a whole reads as plain text, not as one transcript
        head = stream.title() + "\n" + stream.filler_line() + "\n"
        if len(head.encode("utf-8")) <= size:
            chunks.append(head)
            written += len(head.encode("utf-8"))
            stream.accept("filler", len(head.encode("utf-8")))
            lines += 2
    misses = 0
    while misses < 100 and size - written >= 32:
        text, spans, what = stream.next()
        piece = text + "\n"
        nbytes = len(piece.encode("utf-8"))
        if written + nbytes > size:
            stream.reject(what)  # too long for the room left: draw another piece
            misses += 1
            continue
        misses = 0
        stream.accept(what, nbytes)
        chunks.append(piece)
        written += nbytes
        lines += piece.count("\n")
        violations += spans
        items += what != "filler"
    write_whole(path, chunks, written, size)
    return {"path": str(path.relative_to(ROOT)), "bytes": written, "lines": lines,
            "labelled_items": items, "violations_inserted": violations}


def write_whole(path: Path, chunks: list[str], written: int, size: int) -> None:
    """The corpus's bytes (never more than `size`) written whole or not at all."""
    data = "".join(chunks).encode("utf-8")
    assert len(data) == written <= size
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def generate_file(size: int, seed: int) -> dict:
    path = OUT / f"corpus-{size_label(size)}.txt"
    info = write_corpus(path, size, Stream(seed))
    info.update(seed=seed, size=size, generator=GENERATOR_VERSION, mode="file")
    meta_path(path).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info


def generate_folder(count: int, size: int, seed: int, name: str = "files") -> dict:
    folder = OUT / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    stream = Stream(seed)
    total = {"bytes": 0, "lines": 0, "labelled_items": 0, "violations_inserted": 0}
    width = len(str(count))
    for number in range(1, count + 1):
        # sizes vary around the mean (what is left over the files left), as real documents do
        mean = max(1000, (size - total["bytes"]) // (count - number + 1))
        target = int(mean * stream.rng.uniform(0.7, 1.3)) if number < count else mean
        info = write_corpus(folder / f"doc-{number:0{width}d}.txt", target, stream)
        for key in total:
            total[key] += info[key]
    info = {"path": str(folder.relative_to(ROOT)), "files": count, **total, "seed": seed, "size": size,
            "generator": GENERATOR_VERSION, "mode": "files"}
    (OUT / f"{name}.json").write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info


def dense_items() -> dict[str, tuple[list[dict], list[str]]]:
    """By script: (short violating replies and phone lines, clean short staff turns) for the dense corpus."""
    pools = {"simplified": ([], list(STAFF_SIMPLIFIED)), "traditional": ([], list(STAFF_TRADITIONAL))}
    for item in corpus_items():
        text = item["text"].strip()
        if (item.get("kind") not in ("reply", "phone") or "\n" in text or len(text) > DENSE_TURN_CHARS
                or item.get("script") not in pools):
            continue
        if item.get("expected"):
            pools[item["script"]][0].append({"text": text, "spans": len(item["expected"])})
        else:
            pools[item["script"]][1].append(text)
    return pools


def generate_dense(size: int, seed: int) -> dict:
    """One transcript export of `size` bytes (never more): calls of short turns, a discourteous
    phrase in DENSE_VIOLATING of staff turns (see the module's docstring)."""
    rng = random.Random(f"dense:{seed}")
    pools = dense_items()
    path = OUT / f"dense-{size_label(size)}.txt"
    chunks = ["【客服通话记录导出】\n"]
    written = len(chunks[0].encode("utf-8"))
    lines, turns, staff_turns, violations, calls = 1, 0, 0, 0, 0
    while size - written >= 64:
        traditional = rng.random() < 0.2
        violating, clean = pools["traditional" if traditional else "simplified"]
        customers = CUSTOMER_TRADITIONAL if traditional else CUSTOMER_SIMPLIFIED
        customer_label = "住戶：" if traditional else "业主："
        call, spans = [], 0
        for number in range(rng.randint(6, 12)):
            if number % 2:
                call.append(customer_label + rng.choice(customers))
            elif rng.random() < DENSE_VIOLATING:
                item = rng.choice(violating)
                call.append("客服：" + item["text"])
                spans += item["spans"]
            else:
                call.append("客服：" + rng.choice(clean))
        piece = "\n".join(call) + "\n"
        nbytes = len(piece.encode("utf-8"))
        if written + nbytes > size:
            break
        chunks.append(piece)
        written += nbytes
        lines += len(call)
        turns += len(call)
        staff_turns += (len(call) + 1) // 2
        violations += spans
        calls += 1
    write_whole(path, chunks, written, size)
    info = {"path": str(path.relative_to(ROOT)), "bytes": written, "lines": lines, "calls": calls, "turns": turns,
            "staff_turns": staff_turns, "violations_inserted": violations, "seed": seed, "size": size,
            "generator": GENERATOR_VERSION, "mode": "dense"}
    meta_path(path).write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info


def check_filler() -> list[str]:
    """Filler sentences that phraselint, or the automaton on raw or normalised text, would match (none should)."""
    from phraselint import Linter
    from phraselint.text.normalise import normalise

    linter = Linter()
    automaton = linter.compiled.automaton
    problems = []
    dense = STAFF_SIMPLIFIED + STAFF_TRADITIONAL + CUSTOMER_SIMPLIFIED + CUSTOMER_TRADITIONAL
    for sentence in FILLER + TITLES_SIMPLIFIED + TITLES_TRADITIONAL + dense:
        findings = linter.check(sentence)
        raw = []
        if len(automaton):  # values are ((pattern, key length, context before, after), ...)
            for text in (sentence, normalise(sentence).text):
                raw += [text[end - targets[0][1] + 1:end + 1] for end, targets in automaton.iter(text)]
        if findings or raw:
            problems.append(f"{sentence}  findings={[f.match for f in findings]} automaton={raw}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("1MB"), help="UTF-8 bytes: 1MB, 10MB, 100MB (default 1MB); with --files, the total")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--files", type=int, help="write this many small files to bench/out/files/ instead of one corpus")
    parser.add_argument("--folder", default="files", help="with --files: the folder under bench/out/ (default files)")
    parser.add_argument("--dense", action="store_true", help="write the dense transcript corpus bench/out/dense-SIZE.txt instead")
    parser.add_argument("--check-filler", action="store_true", help="check that no filler sentence draws a finding or an automaton match, then exit")
    args = parser.parse_args(argv)
    if args.check_filler:
        problems = check_filler()
        print(f"{len(FILLER)} filler sentences ({len(FILLER_SIMPLIFIED)} simplified, {len(FILLER_TRADITIONAL)} traditional): "
              f"{len(problems)} with a finding or match")
        for problem in problems:
            print("  " + problem)
        return 1 if problems else 0
    if args.dense:
        info = generate_dense(args.size, args.seed)
        print(f"wrote {info['path']}: {info['bytes']:,} bytes, {info['calls']:,} calls, {info['turns']:,} turns "
              f"({info['staff_turns']:,} staff), {info['violations_inserted']:,} violations inserted "
              f"(one per {info['bytes'] / max(1, info['violations_inserted']):,.0f} bytes; seed {args.seed})")
    elif args.files:
        if not re.fullmatch(r"[\w.-]+", args.folder):
            parser.error("--folder is a plain folder name under bench/out/")
        info = generate_folder(args.files, args.size, args.seed, args.folder)
        print(f"wrote {info['path']}/: {info['files']} files, {info['bytes']:,} bytes, {info['lines']:,} lines, "
              f"{info['labelled_items']:,} labelled items, {info['violations_inserted']:,} violations inserted (seed {args.seed})")
    else:
        info = generate_file(args.size, args.seed)
        print(f"wrote {info['path']}: {info['bytes']:,} bytes, {info['lines']:,} lines, "
              f"{info['labelled_items']:,} labelled items, {info['violations_inserted']:,} violations inserted "
              f"(one per {info['bytes'] / max(1, info['violations_inserted']):,.0f} bytes; seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
