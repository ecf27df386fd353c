#!/usr/bin/env python3
# Renders synthetic judgments into A4 scans (clean, skewed, noisy, low contrast, 200 dpi, multi-page
# TIFF, scanned and digital PDF) with ground truth, plus bad-input fixtures, for the OCR tests/bench.
#
# Needs only Debian tools: chromium (HTML -> PDF with a text layer, Noto CJK fonts), pdftoppm,
# ImageMagick `convert`, ghostscript `gs` (encrypted PDF). Run from anywhere:
#   python3 testdata/scans/make_scans.py [OUT_DIR]     (default: this script's folder)
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# Three short judgments written for these tests, in the style of real ones (names are placeholders).
JUDGMENTS = {
    "civil": [
        "辽宁省本溪市中级人民法院",
        "民事判决书",
        "（2022）辽05民终1234号",
        "上诉人（原审被告）：王某某，男，1975年3月12日出生，汉族，住辽宁省本溪市平山区。",
        "委托诉讼代理人：李某，辽宁某某律师事务所律师。",
        "被上诉人（原审原告）：本溪某某商贸有限公司，住所地辽宁省本溪市明山区。",
        "法定代表人：张某某，该公司经理。",
        "上诉人王某某因与被上诉人本溪某某商贸有限公司买卖合同纠纷一案，不服辽宁省本溪市平山区人民法院"
        "（2021）辽0502民初2345号民事判决，向本院提起上诉。本院于2022年4月6日立案后，依法组成合议庭"
        "审理了本案。本案现已审理终结。",
        "王某某上诉请求：撤销一审判决，改判驳回被上诉人的全部诉讼请求。事实和理由：双方之间的货款已经结清，"
        "一审法院认定事实错误。",
        "本院认为，当事人对自己提出的主张，有责任提供证据。上诉人主张货款已经结清，但未提供付款凭证，"
        "应承担举证不能的不利后果。一审判决认定事实清楚，适用法律正确，应予维持。依照《中华人民共和国"
        "民事诉讼法》第一百七十七条第一款第一项规定，判决如下：",
        "驳回上诉，维持原判。",
        "二审案件受理费1250元，由上诉人王某某负担。本判决为终审判决。",
        "审判长　刘某某",
        "审判员　陈某",
        "二〇二二年六月十五日",
        "书记员　孙某",
    ],
    "criminal": [
        "辽宁省本溪市明山区人民法院",
        "刑事判决书",
        "（2021）辽0504刑初88号",
        "公诉机关辽宁省本溪市明山区人民检察院。",
        "被告人赵某某，男，1988年7月2日出生，汉族，初中文化，无业，户籍地辽宁省桓仁满族自治县。"
        "因涉嫌盗窃罪，于2021年3月5日被刑事拘留，同年4月9日被逮捕。",
        "辩护人周某，辽宁某某律师事务所律师。",
        "本溪市明山区人民检察院以本检刑诉〔2021〕76号起诉书指控被告人赵某某犯盗窃罪，于2021年5月"
        "10日向本院提起公诉。本院依法适用简易程序，公开开庭审理了本案。",
        "经审理查明，2021年2月至3月间，被告人赵某某先后三次在本溪市明山区某小区内，采取撬锁方式"
        "盗窃电动自行车三辆，经鉴定价值共计人民币6820元。",
        "本院认为，被告人赵某某以非法占有为目的，多次秘密窃取他人财物，数额较大，其行为已构成盗窃罪。"
        "被告人到案后如实供述自己的罪行，依法可以从轻处罚。依照《中华人民共和国刑法》第二百六十四条、"
        "第六十七条第三款之规定，判决如下：",
        "被告人赵某某犯盗窃罪，判处有期徒刑十个月，并处罚金人民币三千元。",
        "审判员　吴某某",
        "二〇二一年六月二日",
        "书记员　郑某",
    ],
    "ruling": [
        "辽宁省高级人民法院",
        "民事裁定书",
        "（2023）辽民申567号",
        "再审申请人（一审原告、二审上诉人）：某某建设工程有限公司，住所地辽宁省沈阳市和平区。",
        "法定代表人：钱某，该公司董事长。",
        "被申请人（一审被告、二审被上诉人）：冯某某，女，1969年11月20日出生，汉族，住辽宁省本溪市溪湖区。",
        "再审申请人某某建设工程有限公司因与被申请人冯某某建设工程施工合同纠纷一案，不服辽宁省本溪市"
        "中级人民法院（2022）辽05民终998号民事判决，向本院申请再审。本院依法组成合议庭进行了审查，"
        "现已审查终结。",
        "本院经审查认为，申请人提交的证据不足以推翻原判决认定的基本事实，原判决适用法律并无不当。"
        "依照《中华人民共和国民事诉讼法》第二百一十一条第一款之规定，裁定如下：",
        "驳回某某建设工程有限公司的再审申请。",
        "审判长　韩某",
        "审判员　杨某某",
        "二〇二三年三月八日",
        "书记员　朱某",
    ],
}

CSS = """
@page { size: A4; margin: 22mm 24mm; }
body { font-family: "Noto Serif CJK SC"; font-size: 14pt; line-height: 1.55; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.c { text-indent: 0; text-align: center; }
p.t { text-indent: 0; text-align: center; font-size: 20pt; letter-spacing: 0.3em; }
p.r { text-indent: 0; text-align: right; }
div.page { page-break-after: always; }
div.page:last-child { page-break-after: auto; }
"""


def run(*cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def page_html(lines, marker=None):
    out = []
    for i, line in enumerate(lines):
        cls = "t" if i == 1 else "c" if i in (0, 2) else ""
        if line.startswith(("审判", "书记员", "二〇")):
            cls = "r"
        out.append(f'<p class="{cls}">{line}</p>')
    if marker:
        out.append(f'<p class="c">{marker}</p>')
    return '<div class="page">' + "\n".join(out) + "</div>"


def html(pages):
    return ('<!doctype html><html><head><meta charset="utf-8"><style>' + CSS + "</style></head><body>"
            + "\n".join(pages) + "</body></html>")


def to_pdf(tmp, name, pages):
    src = os.path.join(tmp, name + ".html")
    dst = os.path.join(tmp, name + ".pdf")
    with open(src, "w", encoding="utf-8") as f:
        f.write(html(pages))
    run("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--print-to-pdf=" + dst, src)
    return dst


def raster(pdf, dpi, prefix):
    # One grey PNG per page: prefix-1.png, prefix-2.png, ... (pdftoppm pads the number by page count)
    run("pdftoppm", "-r", str(dpi), "-gray", "-png", pdf, prefix)
    d = os.path.dirname(prefix)
    base = os.path.basename(prefix)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.startswith(base + "-") and f.endswith(".png"))


def gt(lines, marker=None):
    return "\n".join(lines + ([marker] if marker else [])) + "\n"


def write(path, data):
    mode = "w" if isinstance(data, str) else "wb"
    with open(path, mode, **({"encoding": "utf-8"} if mode == "w" else {})) as f:
        f.write(data)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png():
    # A valid PNG header claiming 100000x100000 8-bit grey, with a tiny IDAT: a decompression bomb.
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def image_pdf(jpegs):
    # A "scanned" PDF: each page one grey JPEG (DCTDecode) at 300 dpi, no text layer.
    objs = []
    kids = []
    n_pages = len(jpegs)
    # object numbers: 1 catalog, 2 pages, then per page: page, content, image
    for i, (data, w, h) in enumerate(jpegs):
        p, c, im = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        kids.append(p)
        pw, ph = w * 72.0 / 300, h * 72.0 / 300
        content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
        objs.append((p, f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
                        f"/Resources << /XObject << /Im0 {im} 0 R >> >> /Contents {c} 0 R >>".encode()))
        objs.append((c, b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"))
        objs.append((im, (f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
                          f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(data)} >>\nstream\n").encode()
                     + data + b"\nendstream"))
    objs.insert(0, (2, ("<< /Type /Pages /Kids [" + " ".join(f"{k} 0 R" for k in kids)
                        + f"] /Count {n_pages} >>").encode()))
    objs.insert(0, (1, b"<< /Type /Catalog /Pages 2 0 R >>"))
    objs.sort()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num, body in objs:
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for num in range(1, len(objs) + 1):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def size_of(path):
    out = subprocess.run(["identify", "-format", "%w %h", path], check=True, capture_output=True, text=True)
    w, h = out.stdout.split()
    return int(w), int(h)


def main():
    out = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else HERE
    bad = os.path.join(out, "bad")
    os.makedirs(bad, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="pingcha-scans-")
    try:
        docs = {}
        for name, lines in JUDGMENTS.items():
            pdf = to_pdf(tmp, name, [page_html(lines)])
            docs[name] = pdf
            # The digital PDF keeps its text layer: decode-pdf must read it without OCR.
            if name == "civil":
                shutil.copy(pdf, os.path.join(out, "civil-digital.pdf"))
                write(os.path.join(out, "civil-digital.txt"), gt(lines))
        # Single-page variants of two judgments. Pages are cropped to the text (−trim) with a margin,
        # keeping 300 dpi: smaller files, same OCR problem.
        for name in ("civil", "criminal"):
            lines = JUDGMENTS[name]
            p300 = raster(docs[name], 300, os.path.join(tmp, name + "300"))[0]
            p200 = raster(docs[name], 200, os.path.join(tmp, name + "200"))[0]
            crop = ["-trim", "+repage", "-bordercolor", "white", "-border", "80"]
            dens = ["-units", "PixelsPerInch", "-density", "300"]
            variants = {
                # grey, anti-aliased as from a good scanner
                "clean.png": ["convert", p300] + crop + dens,
                "skew.png": ["convert", p300] + crop + ["-background", "white", "-rotate",
                                                       "2.2" if name == "civil" else "-1.4"] + dens,
                "noisy.jpg": ["convert", p300] + crop + ["-seed", "11", "-blur", "0x1.2", "-attenuate", "0.9", "+noise",
                                                        "Gaussian", "-colorspace", "Gray"] + dens,
                "skewnoisy.jpg": ["convert", p300] + crop + ["-seed", "12", "-background", "white", "-rotate",
                                                            "-2.8" if name == "civil" else "1.7",
                                                            "-blur", "0x1", "-attenuate", "0.8", "+noise",
                                                            "Gaussian", "-colorspace", "Gray"] + dens,
                # faint print on a grey, unevenly lit page
                "lowcontrast.png": ["convert", p300] + crop + ["+level", "42%,80%", "(", "+clone",
                                                              "-sparse-color", "Barycentric",
                                                              "0,0 gray(92%) %[w],%[h] gray(70%)", ")",
                                                              "-compose", "Multiply", "-composite",
                                                              "-colorspace", "Gray"] + dens,
                "200dpi.png": ["convert", p200, "-trim", "+repage", "-bordercolor", "white", "-border", "54",
                               "-units", "PixelsPerInch", "-density", "200"],
            }
            for suffix, cmd in variants.items():
                dst = os.path.join(out, f"{name}-{suffix}")
                if dst.endswith(".jpg"):  # noise does not compress: keep these as a scanner would
                    run(*cmd, "-quality", "80", dst)
                else:
                    run(*cmd, "-define", "png:color-type=0", "-depth", "8", dst)
                write(dst[:-4] + ".txt", gt(lines))
            if name == "civil":
                # colour JPEG with a red seal over the signature block
                dst = os.path.join(out, "civil-colour.jpg")
                w, h = size_of(os.path.join(out, "civil-clean.png"))
                cx, cy = int(w * 0.72), int(h * 0.86)
                run("convert", os.path.join(out, "civil-clean.png"), "-colorspace", "sRGB",
                    "-fill", "rgb(250,247,235)", "-opaque", "white", "-fill", "none", "-stroke", "rgb(215,40,40)",
                    "-strokewidth", "14", "-draw", f"circle {cx},{cy} {cx + 230},{cy}",
                    "-quality", "85", dst)
                write(dst[:-4] + ".txt", gt(lines))
        # A scanned PDF of two pages (civil, criminal): JPEG images only, no text layer.
        jpegs = []
        gts = []
        for name in ("civil", "criminal"):
            j = os.path.join(tmp, name + ".jpg")
            run("convert", os.path.join(out, f"{name}-clean.png"), "-quality", "70", j)
            w, h = size_of(j)
            with open(j, "rb") as f:
                jpegs.append((f.read(), w, h))
            gts.append(gt(JUDGMENTS[name]))
        write(os.path.join(out, "scanned.pdf"), image_pdf(jpegs))
        write(os.path.join(out, "scanned.txt"), "".join(gts))
        # A 10-page G4 TIFF, 1-bit, 300 dpi, each page a judgment with its own page marker.
        names = list(JUDGMENTS)
        pages = []
        truth = []
        for k in range(10):
            lines = JUDGMENTS[names[k % 3]]
            marker = f"第{k + 1}页"
            pages.append(page_html(lines, marker))
            truth.append(gt(lines, marker))
        multi = to_pdf(tmp, "multi", pages)
        pngs = raster(multi, 300, os.path.join(tmp, "multi"))
        assert len(pngs) == 10, pngs
        run("convert", *pngs, "-threshold", "55%", "-monochrome", "-units", "PixelsPerInch", "-density", "300",
            "-compress", "Group4", os.path.join(out, "multi10.tif"))
        write(os.path.join(out, "multi10.txt"), "\f".join(truth))
        for k, t in enumerate(truth):
            write(os.path.join(out, f"multi10.page{k + 1:02d}.gt"), t)

        # Bad inputs.
        write(os.path.join(bad, "empty.png"), b"")
        write(os.path.join(bad, "bomb.png"), bomb_png())
        with open(os.path.join(out, "multi10.tif"), "rb") as f:
            tif = f.read()
        write(os.path.join(bad, "truncated.tif"), tif[: len(tif) // 3])
        with open(os.path.join(out, "civil-clean.png"), "rb") as f:
            png = f.read()
        write(os.path.join(bad, "truncated.png"), png[: len(png) // 2])
        write(os.path.join(bad, "garbage.jpg"), b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-sOwnerPassword=owner",
            "-sUserPassword=secret", "-dEncryptionR=3", "-dKeyLength=128",
            "-sOutputFile=" + os.path.join(bad, "encrypted.pdf"), docs["ruling"])
        with open(docs["ruling"], "rb") as f:
            pdf = f.read()
        write(os.path.join(bad, "truncated.pdf"), pdf[: len(pdf) // 4])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
