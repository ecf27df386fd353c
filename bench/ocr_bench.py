#!/usr/bin/env python3
# OCR benchmark: character error rate per scan variant for `pingcha score` (ocr-tesseract) next to
# the plain `tesseract` command on the same files in the same run, then wall time and peak memory
# for a 10-page TIFF (pingcha --jobs 1 / --jobs 2 against tesseract one page after another).
#
#   python3 bench/ocr_bench.py [--pingcha build/bin/pingcha] [--scans DIR] [--repeat 2] [--quick]
#
# CER = Levenshtein distance / ground-truth length, whitespace removed, NFKC on both sides.
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VARIANTS = ["clean", "skew", "noisy", "skewnoisy", "lowcontrast", "200dpi"]


def norm(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s) if not c.isspace())


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1]


def cer(truth, hyp):
    g, h = norm(truth), norm(hyp)
    return lev(g, h) / max(1, len(g))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def files_in(scans):
    out = []
    for doc in ("civil", "criminal"):
        for v in VARIANTS:
            for ext in (".png", ".jpg"):
                p = os.path.join(scans, f"{doc}-{v}{ext}")
                if os.path.exists(p):
                    out.append(p)
    out.append(os.path.join(scans, "civil-colour.jpg"))
    out.append(os.path.join(scans, "scanned.pdf"))
    out.append(os.path.join(scans, "multi10.tif"))
    return out


def truth_of(path):
    return read(os.path.splitext(path)[0] + ".txt")


def pingcha_texts(pingcha, pipeline, files, jobs=1):
    out = subprocess.run([pingcha, "score", "--quiet", "--jobs", str(jobs), "--format", "jsonl", "--pipeline", pipeline]
                         + files, capture_output=True, text=True)
    res = {}
    for line in out.stdout.splitlines():
        d = json.loads(line)
        res[d["source"]["path"]] = d["text"] if d["status"] == "ok" else None
    if not res:
        raise RuntimeError(f"pingcha gave no results (exit {out.returncode}): {out.stderr.strip()[:300]}")
    return res


def tesseract_text(path, lang, psm, tmp):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    images = [path]
    if path.endswith(".pdf"):  # tesseract reads no PDF: rasterise the way a user would
        prefix = os.path.join(tmp, "pdfpage")
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", path, prefix], check=True)
        images = sorted(os.path.join(tmp, f) for f in os.listdir(tmp) if f.startswith("pdfpage"))
    texts = []
    for img in images:
        r = subprocess.run(["tesseract", img, "-", "-l", lang, "--psm", str(psm)], env=env, capture_output=True,
                           text=True)
        texts.append(r.stdout)
    for img in images:
        if img != path:
            os.remove(img)
    return "\n".join(texts)


def timed(cmd, env=None):
    """Wall seconds and max RSS (KB) of a command, via /usr/bin/time -v."""
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    u = re.search(r"User time \(seconds\): ([\d.]+)", r.stderr)
    sy = re.search(r"System time \(seconds\): ([\d.]+)", r.stderr)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed: {r.stderr[-300:]}")
    cpu = (float(u.group(1)) if u else 0) + (float(sy.group(1)) if sy else 0)
    return wall, int(m.group(1)) if m else 0, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pingcha", default=os.path.join(ROOT, "build", "bin", "pingcha"))
    ap.add_argument("--scans", default=None, help="folder made by testdata/scans/make_scans.py (default: regenerate)")
    ap.add_argument("--repeat", type=int, default=2, help="timing runs per command (the best is kept)")
    ap.add_argument("--quick", action="store_true", help="CER only, skip timing")
    ap.add_argument("--timing-only", action="store_true", help="skip the CER tables")
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="pingcha-ocr-bench-")
    try:
        scans = args.scans
        if not scans:
            scans = os.path.join(tmp, "scans")
            print(f"# generating scans into {scans} (testdata/scans/make_scans.py)", flush=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "testdata", "scans", "make_scans.py"), scans], check=True)
        files = files_in(scans)
        only_ocr = os.path.join(ROOT, "bench", "ocr-only.pipeline")
        hans = os.path.join(tmp, "ocr-hans.pipeline")
        with open(hans, "w") as f:
            f.write("decode ! ocr lang=script/HanS\n")
        configs = [("pingcha chi_sim", only_ocr), ("pingcha HanS", hans)]
        # The shipped `ocr` pipeline needs normalize/correct from the chinese plugin; use it when it loads.
        probe = subprocess.run([args.pingcha, "score", "--quiet", "--format", "jsonl", "--pipeline", "ocr",
                                os.path.join(scans, "civil-digital.pdf")], capture_output=True, text=True)
        if probe.returncode in (0, 1) and probe.stdout.strip():
            configs.append(("pingcha --pipeline ocr", "ocr"))
        else:
            print(f"# --pipeline ocr not usable here ({probe.stderr.strip()[:120]}); using decode ! ocr", flush=True)

        results = {}  # config -> {file: cer}
        if args.timing_only:
            configs = []
        for name, pipeline in configs:
            texts = pingcha_texts(args.pingcha, pipeline, files)
            results[name] = {f: (cer(truth_of(f), texts[f]) if texts.get(f) is not None else None) for f in files}
            print(f"# done {name}", flush=True)
        for lang, psm in () if args.timing_only else (("chi_sim", 6), ("chi_sim", 3), ("HanS", 6)):
            name = f"tesseract {lang} psm{psm}"
            results[name] = {f: cer(truth_of(f), tesseract_text(f, lang, psm, tmp)) for f in files}
            print(f"# done {name}", flush=True)

        names = list(results)
        if names:
            print_cer(names, results, files)
        if args.quick:
            return
        timing_part(args, scans, only_ocr, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def print_cer(names, results, files):
    print("\n## CER per variant (lower is better; whitespace removed, NFKC)\n")
    print("| file | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for f in files:
        cells = []
        for n in names:
            v = results[n][f]
            cells.append("fail" if v is None else f"{100 * v:.2f}%")
        print(f"| {os.path.basename(f)} | " + " | ".join(cells) + " |")
    means = []
    for n in names:
        vals = [v for v in results[n].values() if v is not None]
        means.append(f"{100 * sum(vals) / len(vals):.2f}%")
    print("| **mean** | " + " | ".join(means) + " |")


def timing_part(args, scans, only_ocr, tmp):
    tif = os.path.join(scans, "multi10.tif")
    env1 = dict(os.environ, OMP_THREAD_LIMIT="1")
    pages_dir = os.path.join(tmp, "pages")
    os.makedirs(pages_dir)
    subprocess.run(["convert", tif, os.path.join(pages_dir, "p%02d.tif")], check=True)
    page_files = sorted(os.path.join(pages_dir, f) for f in os.listdir(pages_dir))
    seq_script = os.path.join(tmp, "seq.sh")
    with open(seq_script, "w") as f:
        f.write("#!/bin/sh\nfor p in " + " ".join(page_files) + "; do tesseract $p - -l chi_sim --psm 6 >/dev/null"
                " 2>&1 || exit 1; done\n")
    os.chmod(seq_script, 0o755)
    runs = {
        "tesseract, 10 single-page files one after another": ["/bin/sh", seq_script],
        "tesseract multi10.tif (one process, 10 pages)": ["tesseract", tif, os.path.join(tmp, "t"), "-l", "chi_sim",
                                                          "--psm", "6"],
        "pingcha --jobs 1": [args.pingcha, "score", "--quiet", "--jobs", "1", "--format", "jsonl", "--pipeline",
                             only_ocr, tif],
        "pingcha --jobs 2": [args.pingcha, "score", "--quiet", "--jobs", "2", "--format", "jsonl", "--pipeline",
                             only_ocr, tif],
    }
    timing = {k: [] for k in runs}
    for _ in range(args.repeat):  # interleaved, so that load from others hits every command alike
        for k, cmd in runs.items():
            timing[k].append(timed(cmd, env1))
    base = min(w for w, _, _ in timing["tesseract, 10 single-page files one after another"])
    base1 = min(w for w, _, _ in timing["tesseract multi10.tif (one process, 10 pages)"])
    cpu1 = min(c for _, _, c in timing["tesseract multi10.tif (one process, 10 pages)"])
    print(f"\n## Wall time, 10-page 300-dpi TIFF (best of {args.repeat}; OMP_THREAD_LIMIT=1 for all)\n")
    print("| command | wall s (all runs) | best s | vs tesseract per page | vs tesseract one process | "
          "CPU s (best) | CPU vs tesseract one process | max RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for k, v in timing.items():
        best = min(w for w, _, _ in v)
        cpu = min(c for _, _, c in v)
        rss = max(r for _, r, _ in v) / 1024
        print(f"| {k} | {', '.join(f'{w:.1f}' for w, _, _ in v)} | {best:.1f} | {best / base:.2f}x | "
              f"{best / base1:.2f}x | {cpu:.1f} | {cpu / cpu1:.2f}x | {rss:.0f} |")
    load = os.getloadavg()
    print(f"\nload average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (nproc {os.cpu_count()})")


if __name__ == "__main__":
    main()
